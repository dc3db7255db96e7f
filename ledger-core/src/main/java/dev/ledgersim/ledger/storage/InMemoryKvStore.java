package dev.ledgersim.ledger.storage;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link KvStore} in sorted in-memory maps: one {@link ConcurrentSkipListMap} per column, ordered by
 * unsigned bytes. Nothing is written to disk.
 *
 * <p>Made directly, the data lives as long as the object. Made by {@link KvStoreFactory#inMemory()},
 * the data belongs to the factory and is found again when the same name is reopened, like a disk
 * surviving a node restart.
 *
 * <p>Batches are applied under a write lock, point reads take the read lock, so a {@link #get} sees a
 * batch entirely or not at all; iterators are weakly consistent (they may or may not see a batch
 * written while they run). Thread-safe.
 */
public final class InMemoryKvStore implements KvStore {

    /** Unsigned lexicographic order, RocksDB's default {@code BytewiseComparator}. */
    static final Comparator<byte[]> UNSIGNED = Arrays::compareUnsigned;

    private final String name;
    private final Set<String> columns;
    private final Map<String, ConcurrentNavigableMap<byte[], byte[]>> data;
    private final Runnable onClose;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile boolean closed;

    /** An empty store with {@code columns}; its data is gone once it is unreachable. */
    public InMemoryKvStore(Set<String> columns) {
        this("in-memory", columns, new HashMap<>(), () -> { });
    }

    /**
     * A view of {@code disk} (column name to sorted map) with {@code columns}; columns missing from
     * {@code disk} are created in it, columns of {@code disk} not asked for stay there untouched.
     */
    InMemoryKvStore(String name, Set<String> columns, Map<String, ConcurrentNavigableMap<byte[], byte[]>> disk, Runnable onClose) {
        this.name = Objects.requireNonNull(name, "name");
        this.columns = Checks.columnNames(columns);
        Map<String, ConcurrentNavigableMap<byte[], byte[]>> view = new HashMap<>();
        for (String column : this.columns) {
            view.put(column, disk.computeIfAbsent(column, c -> new ConcurrentSkipListMap<>(UNSIGNED)));
        }
        this.data = Map.copyOf(view);
        this.onClose = onClose;
    }

    @Override
    public Set<String> columns() {
        return columns;
    }

    @Override
    public byte[] get(String column, byte[] key) {
        NavigableMap<byte[], byte[]> map = column(column);
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
        return new MapIterator(range(column, fromInclusive, toExclusive));
    }

    @Override
    public KvIterator iterateDescending(String column, byte[] fromInclusive, byte[] toExclusive) {
        return new MapIterator(range(column, fromInclusive, toExclusive).descendingMap());
    }

    private NavigableMap<byte[], byte[]> range(String column, byte[] from, byte[] to) {
        NavigableMap<byte[], byte[]> map = column(column);
        Checks.range(from, to);
        checkOpen();
        if (from != null && to != null) {
            return map.subMap(from.clone(), true, to.clone(), false);
        } else if (from != null) {
            return map.tailMap(from.clone(), true);
        } else if (to != null) {
            return map.headMap(to.clone(), false);
        }
        return map;
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
                ConcurrentNavigableMap<byte[], byte[]> map = data.get(op.column());
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

    private ConcurrentNavigableMap<byte[], byte[]> column(String column) {
        Checks.column(column, columns);
        return data.get(column);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("store '" + name + "' is closed");
        }
    }

    /** A cursor over a (sub)map's entries. */
    private final class MapIterator implements KvIterator {
        private final Iterator<Map.Entry<byte[], byte[]>> entries;
        private Map.Entry<byte[], byte[]> current;
        private boolean exhausted;
        private boolean iteratorClosed;

        MapIterator(NavigableMap<byte[], byte[]> map) {
            this.entries = map.entrySet().iterator();
        }

        @Override
        public boolean next() {
            checkUsable();
            if (!exhausted && entries.hasNext()) {
                current = entries.next();
                return true;
            }
            exhausted = true;
            current = null;
            return false;
        }

        @Override
        public byte[] key() {
            return entry().getKey().clone();
        }

        @Override
        public byte[] value() {
            return entry().getValue().clone();
        }

        private Map.Entry<byte[], byte[]> entry() {
            checkUsable();
            if (current == null) {
                throw new IllegalStateException("no current entry: call next() and check that it returned true");
            }
            return current;
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
            current = null;
        }
    }
}
