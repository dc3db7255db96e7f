package dev.ledgersim.orderer.raftlog;

import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.RocksDbResources;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** {@link RocksDbRaftStorage} over RocksDB in a temporary directory. */
class RocksDbRaftStorageRocksDbTest extends AbstractKvRaftStorageTest {

    @TempDir
    Path dir;

    private RocksDbResources resources;
    private KvStoreFactory factory;

    @Override
    protected KvStoreFactory factory() {
        if (factory == null) {
            resources = RocksDbResources.withDefaults();
            factory = KvStoreFactory.rocksDb(dir, resources);
        }
        return factory;
    }

    @AfterEach
    void closeResources() {
        closeStores();
        if (resources != null) {
            resources.close();
        }
    }
}
