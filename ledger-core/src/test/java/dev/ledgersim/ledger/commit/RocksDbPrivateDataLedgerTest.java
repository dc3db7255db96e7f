package dev.ledgersim.ledger.commit;

import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.RocksDbResources;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;

/** Private data in the channel ledger over RocksDB. */
class RocksDbPrivateDataLedgerTest extends AbstractPrivateDataLedgerTest {

    private static final RocksDbResources RESOURCES = RocksDbResources.withDefaults();

    @TempDir
    Path dir;

    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.rocksDb(dir, RESOURCES);
    }

    @AfterAll
    static void release() {
        RESOURCES.close();
    }
}
