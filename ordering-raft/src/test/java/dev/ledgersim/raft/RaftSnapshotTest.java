package dev.ledgersim.raft;

import static dev.ledgersim.raft.Peer.bytes;
import static dev.ledgersim.raft.Peer.e;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.raft.RaftMessage.AppendEntries;
import dev.ledgersim.raft.RaftMessage.AppendEntriesResponse;
import dev.ledgersim.raft.RaftMessage.HeartbeatResponse;
import dev.ledgersim.raft.RaftMessage.InstallSnapshot;
import dev.ledgersim.raft.RaftMessage.InstallSnapshotResponse;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Log compaction and InstallSnapshot (§7), leader and follower side. */
class RaftSnapshotTest {

    private final Snapshot snapshot = new Snapshot(3, 1, Set.of(1L, 2L, 3L), bytes("a\nb"));

    /** §7: "the leader must occasionally send snapshots to followers that lag behind." */
    @Test
    void leaderSendsInstallSnapshotWhenFollowerNeedsCompactedEntries() {
        Peer p = Peer.fabric(1, 2, 3).becomeLeader(2, 3);
        p.step(AppendEntriesResponse.accepted(2, 1, 1, 1));
        p.node.propose(bytes("a"));
        p.node.propose(bytes("b"));
        p.step(AppendEntriesResponse.accepted(2, 1, 1, 3));
        p.drain();
        assertEquals(3, p.node.appliedIndex());

        assertEquals(snapshot, p.node.compact(3, bytes("a\nb")));
        assertEquals(4, p.storage.firstIndex());

        p.step(new HeartbeatResponse(3, 1, 1)); // node 3 is alive and needs index 1
        assertEquals(List.of(new InstallSnapshot(1, 3, 1, snapshot)), p.drain());
        assertEquals(Progress.State.SNAPSHOT, p.node.progress(3).state);

        p.node.propose(bytes("c"));
        assertTrue(p.drain().stream().noneMatch(m -> m.to() == 3), "nothing else while the snapshot is pending");

        p.step(new InstallSnapshotResponse(3, 1, 1, 3));
        assertEquals(Progress.State.REPLICATE, p.node.progress(3).state);
        assertEquals(List.of(new AppendEntries(1, 3, 1, 3, 1, List.of(e(1, 4, "c")), 3)), p.drain());
    }

    @Test
    void snapshotThatGetsNoAnswerIsResentAfterElectionTick() {
        Peer p = Peer.fabric(1, 2, 3).becomeLeader(2, 3);
        p.step(AppendEntriesResponse.accepted(2, 1, 1, 1));
        p.drain();
        p.node.compact(1, bytes(""));
        p.step(new HeartbeatResponse(3, 1, 1));
        assertEquals(1, p.drain().stream().filter(m -> m instanceof InstallSnapshot).count());

        int resent = 0;
        for (int i = 0; i < 10; i++) {
            p.tick(1);
            p.step(new HeartbeatResponse(2, 1, 1));
            p.step(new HeartbeatResponse(3, 1, 1));
            resent += (int) p.drain().stream().filter(m -> m instanceof InstallSnapshot).count();
        }

        assertEquals(1, resent);
    }

    @Test
    void followerRestoresSnapshotFromLeader() {
        Peer p = Peer.fabric(1, 2, 3);
        Snapshot snap = new Snapshot(5, 2, Set.of(1L, 2L, 3L, 4L), bytes("state"));

        p.step(new InstallSnapshot(2, 1, 2, snap));

        Ready rd = p.node.ready();
        assertEquals(snap, rd.snapshot());
        assertEquals(new HardState(2, RaftNode.NONE, 5), rd.hardState());
        assertEquals(List.of(), rd.committedEntries());
        assertEquals(List.of(new InstallSnapshotResponse(1, 2, 2, 5)), rd.messages());
        assertTrue(rd.mustSync());
        p.storage.persist(rd);
        p.node.advance(rd);
        assertEquals(5, p.node.appliedIndex());
        assertEquals(6, p.node.firstIndex());
        assertEquals(5, p.node.lastIndex());
        assertEquals(Set.of(1L, 2L, 3L, 4L), p.node.voters());
        assertEquals(snap, p.storage.snapshot());

        p.step(new AppendEntries(2, 1, 2, 5, 2, List.of(e(2, 6, "next")), 6));
        assertEquals(List.of(AppendEntriesResponse.accepted(1, 2, 2, 6)), p.drain());
        assertEquals(List.of(e(2, 6, "next")), p.applied);
    }

    @Test
    void staleSnapshotIsAnsweredWithTheCommitIndex() {
        Peer p = Peer.fabric(1, 2, 3);
        p.step(new AppendEntries(2, 1, 1, 0, 0, List.of(e(1, 1), e(1, 2, "a"), e(1, 3, "b"), e(1, 4, "c")), 4));
        p.drain();

        p.step(new InstallSnapshot(2, 1, 1, snapshot));

        assertEquals(List.of(new InstallSnapshotResponse(1, 2, 1, 4)), p.drain());
        assertEquals(1, p.node.firstIndex(), "log kept");
    }

    @Test
    void snapshotMatchingTheLogOnlyFastForwardsTheCommit() {
        Peer p = Peer.fabric(1, 2, 3);
        p.step(new AppendEntries(2, 1, 1, 0, 0, List.of(e(1, 1), e(1, 2, "a"), e(1, 3, "b"), e(1, 4, "c")), 1));
        p.drain();

        p.step(new InstallSnapshot(2, 1, 1, snapshot));

        assertEquals(List.of(new InstallSnapshotResponse(1, 2, 1, 3)), p.drain());
        assertEquals(3, p.node.commitIndex());
        assertEquals(4, p.node.lastIndex(), "entry 4 kept");
        assertEquals(List.of(e(1, 1), e(1, 2, "a"), e(1, 3, "b")), p.applied);
    }

    @Test
    void compactionRequiresAnAppliedIndex() {
        Peer p = Peer.fabric(1, 2, 3);
        p.step(new AppendEntries(2, 1, 1, 0, 0, List.of(e(1, 1), e(1, 2, "a")), 1));
        p.drain();

        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> p.node.compact(2, bytes("")));
        assertEquals("cannot snapshot at 2: only 1 applied", ex.getMessage());
    }
}
