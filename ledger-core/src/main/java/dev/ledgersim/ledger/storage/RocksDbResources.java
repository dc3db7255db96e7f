package dev.ledgersim.ledger.storage;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Priority;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The native memory and threads shared by every {@link RocksDbKvStore} of a JVM: one LRU block cache,
 * one {@link WriteBufferManager} whose memtable memory is charged to that cache, one Bloom filter
 * policy, and the background thread pools of RocksDB's process-wide default {@link Env}. A simulated
 * network runs dozens of databases in one process, so they draw on one budget instead of one each:
 * data, index and filter blocks of all stores share {@link Config#blockCacheBytes()}, and once the
 * memtables of all stores together pass {@link Config#writeBufferManagerBytes()}, the next store written
 * to flushes. Memtables and the index and filter blocks of level-0 files are pinned, so the cache can
 * run over its capacity by roughly what they hold; each store also keeps up to
 * {@link Config#maxOpenFiles()} table readers and some bookkeeping. (Measured with the defaults, 60
 * stores written 2 MB each as fast as possible: the cache peaked at about 100 MB, flushes lagging.)
 *
 * <p>Create one per network (or per JVM), pass it to every store, close it last. Closing it closes any
 * store still open (with a warning) before releasing the cache. The thread pools belong to the process:
 * they are only ever grown to {@link Config#backgroundThreads()}, never shrunk. Thread-safe.
 */
public final class RocksDbResources implements AutoCloseable {

    static {
        RocksDB.loadLibrary();
    }

    private static final Logger log = LoggerFactory.getLogger(RocksDbResources.class);

    /**
     * Sizes of the shared resources and of each store's memtables.
     *
     * @param blockCacheBytes capacity of the shared LRU block cache, which also holds index and filter
     *     blocks and is charged with the memtables of every store
     * @param writeBufferManagerBytes total memtable memory of all stores; above it, the largest memtables
     *     are flushed. Must not exceed {@code blockCacheBytes}
     * @param writeBufferBytes memtable size of one column family ({@code write_buffer_size})
     * @param maxWriteBuffers memtables per column family, mutable plus immutable ({@code max_write_buffer_number})
     * @param maxOpenFiles SST files a store keeps open ({@code max_open_files}), bounding file handles and table-cache memory
     * @param backgroundThreads flush and compaction threads in the shared pools, and each store's {@code max_background_jobs}
     * @param syncWrites whether every batch fsyncs the write-ahead log; without it a batch survives a
     *     process crash (the log is written before {@code write} returns) but not a machine crash
     */
    public record Config(long blockCacheBytes, long writeBufferManagerBytes, long writeBufferBytes, int maxWriteBuffers,
                         int maxOpenFiles, int backgroundThreads, boolean syncWrites) {

        /** Validates. */
        public Config {
            if (blockCacheBytes < (1 << 20)) {
                throw new IllegalArgumentException("blockCacheBytes must be at least 1 MiB, got " + blockCacheBytes);
            }
            if (writeBufferManagerBytes <= 0 || writeBufferManagerBytes > blockCacheBytes) {
                throw new IllegalArgumentException("writeBufferManagerBytes must be within 1.." + blockCacheBytes
                        + " (it is charged to the block cache), got " + writeBufferManagerBytes);
            }
            if (writeBufferBytes < (64 << 10) || writeBufferBytes > writeBufferManagerBytes) {
                throw new IllegalArgumentException("writeBufferBytes must be within 64 KiB.." + writeBufferManagerBytes
                        + ", got " + writeBufferBytes);
            }
            if (maxWriteBuffers < 2) {
                throw new IllegalArgumentException("maxWriteBuffers must be at least 2 (one mutable, one flushing), got " + maxWriteBuffers);
            }
            if (maxOpenFiles < 16) {
                throw new IllegalArgumentException("maxOpenFiles must be at least 16, got " + maxOpenFiles);
            }
            if (backgroundThreads < 1) {
                throw new IllegalArgumentException("backgroundThreads must be at least 1, got " + backgroundThreads);
            }
        }

        /**
         * 128 MiB shared block cache, charged with up to 64 MiB of memtables (all stores together, so
         * a network of any size stays within them); 4 MiB memtables, 3 per column family — fewer, larger
         * flushes: with 1 MiB memtables flushing and compacting the blocks written by five nodes cost as much
         * CPU as the whole pipeline; 64 open files per store; 2 background threads; no fsync per batch.
         */
        public static Config defaults() {
            return new Config(128L << 20, 64L << 20, 4L << 20, 3, 64, 2, false);
        }
    }

    /**
     * Values at least this large (blocks, Raft entries, private write sets) are written once to blob
     * files, so compaction moves only their keys and a pointer instead of rewriting them level after level.
     * Blob files are LZ4-compressed by the flush threads: a block repeats its creators' and endorsers'
     * certificates in every transaction, so it shrinks a lot, and flushing is bound by how fast the disk
     * takes bytes (measured on a 2-core VM: 8,500–9,000 instead of 6,100–7,800 tx/s in the pipeline).
     */
    static final int BLOB_THRESHOLD = 1024;

    private final Config config;
    private final LRUCache blockCache;
    private final WriteBufferManager writeBufferManager;
    private final BloomFilter bloomFilter;
    private final Set<RocksDbKvStore> openStores = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Shared resources sized by {@code config}. */
    public RocksDbResources(Config config) {
        this.config = config;
        this.blockCache = new LRUCache(config.blockCacheBytes());
        this.writeBufferManager = new WriteBufferManager(config.writeBufferManagerBytes(), blockCache);
        this.bloomFilter = new BloomFilter(10);
        // The default Env is one per process; its pools are shared by every database that uses it.
        Env env = Env.getDefault();
        env.incBackgroundThreadsIfNeeded(config.backgroundThreads(), Priority.LOW);
        env.incBackgroundThreadsIfNeeded(1, Priority.HIGH);
        log.debug("RocksDB resources: {}", config);
    }

    /** Shared resources with {@link Config#defaults()}. */
    public static RocksDbResources withDefaults() {
        return new RocksDbResources(Config.defaults());
    }

    /** The configuration these resources were made with. */
    public Config config() {
        return config;
    }

    /** Bytes currently held in the shared block cache, memtable reservations included. */
    public long blockCacheUsageBytes() {
        checkOpen();
        return blockCache.getUsage();
    }

    /** Number of stores using these resources that are still open. */
    public int openStoreCount() {
        return openStores.size();
    }

    /** Options for one database; the caller closes them after the database. */
    DBOptions newDbOptions() {
        checkOpen();
        return new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setEnv(Env.getDefault())
                .setWriteBufferManager(writeBufferManager)
                .setMaxOpenFiles(config.maxOpenFiles())
                .setMaxBackgroundJobs(config.backgroundThreads())
                // With several column families, the WAL is kept until all of them flush; cap it so a
                // rarely written column cannot pin old logs.
                .setMaxTotalWalSize(4 * config.writeBufferBytes() * config.maxWriteBuffers())
                .setAvoidFlushDuringShutdown(false)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2)
                .setMaxLogFileSize(1L << 20)
                .setStatsDumpPeriodSec(0);
    }

    /** Options for every column family of one database; the caller closes them after the database. */
    ColumnFamilyOptions newColumnFamilyOptions() {
        checkOpen();
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setCacheIndexAndFilterBlocks(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setFilterPolicy(bloomFilter);
        return new ColumnFamilyOptions()
                .setWriteBufferSize(config.writeBufferBytes())
                .setMaxWriteBufferNumber(config.maxWriteBuffers())
                .setTableFormatConfig(table)
                .setCompressionType(org.rocksdb.CompressionType.NO_COMPRESSION)
                .setEnableBlobFiles(true)
                .setMinBlobSize(BLOB_THRESHOLD)
                .setBlobCompressionType(org.rocksdb.CompressionType.LZ4_COMPRESSION);
    }

    synchronized void register(RocksDbKvStore store) {
        checkOpen();
        openStores.add(store);
    }

    void unregister(RocksDbKvStore store) {
        openStores.remove(store);
    }

    void checkOpen() {
        if (closed) {
            throw new IllegalStateException("RocksDB resources are closed");
        }
    }

    /** Closes every store still open, then the write-buffer manager, filter and block cache. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        List<RocksDbKvStore> leftOpen = List.copyOf(openStores);
        if (!leftOpen.isEmpty()) {
            log.warn("closing {} RocksDB store(s) left open: {}", leftOpen.size(), leftOpen);
            for (RocksDbKvStore store : leftOpen) {
                try {
                    store.close();
                } catch (RuntimeException e) {
                    log.warn("failed to close {}", store, e);
                }
            }
        }
        closed = true;
        writeBufferManager.close();
        bloomFilter.close();
        blockCache.close();
    }
}
