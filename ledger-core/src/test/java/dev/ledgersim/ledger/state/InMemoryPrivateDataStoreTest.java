package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.storage.KvStoreFactory;

/** The {@link PrivateDataStore} contract on in-memory storage. */
class InMemoryPrivateDataStoreTest extends AbstractPrivateDataStoreTest {

    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.inMemory();
    }
}
