package dev.ledgersim.orderer;

import dev.ledgersim.ledger.storage.KvStoreFactory;

/** The ordering service over in-memory stores (which survive a simulated crash and restart). */
class OrderingServiceInMemoryTest extends AbstractOrderingServiceTest {

    private final KvStoreFactory storage = KvStoreFactory.inMemory();

    @Override
    protected KvStoreFactory storage() {
        return storage;
    }
}
