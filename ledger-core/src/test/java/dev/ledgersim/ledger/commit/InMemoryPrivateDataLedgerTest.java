package dev.ledgersim.ledger.commit;

import dev.ledgersim.ledger.storage.KvStoreFactory;

/** Private data in the channel ledger over in-memory storage. */
class InMemoryPrivateDataLedgerTest extends AbstractPrivateDataLedgerTest {
    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.inMemory();
    }
}
