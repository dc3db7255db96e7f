package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.storage.KvStoreFactory;

/** The {@link HistoryIndex} contract on in-memory storage. */
class InMemoryHistoryIndexTest extends AbstractHistoryIndexTest {

    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.inMemory();
    }
}
