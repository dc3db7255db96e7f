package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.storage.KvStoreFactory;

/** The {@link StateDb} contract on in-memory storage. */
class InMemoryStateDbTest extends AbstractStateDbTest {

    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.inMemory();
    }
}
