package dev.ledgersim.raft;

import static dev.ledgersim.raft.Peer.bytes;
import static dev.ledgersim.raft.Peer.e;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.raft.RaftMessage.AppendEntries;
import dev.ledgersim.raft.RaftMessage.Heartbeat;
import dev.ledgersim.raft.RaftMessage.RequestVote;
import dev.ledgersim.raft.RaftMessage.RequestVoteResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The node's own contract: propose results, Ready/advance, restart from storage, bad input. */
class RaftNodeContractTest {

    @Test
    void proposalsAreRefusedWithTheKnownLeader() {
        Peer p = Peer.fabric(1, 2, 3);
        assertEquals(new ProposeResult.NotLeader(RaftNode.NONE), p.node.propose(bytes("x")));
        p.step(new Heartbeat(2, 1, 1, 0));
        assertEquals(new ProposeResult.NotLeader(2), p.node.propose(bytes("x")));
        assertEquals(new ProposeResult.NotLeader(2), p.node.proposeConfChange(ConfChange.addNode(4)));
        p.tick(30);
        assertFalse(p.node.propose(bytes("x")).isAccepted());
    }

    @Test
    void readyMustBeAdvancedBeforeTheNextOne() {
        Peer p = Peer.fabric(1, 2, 3);
        p.step(new Heartbeat(2, 1, 1, 0));
        assertTrue(p.node.hasReady());
        Ready rd = p.node.ready();

        assertFalse(p.node.hasReady(), "nothing new while a Ready is outstanding");
        assertEquals("the previous Ready has not been advanced",
                assertThrows(IllegalStateException.class, p.node::ready).getMessage());
        Ready other = new Ready(null, null, null, List.of(), List.of(), List.of(), false);
        assertThrows(IllegalStateException.class, () -> p.node.advance(other));

        p.node.advance(rd);
        assertFalse(p.node.hasReady());
    }

    @Test
    void readyReportsOnlyChanges() {
        Peer p = Peer.fabric(1, 2, 3);
        p.step(new AppendEntries(2, 1, 1, 0, 0, List.of(e(1, 1, "a")), 0));
        Ready first = p.node.ready();
        assertEquals(new SoftState(2, RaftRole.FOLLOWER), first.softState());
        assertEquals(new HardState(1, RaftNode.NONE, 0), first.hardState());
        assertEquals(List.of(e(1, 1, "a")), first.entries());
        assertTrue(first.mustSync());
        p.storage.persist(first);
        p.node.advance(first);

        p.step(new Heartbeat(2, 1, 1, 1));
        Ready second = p.node.ready();
        assertNull(second.softState());
        assertEquals(new HardState(1, RaftNode.NONE, 1), second.hardState());
        assertEquals(List.of(), second.entries());
        assertEquals(List.of(e(1, 1, "a")), second.committedEntries());
        assertFalse(second.mustSync(), "a commit-only change need not be synced");
        p.node.advance(second);
        assertEquals(1, p.node.appliedIndex());
    }

    @Test
    void messageForAnotherNodeIsRejected() {
        Peer p = Peer.fabric(1, 2, 3);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> p.step(new Heartbeat(2, 3, 1, 0)));
        assertTrue(ex.getMessage().startsWith("node 1 received a message addressed to 3"), ex.getMessage());
    }

    /** A restarted node recovers term, vote, commit and log, and re-delivers committed entries. */
    @Test
    void restartRecoversHardStateAndLog() {
        InMemoryRaftStorage s = new InMemoryRaftStorage();
        s.append(List.of(e(1, 1, "a"), e(1, 2, "b"), e(2, 3, "c")));
        s.setHardState(new HardState(5, 2, 2));

        Peer p = new Peer(Peer.config(1, 1, 2, 3), s);

        assertEquals(5, p.node.term());
        assertEquals(2, p.node.votedFor());
        assertEquals(2, p.node.commitIndex());
        assertEquals(3, p.node.lastIndex());
        assertEquals(RaftRole.FOLLOWER, p.node.role());
        Ready rd = p.node.ready();
        assertNull(rd.hardState(), "nothing changed");
        assertEquals(List.of(e(1, 1, "a"), e(1, 2, "b")), rd.committedEntries());
        p.node.advance(rd);
        p.step(new RequestVote(3, 1, 5, 9, 9, false));
        assertEquals(List.of(new RequestVoteResponse(1, 3, 5, false)), p.drain(), "the recovered vote holds");
    }

    @Test
    void restartReplaysCommittedConfChangesOnTopOfTheSnapshot() {
        InMemoryRaftStorage s = new InMemoryRaftStorage();
        s.applySnapshot(new Snapshot(3, 1, Set.of(1L, 2L, 5L), bytes("s")));
        s.append(List.of(Entry.confChange(1, 4, ConfChange.addNode(4)), Entry.confChange(1, 5, ConfChange.removeNode(2))));
        s.setHardState(new HardState(1, RaftNode.NONE, 4));

        Peer p = new Peer(Peer.config(1, 1, 2, 3), s);

        assertEquals(Set.of(1L, 2L, 4L, 5L), p.node.voters(), "snapshot voters + committed add; removal not committed");
        assertEquals(4, p.node.firstIndex());
        assertEquals(List.of(Entry.confChange(1, 4, ConfChange.addNode(4))), p.node.ready().committedEntries());
    }

    @Test
    void inconsistentStorageIsRefused() {
        InMemoryRaftStorage s = new InMemoryRaftStorage();
        s.append(List.of(e(1, 1)));
        s.setHardState(new HardState(1, RaftNode.NONE, 9));

        IllegalStateException ex = assertThrows(IllegalStateException.class,
                () -> new RaftNode(Peer.config(1, 1, 2, 3), s));
        assertEquals("stored commit index 9 is outside [0, 1]", ex.getMessage());
    }

    @Test
    void singleNodeClusterCommitsAlone() {
        Peer p = new Peer(Peer.config(1, 1), new InMemoryRaftStorage());
        p.node.campaign();
        assertEquals(RaftRole.LEADER, p.node.role());

        assertEquals(new ProposeResult.Accepted(2, 1), p.node.propose(bytes("solo")));
        assertEquals(List.of(), p.drain());

        assertEquals(2, p.node.commitIndex());
        assertEquals(List.of(e(1, 1), e(1, 2, "solo")), p.applied);
    }
}
