package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.storage.KvStoreFactory;

/** The {@link TransientStore} contract on in-memory storage. */
class InMemoryTransientStoreTest extends AbstractTransientStoreTest {

    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.inMemory();
    }
}
