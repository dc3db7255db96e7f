package dev.ledgersim.ledger.testing;

import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.StorageException;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.util.Set;

/**
 * Wraps a factory so that a test can make the next batch written to one named store fail, as a crash
 * at that point would: the batch is not applied and the caller sees a {@link StorageException}.
 */
public final class FaultyKvStoreFactory implements KvStoreFactory {

    private final KvStoreFactory delegate;
    private String failNextWriteTo;

    public FaultyKvStoreFactory(KvStoreFactory delegate) {
        this.delegate = delegate;
    }

    /** The next {@code write} to store {@code name} fails without applying anything. */
    public void failNextWrite(String name) {
        failNextWriteTo = name;
    }

    @Override
    public KvStore open(String name, Set<String> columns) {
        KvStore store = delegate.open(name, columns);
        return new KvStore() {
            @Override public Set<String> columns() { return store.columns(); }
            @Override public byte[] get(String column, byte[] key) { return store.get(column, key); }
            @Override public KvIterator iterate(String column, byte[] from, byte[] to) { return store.iterate(column, from, to); }
            @Override public KvIterator iterateDescending(String column, byte[] from, byte[] to) {
                return store.iterateDescending(column, from, to);
            }
            @Override public WriteBatch newBatch() { return store.newBatch(); }
            @Override public void write(WriteBatch batch) {
                if (name.equals(failNextWriteTo)) {
                    failNextWriteTo = null;
                    throw new StorageException("injected crash before writing to " + name);
                }
                store.write(batch);
            }
            @Override public void close() { store.close(); }
        };
    }

    @Override
    public void discard(String name) {
        delegate.discard(name);
    }
}
