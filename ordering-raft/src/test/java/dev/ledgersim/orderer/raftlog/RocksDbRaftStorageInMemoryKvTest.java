package dev.ledgersim.orderer.raftlog;

import dev.ledgersim.ledger.storage.KvStoreFactory;

/** {@link RocksDbRaftStorage} over the in-memory {@code KvStore} (which keeps data across close and reopen). */
class RocksDbRaftStorageInMemoryKvTest extends AbstractKvRaftStorageTest {

    private final KvStoreFactory factory = KvStoreFactory.inMemory();

    @Override
    protected KvStoreFactory factory() {
        return factory;
    }
}
