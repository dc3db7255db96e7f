package dev.ledgersim.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledgersim.raft.RaftMessage.HeartbeatResponse;
import org.junit.jupiter.api.Test;

/** CheckQuorum (thesis §6.2): a leader that cannot reach a quorum steps down. */
class RaftCheckQuorumTest {

    /** Thesis §6.2: "a leader steps down if an election timeout elapses without a successful round of heartbeats to a majority." */
    @Test
    void leaderThatHearsFromNoQuorumStepsDownAfterElectionTick() {
        Peer p = Peer.fabric(1, 2, 3).becomeLeader(2, 3);

        p.tick(9);
        assertEquals(RaftRole.LEADER, p.node.role());
        p.tick(1);

        assertEquals(RaftRole.FOLLOWER, p.node.role());
        assertEquals(1, p.node.term(), "stepping down does not change the term");
        assertEquals(RaftNode.NONE, p.node.leaderId());
    }

    @Test
    void leaderThatHearsFromAQuorumStaysLeader() {
        Peer p = Peer.fabric(1, 2, 3).becomeLeader(2, 3);

        for (int i = 0; i < 35; i++) {
            p.tick(1);
            p.step(new HeartbeatResponse(2, 1, 1));
        }

        assertEquals(RaftRole.LEADER, p.node.role());
    }

    @Test
    void withoutCheckQuorumAnIsolatedLeaderStaysLeader() {
        Peer p = new Peer(Peer.config(1, 1, 2, 3).withCheckQuorum(false), new InMemoryRaftStorage()).becomeLeader(2, 3);

        p.tick(50);

        assertEquals(RaftRole.LEADER, p.node.role());
    }
}
