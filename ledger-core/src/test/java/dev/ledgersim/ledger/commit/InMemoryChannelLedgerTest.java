package dev.ledgersim.ledger.commit;

import dev.ledgersim.ledger.storage.KvStoreFactory;

/** The channel ledger over in-memory storage. */
class InMemoryChannelLedgerTest extends AbstractChannelLedgerTest {
    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.inMemory();
    }
}
