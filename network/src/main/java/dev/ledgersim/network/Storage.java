package dev.ledgersim.network;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the nodes of a network keep their data. Every peer and orderer owns its own stores (named after
 * the node) under the storage root, so a crashed node restarts from its own files.
 * <ul>
 *   <li>{@link #rocksDb(Path)}: real RocksDB databases in a directory, kept after the network closes;</li>
 *   <li>{@link #temporaryRocksDb()} (the default): RocksDB in a temporary directory removed on close;</li>
 *   <li>{@link #inMemory()}: sorted in-memory maps, kept for the life of the network (a restarted node
 *       finds its data), fastest for unit tests and throughput experiments.</li>
 * </ul>
 */
public sealed interface Storage permits Storage.RocksDb, Storage.InMemory {

    /** RocksDB under {@code root}, kept after close. */
    static Storage rocksDb(Path root) {
        return new RocksDb(Objects.requireNonNull(root, "root"), false);
    }

    /** RocksDB in a fresh temporary directory, deleted when the network closes. */
    static Storage temporaryRocksDb() {
        return new RocksDb(null, true);
    }

    /** In-memory stores. */
    static Storage inMemory() {
        return new InMemory();
    }

    /**
     * RocksDB storage.
     *
     * @param root the directory, or {@code null} for a temporary one
     * @param deleteOnClose whether the directory is removed when the network closes
     */
    record RocksDb(Path root, boolean deleteOnClose) implements Storage {
    }

    /** In-memory storage. */
    record InMemory() implements Storage {
    }
}
