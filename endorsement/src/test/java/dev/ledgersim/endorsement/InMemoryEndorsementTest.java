package dev.ledgersim.endorsement;

import dev.ledgersim.ledger.storage.KvStoreFactory;

/** Endorsement and lifecycle over in-memory storage. */
class InMemoryEndorsementTest extends AbstractEndorsementTest {
    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.inMemory();
    }
}
