package dev.ledgersim.ledger.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What one in-memory store name keeps across opens, like a disk surviving a restart: a
 * {@link SortedBytesMap} per column ever opened, and the one lock that guards them all.
 *
 * <p>The lock belongs to the disk, not to a store view: every {@link InMemoryKvStore} opened on this disk
 * (one at a time through {@link InMemoryKvStoreFactory}, but a closed view and its iterators may still be
 * reachable) takes this same lock before touching a map, so two views can never read and write a
 * (thread-unsafe) map under different locks.
 */
final class InMemoryDisk {

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, SortedBytesMap> maps = new HashMap<>();

    /** The lock guarding every map of this disk: read lock for reads, write lock for changes. */
    ReadWriteLock lock() {
        return lock;
    }

    /**
     * The maps of {@code columns}, creating the missing ones empty; the disk's other columns stay as they
     * are. The returned map is immutable; the column maps in it are to be used under {@link #lock()}.
     */
    Map<String, SortedBytesMap> columns(Set<String> columns) {
        lock.writeLock().lock();
        try {
            Map<String, SortedBytesMap> view = new HashMap<>();
            for (String column : columns) {
                view.put(column, maps.computeIfAbsent(column, c -> new SortedBytesMap()));
            }
            return Map.copyOf(view);
        } finally {
            lock.writeLock().unlock();
        }
    }
}
