package dev.ledgersim.ledger.storage;

import java.nio.file.Path;
import java.util.Set;

/**
 * Opens named {@link KvStore}s: the storage a node is built with. A peer opens, say, {@code "ledger"}
 * and {@code "transient"}; a restarted peer opens the same names again and finds its data.
 *
 * <p>Names are paths: segments of {@code [A-Za-z0-9_.-]+} separated by {@code /}, such as
 * {@code peer0/mychannel/state}, so that everything of one node can be wiped at once.
 *
 * <ul>
 *   <li>{@link #rocksDb(Path, RocksDbResources)}: one RocksDB database per name, in the directory
 *       {@code root/<name>}, all sharing one {@link RocksDbResources}.</li>
 *   <li>{@link #inMemory()}: the factory itself is the "disk". Closing a store keeps its data in the
 *       factory, and reopening the same name returns the same data, so a simulated crash and restart
 *       with in-memory storage behaves like one with RocksDB. {@link #discard(String)} is a wiped disk.</li>
 * </ul>
 *
 * <p>A name can be open once at a time. Thread-safe.
 */
public interface KvStoreFactory {

    /**
     * Opens the store {@code name} with {@code columns}, creating it or any missing column. Columns the
     * store already has but that are not asked for keep their data and are not exposed.
     *
     * @throws IllegalArgumentException if the name is not a valid path or a column name is empty
     * @throws IllegalStateException if {@code name} is already open from this factory
     * @throws StorageException if the engine cannot open it
     */
    KvStore open(String name, Set<String> columns);

    /**
     * Forgets the store {@code name} and every store under it ({@code name/...}); RocksDB: deletes the
     * directory. {@code discard("peer0")} is peer0's disk wiped. Discarding an unknown name does nothing.
     *
     * @throws IllegalStateException if one of those stores is open
     * @throws StorageException if the files cannot be deleted
     */
    void discard(String name);

    /** A factory keeping every store in memory, for as long as the factory is reachable. */
    static KvStoreFactory inMemory() {
        return new InMemoryKvStoreFactory();
    }

    /** A factory opening RocksDB databases under {@code root}, one subdirectory per name. */
    static KvStoreFactory rocksDb(Path root, RocksDbResources resources) {
        return new RocksDbKvStoreFactory(root, resources);
    }
}
