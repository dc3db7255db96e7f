package dev.ledgersim.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link KvStore} contract on {@link RocksDbKvStore}, plus what is particular to RocksDB. */
class RocksDbKvStoreTest extends AbstractKvStoreContractTest {

    private static RocksDbResources resources;

    @TempDir
    Path dir;

    @BeforeAll
    static void openResources() {
        resources = new RocksDbResources(new RocksDbResources.Config(16L << 20, 8L << 20, 1L << 20, 2, 32, 2, false));
    }

    @AfterAll
    static void closeResources() {
        resources.close();
    }

    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.rocksDb(dir, resources);
    }

    @Test
    void reopeningTheDirectoryReplaysTheLogAndReadsFlushedFiles() {
        Path db = dir.resolve("db");
        byte[] big = new byte[64 * 1024];
        try (RocksDbKvStore store = RocksDbKvStore.open(db, Set.of("a", "b"), resources)) {
            // ~3 MiB: more than one 1 MiB memtable, so some of it reaches SST files.
            for (int batchNo = 0; batchNo < 48; batchNo++) {
                WriteBatch batch = store.newBatch();
                big[0] = (byte) batchNo;
                batch.put("a", b("big" + batchNo), big);
                batch.put("b", b("n" + batchNo), b("v" + batchNo));
                store.write(batch);
            }
            assertEquals(db, store.directory());
        }
        assertTrue(Files.exists(db.resolve("CURRENT")));
        try (RocksDbKvStore store = RocksDbKvStore.open(db, Set.of("a", "b"), resources)) {
            for (int batchNo = 0; batchNo < 48; batchNo++) {
                big[0] = (byte) batchNo;
                assertArrayEquals(big, store.get("a", b("big" + batchNo)));
                assertEquals("v" + batchNo, s(store.get("b", b("n" + batchNo))));
            }
        }
    }

    @Test
    void aColumnNamedDefaultIsRocksDbsDefaultColumnFamily() {
        Path db = dir.resolve("db");
        try (RocksDbKvStore store = RocksDbKvStore.open(db, Set.of("default", "x"), resources)) {
            put(store, "default", "k", "v");
        }
        try (RocksDbKvStore store = RocksDbKvStore.open(db, Set.of("default"), resources)) {
            assertEquals("v", s(store.get("default", b("k"))));
        }
    }

    @Test
    void aLockedDirectoryFailsWithItsPath() {
        Path db = dir.resolve("locked");
        try (RocksDbKvStore first = RocksDbKvStore.open(db, Set.of("a"), resources)) {
            StorageException e = assertThrows(StorageException.class, () -> RocksDbKvStore.open(db, Set.of("a"), resources));
            assertTrue(e.getMessage().contains(db.toString()), e.getMessage());
            put(first, "a", "k", "still works");
            assertEquals("still works", s(first.get("a", b("k"))));
        }
    }

    @Test
    void closingTheResourcesClosesStoresLeftOpen() {
        RocksDbResources own = new RocksDbResources(new RocksDbResources.Config(4L << 20, 2L << 20, 256L << 10, 2, 16, 1, true));
        RocksDbKvStore store = RocksDbKvStore.open(dir.resolve("left-open"), Set.of("a"), own);
        KvIterator it = store.iterate("a", null, null);
        put(store, "a", "k", "v");
        assertEquals(1, own.openStoreCount());
        assertTrue(own.blockCacheUsageBytes() <= own.config().blockCacheBytes());
        own.close();
        assertEquals(0, own.openStoreCount());
        assertThrows(IllegalStateException.class, () -> store.get("a", b("k")));
        assertThrows(IllegalStateException.class, it::next);
        assertThrows(IllegalStateException.class, own::blockCacheUsageBytes);
        assertThrows(IllegalStateException.class, () -> RocksDbKvStore.open(dir.resolve("other"), Set.of("a"), own));
        // The data was written with sync on and survives in its directory.
        try (RocksDbKvStore reopened = RocksDbKvStore.open(dir.resolve("left-open"), Set.of("a"), resources)) {
            assertEquals("v", s(reopened.get("a", b("k"))));
        }
    }

    @Test
    void factoryKeepsOneDirectoryPerNameAndDiscardDeletesIt() {
        KvStore store = factory().open("peer0.ledger", Set.of("a"));
        put(store, "a", "k", "v");
        store.close();
        assertTrue(Files.isDirectory(dir.resolve("peer0.ledger")));
        factory().discard("peer0.ledger");
        assertFalse(Files.exists(dir.resolve("peer0.ledger")));
        KvStore fresh = open("peer0.ledger", "a");
        assertNull(fresh.get("a", b("k")));
    }

    @Test
    void configIsValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RocksDbResources.Config(8L << 20, 16L << 20, 1L << 20, 2, 64, 2, false));
        assertTrue(e.getMessage().contains("writeBufferManagerBytes"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new RocksDbResources.Config(8L << 20, 4L << 20, 1L << 20, 1, 64, 2, false));
        assertThrows(IllegalArgumentException.class, () -> new RocksDbResources.Config(8L << 20, 4L << 20, 1L << 20, 2, 4, 2, false));
        RocksDbResources.Config defaults = RocksDbResources.Config.defaults();
        assertTrue(defaults.writeBufferManagerBytes() <= defaults.blockCacheBytes());
    }
}
