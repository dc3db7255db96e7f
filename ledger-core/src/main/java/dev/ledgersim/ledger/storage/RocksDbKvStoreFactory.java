package dev.ledgersim.ledger.storage;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/** {@link KvStoreFactory#rocksDb}: one {@link RocksDbKvStore} per name, in the directory {@code root/<name>}. */
final class RocksDbKvStoreFactory implements KvStoreFactory {

    private final Path root;
    private final RocksDbResources resources;
    private final Set<String> open = new HashSet<>();

    RocksDbKvStoreFactory(Path root, RocksDbResources resources) {
        this.root = Objects.requireNonNull(root, "root");
        this.resources = Objects.requireNonNull(resources, "resources");
    }

    @Override
    public KvStore open(String name, Set<String> columns) {
        Checks.storeName(name);
        synchronized (this) {
            if (!open.add(name)) {
                throw new IllegalStateException("RocksDB store '" + name + "' under " + root + " is already open");
            }
        }
        try {
            return RocksDbKvStore.open(root.resolve(name), columns, resources, () -> closed(name));
        } catch (RuntimeException e) {
            closed(name);
            throw e;
        }
    }

    private synchronized void closed(String name) {
        open.remove(name);
    }

    @Override
    public synchronized void discard(String name) {
        Checks.storeName(name);
        for (String o : open) {
            if (Checks.isUnder(o, name)) {
                throw new IllegalStateException("cannot discard RocksDB store '" + name + "' under " + root + ": '" + o + "' is open");
            }
        }
        Path dir = root.resolve(name);
        if (!Files.exists(dir)) {
            return;
        }
        try {
            MoreFiles.deleteRecursively(dir, RecursiveDeleteOption.ALLOW_INSECURE);
        } catch (IOException e) {
            throw new StorageException("cannot delete RocksDB store directory " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "KvStoreFactory.rocksDb(" + root + ")";
    }
}
