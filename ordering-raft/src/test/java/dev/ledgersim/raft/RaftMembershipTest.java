package dev.ledgersim.raft;

import static dev.ledgersim.raft.Peer.bytes;
import static dev.ledgersim.raft.Peer.e;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.raft.RaftMessage.AppendEntries;
import dev.ledgersim.raft.RaftMessage.AppendEntriesResponse;
import dev.ledgersim.raft.RaftMessage.Heartbeat;
import dev.ledgersim.raft.RaftMessage.TimeoutNow;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Single-server membership changes (thesis §4.1), applied by each node when it learns they are committed. */
class RaftMembershipTest {

    @Test
    void oneConfChangeAtATimeAppliedWhenCommitted() {
        Peer p = Peer.leaderInReplicate(UnaryOperator.identity());

        assertEquals(new ProposeResult.Accepted(2, 1), p.node.proposeConfChange(ConfChange.addNode(4)));
        assertEquals(Set.of(1L, 2L, 3L), p.node.voters(), "not before commit");
        assertTrue(p.node.proposeConfChange(ConfChange.addNode(5)) instanceof ProposeResult.Dropped);
        List<RaftMessage> sent = p.drain();
        assertEquals(new AppendEntries(1, 2, 1, 1, 1, List.of(Entry.confChange(1, 2, ConfChange.addNode(4))), 1),
                sent.get(0));

        p.step(AppendEntriesResponse.accepted(2, 1, 1, 2));

        assertEquals(Set.of(1L, 2L, 3L, 4L), p.node.voters());
        assertEquals(Progress.State.PROBE, p.node.progress(4).state);
        assertTrue(p.drain().contains(new AppendEntries(1, 4, 1, 2, 1, List.of(), 2)), "the new voter is probed");
        assertTrue(p.node.proposeConfChange(ConfChange.removeNode(4)).isAccepted());
    }

    @Test
    void snapshotsRecordTheVotersInForceAtTheirIndex() {
        Peer p = Peer.leaderInReplicate(UnaryOperator.identity());
        p.node.proposeConfChange(ConfChange.addNode(4)); // index 2
        p.node.propose(bytes("x")); // index 3
        p.step(AppendEntriesResponse.accepted(2, 1, 1, 3));
        p.step(AppendEntriesResponse.accepted(3, 1, 1, 3));
        p.drain();
        assertEquals(3, p.node.appliedIndex());

        assertEquals(Set.of(1L, 2L, 3L), p.node.createSnapshot(1, bytes("")).voters());
        assertEquals(Set.of(1L, 2L, 3L, 4L), p.node.createSnapshot(2, bytes("")).voters());
        assertEquals(new Snapshot(3, 1, Set.of(1L, 2L, 3L, 4L), bytes("s")), p.node.compact(3, bytes("s")));
        assertEquals(4, p.storage.firstIndex(), "compact wrote the storage");
    }

    @Test
    void noOpChangesAndRemovingTheLastVoterAreRefused() {
        Peer p = Peer.leaderInReplicate(UnaryOperator.identity());
        assertEquals(new ProposeResult.Dropped("node 2 is already a voter"), p.node.proposeConfChange(ConfChange.addNode(2)));
        assertEquals(new ProposeResult.Dropped("node 9 is not a voter"), p.node.proposeConfChange(ConfChange.removeNode(9)));

        Peer single = new Peer(Peer.config(1, 1), new InMemoryRaftStorage());
        single.node.campaign();
        assertEquals(RaftRole.LEADER, single.node.role());
        assertEquals(new ProposeResult.Dropped("cannot remove the last voter 1"),
                single.node.proposeConfChange(ConfChange.removeNode(1)));
    }

    /** Ongaro's single-server-change fix: a new leader makes no change until an entry of its own term commits. */
    @Test
    void newLeaderRefusesConfChangesUntilItsFirstEntryCommits() {
        Peer p = Peer.paperWithLog(1, List.of(e(1, 1)), 1, 2, 3).becomeLeader(2);

        assertTrue(p.node.proposeConfChange(ConfChange.addNode(4)) instanceof ProposeResult.Dropped);
        p.step(AppendEntriesResponse.accepted(2, 1, 2, 2));
        assertTrue(p.node.proposeConfChange(ConfChange.addNode(4)).isAccepted());
    }

    @Test
    void followerAppliesConfChangeWhenItLearnsItIsCommitted() {
        Peer p = Peer.fabric(1, 2, 3);
        p.step(new AppendEntries(2, 1, 1, 0, 0, List.of(e(1, 1), Entry.confChange(1, 2, ConfChange.removeNode(3))), 1));
        assertEquals(Set.of(1L, 2L, 3L), p.node.voters());

        p.step(new Heartbeat(2, 1, 1, 2));

        assertEquals(Set.of(1L, 2L), p.node.voters());
    }

    /** A removed leader steps down once its removal commits, telling the others and handing over. */
    @Test
    void leaderWhoseRemovalCommitsStepsDownAndHandsOver() {
        Peer p = Peer.leaderInReplicate(UnaryOperator.identity());
        assertTrue(p.node.proposeConfChange(ConfChange.removeNode(1)).isAccepted());
        p.drain();

        p.step(AppendEntriesResponse.accepted(2, 1, 1, 2));

        assertEquals(RaftRole.FOLLOWER, p.node.role());
        assertEquals(Set.of(2L, 3L), p.node.voters());
        assertEquals(List.of(new Heartbeat(1, 2, 1, 2), new Heartbeat(1, 3, 1, 1), new TimeoutNow(1, 2, 1)), p.drain());
        p.tick(100);
        assertEquals(RaftRole.FOLLOWER, p.node.role(), "a non-voter never campaigns");
    }

    @Test
    void nodeThatIsNotAVoterNeverCampaigns() {
        Peer joining = new Peer(Peer.config(4, 1, 2, 3), new InMemoryRaftStorage());

        joining.tick(100);
        joining.node.campaign();
        joining.step(new TimeoutNow(1, 4, 0));

        assertEquals(RaftRole.FOLLOWER, joining.node.role());
        assertEquals(List.of(), joining.drain());
    }
}
