package dev.ledgersim.ledger.storage;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;

/**
 * A {@link KvStore} in sorted in-memory maps: one {@link SortedBytesMap} (a B+tree) per column, ordered by
 * unsigned bytes. Nothing is written to disk.
 *
 * <p>Made directly, the data lives as long as the object. Made by {@link KvStoreFactory#inMemory()},
 * the data belongs to the factory and is found again when the same name is reopened, like a disk
 * surviving a node restart.
 *
 * <p>Batches are applied under a write lock, point reads take the read lock, so a {@link #get} sees a
 * batch entirely or not at all. The lock belongs to the data (an {@link InMemoryDisk}), so a reopened
 * store and an earlier view of the same name share it. Iterators are weakly consistent: they read a
 * chunk of entries at a time under the read lock and continue strictly after (descending: before) the
 * last key returned, so they never return a key twice or go backwards, return every key present in the
 * range for their whole run, and may or may not see a batch written while they run (a value is the one
 * current when its chunk was read). Thread-safe.
 */
public final class InMemoryKvStore implements KvStore {

    /** Entries an iterator reads under the lock the first time: a short scan pays for no more. */
    private static final int FIRST_CHUNK = 16;
    /** The largest chunk an iterator reads at once (chunks double up to it), bounding how long it holds the lock. */
    private static final int MAX_CHUNK = 128;

    private final String name;
    private final Set<String> columns;
    private final Map<String, SortedBytesMap> data;
    private final ReadWriteLock lock;
    private final Runnable onClose;
    private volatile boolean closed;

    /** An empty store with {@code columns}; its data is gone once it is unreachable. */
    public InMemoryKvStore(Set<String> columns) {
        this("in-memory", columns, new InMemoryDisk(), () -> { });
    }

    /**
     * A view of {@code disk} with {@code columns}; columns missing from {@code disk} are created in it,
     * columns of {@code disk} not asked for stay there untouched. Every access takes the disk's lock.
     */
    InMemoryKvStore(String name, Set<String> columns, InMemoryDisk disk, Runnable onClose) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = Checks.columnNames(columns);
        this.data = disk.columns(this.columns);
        this.lock = disk.lock();
        this.onClose = onClose;
    }

    @Override
    public Set<String> columns() {
        return columns;
    }

    @Override
    public byte[] get(String column, byte[] key) {
        SortedBytesMap map = column(column);
        Objects.requireNonNull(key, "key");
        lock.readLock().lock();
        try {
            checkOpen();
            byte[] value = map.get(key);
            return value == null ? null : value.clone();
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
        SortedBytesMap map = column(column);
        Checks.range(from, to);
        checkOpen();
        return new ChunkedIterator(map, from == null ? null : from.clone(), to == null ? null : to.clone(), descending);
    }

    @Override
    public WriteBatch newBatch() {
        checkOpen();
        return new WriteBatch(columns);
    }

    @Override
    public void write(WriteBatch batch) {
        Objects.requireNonNull(batch, "batch");
        lock.writeLock().lock();
        try {
            checkOpen();
            batch.checkWritableTo(columns);
            // The batch holds private copies and is sealed below, so its arrays can be stored as they are.
            for (WriteBatch.Op op : batch.ops()) {
                SortedBytesMap map = data.get(op.column());
                if (op.value() == null) {
                    map.remove(op.key());
                } else {
                    map.put(op.key(), op.value());
                }
            }
            batch.markWritten();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lock.writeLock().unlock();
        }
        onClose.run();
    }

    @Override
    public String toString() {
        return "InMemoryKvStore[" + name + "]";
    }

    private SortedBytesMap column(String column) {
        Checks.column(column, columns);
        return data.get(column);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store '" + name + "' is closed");
        }
    }

    /**
     * A cursor over {@code from <= key < to} of one map that reads a chunk of entries under the read lock
     * and, once it has returned them all, the next chunk strictly beyond the last key returned.
     */
    private final class ChunkedIterator implements KvIterator {
        private final SortedBytesMap map;
        private final byte[] fromInclusive;
        private final byte[] toExclusive;
        private final boolean descending;
        private byte[][] chunkKeys = new byte[FIRST_CHUNK][];
        private byte[][] chunkValues = new byte[FIRST_CHUNK][];
        private int chunkSize;
        /** Index of the current entry in the chunk; -1 before the first entry of a chunk. */
        private int position = -1;
        /** Whether the last chunk read was short: the range held nothing more at that time. */
        private boolean lastChunk;
        private boolean exhausted;
        private boolean iteratorClosed;

        ChunkedIterator(SortedBytesMap map, byte[] fromInclusive, byte[] toExclusive, boolean descending) {
            this.map = map;
            this.fromInclusive = fromInclusive;
            this.toExclusive = toExclusive;
            this.descending = descending;
        }

        @Override
        public boolean next() {
            checkUsable();
            if (exhausted) {
                return false;
            }
            if (position + 1 < chunkSize) {
                position++;
                return true;
            }
            if (!lastChunk) {
                readNextChunk();
                if (chunkSize > 0) {
                    position = 0;
                    return true;
                }
            }
            exhausted = true;
            chunkKeys = null;
            chunkValues = null;
            chunkSize = 0;
            position = -1;
            return false;
        }

        private void readNextChunk() {
            // Before the first chunk the walk starts at the range's bound; then strictly beyond the last key.
            byte[] lastKey = chunkSize == 0 ? null : chunkKeys[chunkSize - 1];
            int max = chunkSize == 0 ? chunkKeys.length : Math.min(2 * chunkKeys.length, MAX_CHUNK);
            if (max > chunkKeys.length) {
                chunkKeys = new byte[max][];
                chunkValues = new byte[max][];
            }
            int read;
            lock.readLock().lock();
            try {
                checkOpen();
                chunkSize = 0;
                if (!descending) {
                    read = map.collect(lastKey == null ? fromInclusive : lastKey, lastKey == null, toExclusive, false, false, max, this::add);
                } else {
                    read = map.collect(lastKey == null ? toExclusive : lastKey, false, fromInclusive, true, true, max, this::add);
                }
            } finally {
                lock.readLock().unlock();
            }
            lastChunk = read < max;
        }

        private void add(byte[] key, byte[] value) {
            chunkKeys[chunkSize] = key;
            chunkValues[chunkSize] = value;
            chunkSize++;
        }

        @Override
        public byte[] key() {
            checkCurrent();
            return chunkKeys[position].clone();
        }

        @Override
        public byte[] value() {
            checkCurrent();
            return chunkValues[position].clone();
        }

        private void checkCurrent() {
            checkUsable();
            if (position < 0) {
                throw new IllegalStateException("no current entry: call next() and check that it returned true");
            }
        }

        private void checkUsable() {
            if (iteratorClosed) {
                throw new IllegalStateException("iterator is closed");
            }
            checkOpen();
        }

        @Override
        public void close() {
            iteratorClosed = true;
            chunkKeys = null;
            chunkValues = null;
            chunkSize = 0;
            position = -1;
        }
    }
}
