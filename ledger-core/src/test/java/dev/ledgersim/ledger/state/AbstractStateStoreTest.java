package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.StorageException;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of the typed-store contract tests: each runs against every {@link KvStoreFactory} (one subclass
 * per implementation). The "ledger" store has the columns of every typed store, as a peer's does.
 */
abstract class AbstractStateStoreTest {

    static final Set<String> LEDGER_COLUMNS = union(StateDb.COLUMNS, HistoryIndex.COLUMNS, PrivateDataStore.COLUMNS,
            TransientStore.COLUMNS);

    private KvStoreFactory factory;
    private KvStore ledger;

    /** A fresh factory (a fresh "disk") for one test. */
    protected abstract KvStoreFactory newFactory();

    /** The ledger store, opened on first use. */
    protected final KvStore ledger() {
        if (ledger == null) {
            if (factory == null) {
                factory = newFactory();
            }
            ledger = factory.open("ledger", LEDGER_COLUMNS);
        }
        return ledger;
    }

    /** Closes the ledger store and opens it again: a node restart. */
    protected final KvStore restart() {
        ledger();
        ledger.close();
        ledger = null;
        return ledger();
    }

    @AfterEach
    void closeLedger() {
        if (ledger != null) {
            ledger.close();
        }
    }

    @SafeVarargs
    static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }

    /** A store that forwards to another but can be told to fail its writes (a full disk), and counts them. */
    static final class FailingKvStore implements KvStore {
        private final KvStore delegate;
        boolean failWrites;
        int writes;

        FailingKvStore(KvStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public Set<String> columns() {
            return delegate.columns();
        }

        @Override
        public byte[] get(String column, byte[] key) {
            return delegate.get(column, key);
        }

        @Override
        public KvIterator iterate(String column, byte[] fromInclusive, byte[] toExclusive) {
            return delegate.iterate(column, fromInclusive, toExclusive);
        }

        @Override
        public KvIterator iterateDescending(String column, byte[] fromInclusive, byte[] toExclusive) {
            return delegate.iterateDescending(column, fromInclusive, toExclusive);
        }

        @Override
        public WriteBatch newBatch() {
            return delegate.newBatch();
        }

        @Override
        public void write(WriteBatch batch) {
            writes++;
            if (failWrites) {
                throw new StorageException("injected write failure");
            }
            delegate.write(batch);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
