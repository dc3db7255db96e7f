package dev.ledgersim.ledger.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.DBOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link KvStore} in one RocksDB database in a directory: each column is a column family, each
 * batch one atomic RocksDB write with the write-ahead log on, so a crash loses no written batch and
 * never half of one. Reopening the directory recovers the data; columns asked for that the database
 * lacks are created, and column families it has but were not asked for are opened (RocksDB requires it)
 * but not exposed. Memory and threads come from the shared {@link RocksDbResources}.
 *
 * <p>Iterators read a snapshot taken when they are created. Thread-safe: native calls run under a read
 * lock that {@link #close()} takes exclusively, so closing never races a read.
 */
public final class RocksDbKvStore implements KvStore {

    private static final Logger log = LoggerFactory.getLogger(RocksDbKvStore.class);
    private static final String DEFAULT_COLUMN = new String(RocksDB.DEFAULT_COLUMN_FAMILY, StandardCharsets.UTF_8);

    private final Path dir;
    private final Set<String> columns;
    private final RocksDbResources resources;
    private final Runnable onClose;
    private final DBOptions dbOptions;
    private final ColumnFamilyOptions columnFamilyOptions;
    private final WriteOptions writeOptions;
    private final RocksDB db;
    private final List<ColumnFamilyHandle> allHandles;
    private final Map<String, ColumnFamilyHandle> handles;
    private final Set<RocksIteratorCursor> openIterators = ConcurrentHashMap.newKeySet();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed; // guarded by lock

    private RocksDbKvStore(Path dir, Set<String> columns, RocksDbResources resources, Runnable onClose,
                           DBOptions dbOptions, ColumnFamilyOptions columnFamilyOptions, WriteOptions writeOptions,
                           RocksDB db, List<ColumnFamilyHandle> allHandles, Map<String, ColumnFamilyHandle> handles) {
        this.dir = dir;
        this.columns = columns;
        this.resources = resources;
        this.onClose = onClose;
        this.dbOptions = dbOptions;
        this.columnFamilyOptions = columnFamilyOptions;
        this.writeOptions = writeOptions;
        this.db = db;
        this.allHandles = allHandles;
        this.handles = handles;
    }

    /**
     * Opens (creating if needed) the database in {@code dir} with {@code columns}.
     *
     * @throws StorageException if RocksDB cannot open it (for example, it is already open, locked by
     *     another store, or corrupt); the message names the directory
     */
    public static RocksDbKvStore open(Path dir, Set<String> columns, RocksDbResources resources) {
        return open(dir, columns, resources, () -> { });
    }

    static RocksDbKvStore open(Path dir, Set<String> columns, RocksDbResources resources, Runnable onClose) {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(resources, "resources");
        Set<String> wanted = Checks.columnNames(columns);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create RocksDB directory " + dir, e);
        }
        LinkedHashSet<String> families = new LinkedHashSet<>();
        families.add(DEFAULT_COLUMN);
        families.addAll(existingColumnFamilies(dir));
        families.addAll(wanted.stream().sorted().toList());

        DBOptions dbOptions = resources.newDbOptions();
        ColumnFamilyOptions cfOptions = resources.newColumnFamilyOptions();
        WriteOptions writeOptions = new WriteOptions().setSync(resources.config().syncWrites());
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (String family : families) {
            descriptors.add(new ColumnFamilyDescriptor(family.getBytes(StandardCharsets.UTF_8), cfOptions));
        }
        List<ColumnFamilyHandle> allHandles = new ArrayList<>();
        RocksDB db;
        try {
            db = RocksDB.open(dbOptions, dir.toString(), descriptors, allHandles);
        } catch (RocksDBException e) {
            allHandles.forEach(ColumnFamilyHandle::close);
            writeOptions.close();
            cfOptions.close();
            dbOptions.close();
            throw new StorageException("cannot open RocksDB at " + dir + " with columns " + families + ": " + e.getMessage(), e);
        }
        Map<String, ColumnFamilyHandle> handles = new HashMap<>();
        int i = 0;
        for (String family : families) {
            if (wanted.contains(family)) {
                handles.put(family, allHandles.get(i));
            }
            i++;
        }
        if (families.size() > wanted.size() + (wanted.contains(DEFAULT_COLUMN) ? 0 : 1)) {
            log.debug("{}: column families {} present on disk but not asked for; kept unexposed", dir, families);
        }
        RocksDbKvStore store = new RocksDbKvStore(dir, wanted, resources, onClose, dbOptions, cfOptions, writeOptions,
                db, List.copyOf(allHandles), Map.copyOf(handles));
        try {
            resources.register(store);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static List<String> existingColumnFamilies(Path dir) {
        if (!Files.exists(dir.resolve("CURRENT"))) {
            return List.of();
        }
        try (Options options = new Options()) {
            List<String> names = new ArrayList<>();
            for (byte[] name : RocksDB.listColumnFamilies(options, dir.toString())) {
                names.add(new String(name, StandardCharsets.UTF_8));
            }
            return names;
        } catch (RocksDBException e) {
            throw new StorageException("cannot list the column families of RocksDB at " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The directory holding the database. */
    public Path directory() {
        return dir;
    }

    @Override
    public Set<String> columns() {
        return columns;
    }

    @Override
    public byte[] get(String column, byte[] key) {
        Checks.column(column, columns);
        Objects.requireNonNull(key, "key");
        lock.readLock().lock();
        try {
            checkOpen();
            return db.get(handles.get(column), key);
        } catch (RocksDBException e) {
            throw new StorageException("get failed in column '" + column + "' of RocksDB at " + dir + ": " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public KvIterator iterate(String column, byte[] fromInclusive, byte[] toExclusive) {
        return newIterator(column, fromInclusive, toExclusive, false);
    }

    @Override
    public KvIterator iterateDescending(String column, byte[] fromInclusive, byte[] toExclusive) {
        return newIterator(column, fromInclusive, toExclusive, true);
    }

    private KvIterator newIterator(String column, byte[] from, byte[] to, boolean descending) {
        Checks.column(column, columns);
        Checks.range(from, to);
        lock.readLock().lock();
        try {
            checkOpen();
            RocksIteratorCursor cursor = new RocksIteratorCursor(column, handles.get(column), from, to, descending);
            openIterators.add(cursor);
            return cursor;
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public WriteBatch newBatch() {
        lock.readLock().lock();
        try {
            checkOpen();
            return new WriteBatch(columns);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        lock.readLock().lock();
        try (org.rocksdb.WriteBatch rocksBatch = new org.rocksdb.WriteBatch()) {
            checkOpen();
            batch.checkWritableTo(columns);
            for (WriteBatch.Op op : batch.ops()) {
                ColumnFamilyHandle handle = handles.get(op.column());
                if (op.value() == null) {
                    rocksBatch.delete(handle, op.key());
                } else {
                    rocksBatch.put(handle, op.key(), op.value());
                }
            }
            db.write(writeOptions, rocksBatch);
            batch.markWritten();
        } catch (RocksDBException e) {
            throw new StorageException("write of a " + batch.size() + "-operation batch failed in RocksDB at " + dir
                    + ": " + e.getMessage(), e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Closes open iterators, then the column family handles, the database and its options, in that
     * order (RocksDB's rule). Idempotent.
     *
     * @throws StorageException if RocksDB reports an error while closing; every handle is released anyway
     */
    @Override
    public void close() {
        RocksDBException failure = null;
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (!openIterators.isEmpty()) {
                log.warn("{}: closing {} iterator(s) left open", this, openIterators.size());
                for (RocksIteratorCursor cursor : List.copyOf(openIterators)) {
                    cursor.release();
                }
            }
            allHandles.forEach(ColumnFamilyHandle::close);
            try {
                db.closeE();
            } catch (RocksDBException e) {
                failure = e;
            }
            writeOptions.close();
            columnFamilyOptions.close();
            dbOptions.close();
        } finally {
            lock.writeLock().unlock();
            resources.unregister(this);
        }
        onClose.run();
        if (failure != null) {
            throw new StorageException("closing RocksDB at " + dir + " failed: " + failure.getMessage(), failure);
        }
    }

    @Override
    public String toString() {
        return "RocksDbKvStore[" + dir + "]";
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store at " + dir + " is closed");
        }
    }

    /** A RocksDB iterator over a bounded range, with the read options and slices it needs. */
    private final class RocksIteratorCursor implements KvIterator {
        private final String column;
        private final boolean descending;
        private final Slice lower;
        private final Slice upper;
        private final ReadOptions readOptions;
        private final RocksIterator iterator;
        private boolean started;
        private boolean valid;
        private boolean released; // guarded by the store lock (read for next/key/value, write for close of store)

        RocksIteratorCursor(String column, ColumnFamilyHandle handle, byte[] from, byte[] to, boolean descending) {
            this.column = column;
            this.descending = descending;
            this.lower = from == null ? null : new Slice(from);
            this.upper = to == null ? null : new Slice(to);
            this.readOptions = new ReadOptions();
            if (lower != null) {
                readOptions.setIterateLowerBound(lower);
            }
            if (upper != null) {
                readOptions.setIterateUpperBound(upper);
            }
            this.iterator = db.newIterator(handle, readOptions);
            // With the bounds set, seekToFirst/seekToLast stay within [from, to).
            if (descending) {
                iterator.seekToLast();
            } else {
                iterator.seekToFirst();
            }
        }

        @Override
        public boolean next() {
            lock.readLock().lock();
            try {
                checkUsable();
                if (started && valid) {
                    if (descending) {
                        iterator.prev();
                    } else {
                        iterator.next();
                    }
                } else if (started) {
                    return false;
                }
                started = true;
                valid = iterator.isValid();
                if (!valid) {
                    iterator.status();
                }
                return valid;
            } catch (RocksDBException e) {
                valid = false;
                throw new StorageException("iteration failed in column '" + column + "' of RocksDB at " + dir + ": "
                        + e.getMessage(), e);
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public byte[] key() {
            lock.readLock().lock();
            try {
                checkCurrent();
                return iterator.key();
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        public byte[] value() {
            lock.readLock().lock();
            try {
                checkCurrent();
                return iterator.value();
            } finally {
                lock.readLock().unlock();
            }
        }

        private void checkCurrent() {
            checkUsable();
            if (!started || !valid) {
                throw new IllegalStateException("no current entry: call next() and check that it returned true");
            }
        }

        private void checkUsable() {
            if (released) {
                throw new IllegalStateException(closed ? "store at " + dir + " is closed" : "iterator is closed");
            }
        }

        @Override
        public void close() {
            lock.readLock().lock();
            try {
                release();
            } finally {
                lock.readLock().unlock();
            }
        }

        /** Frees the native iterator, then its options and bound slices. Idempotent. */
        void release() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            openIterators.remove(this);
            iterator.close();
            readOptions.close();
            if (lower != null) {
                lower.close();
            }
            if (upper != null) {
                upper.close();
            }
        }
    }
}
