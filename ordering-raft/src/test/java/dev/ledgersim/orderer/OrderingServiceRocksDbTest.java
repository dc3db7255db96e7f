package dev.ledgersim.orderer;

import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.RocksDbResources;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The ordering service over RocksDB stores in a temporary directory. */
class OrderingServiceRocksDbTest extends AbstractOrderingServiceTest {

    @TempDir
    Path dir;

    private RocksDbResources resources;
    private KvStoreFactory storage;

    @Override
    protected KvStoreFactory storage() {
        if (storage == null) {
            resources = RocksDbResources.withDefaults();
            storage = KvStoreFactory.rocksDb(dir, resources);
        }
        return storage;
    }

    @AfterEach
    void closeResources() {
        closeClusters();
        if (resources != null) {
            resources.close();
        }
    }
}
