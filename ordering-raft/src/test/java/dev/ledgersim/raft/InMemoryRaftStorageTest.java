package dev.ledgersim.raft;

class InMemoryRaftStorageTest extends AbstractRaftStorageTest {

    @Override
    protected RaftStorage newStorage() {
        return new InMemoryRaftStorage();
    }
}
