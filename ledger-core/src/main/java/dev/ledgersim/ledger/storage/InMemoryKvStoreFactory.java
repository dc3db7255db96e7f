package dev.ledgersim.ledger.storage;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@link KvStoreFactory#inMemory()}: the stores' data live here, one {@link InMemoryDisk} per name, so
 * reopening a name finds its data (and the same lock guarding it).
 */
final class InMemoryKvStoreFactory implements KvStoreFactory {

    private final Map<String, InMemoryDisk> disks = new HashMap<>();
    private final Set<String> open = new HashSet<>();

    @Override
    public synchronized KvStore open(String name, Set<String> columns) {
        Checks.storeName(name);
        if (open.contains(name)) {
            throw new IllegalStateException("in-memory store '" + name + "' is already open");
        }
        // computeIfAbsent on a plain HashMap, read and changed only under this lock.
        InMemoryDisk disk = disks.computeIfAbsent(name, n -> new InMemoryDisk());
        InMemoryKvStore store = new InMemoryKvStore(name, columns, disk, () -> closed(name));
        open.add(name);
        return store;
    }

    private synchronized void closed(String name) {
        open.remove(name);
    }

    @Override
    public synchronized void discard(String name) {
        Checks.storeName(name);
        for (String o : open) {
            if (Checks.isUnder(o, name)) {
                throw new IllegalStateException("cannot discard in-memory store '" + name + "': '" + o + "' is open");
            }
        }
        disks.keySet().removeIf(n -> Checks.isUnder(n, name));
    }

    @Override
    public String toString() {
        return "KvStoreFactory.inMemory()";
    }
}
