package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.RocksDbResources;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The {@link HistoryIndex} contract on RocksDB storage. */
class RocksDbHistoryIndexTest extends AbstractHistoryIndexTest {

    private static RocksDbResources resources;

    @TempDir
    Path dir;

    @BeforeAll
    static void openResources() {
        resources = new RocksDbResources(new RocksDbResources.Config(8L << 20, 4L << 20, 1L << 20, 2, 32, 2, false));
    }

    @AfterAll
    static void closeResources() {
        resources.close();
    }

    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.rocksDb(dir, resources);
    }
}
