package dev.ledgersim.raft;

import static dev.ledgersim.raft.Peer.bytes;
import static dev.ledgersim.raft.Peer.e;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledgersim.raft.RaftMessage.AppendEntries;
import dev.ledgersim.raft.RaftMessage.AppendEntriesResponse;
import dev.ledgersim.raft.RaftMessage.HeartbeatResponse;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Progress tracking as etcd: probe and replicate states, the inflight window, message size limits. */
class RaftReplicationTest {

    /** etcd probe state: while the leader does not know the follower's match it sends one AppendEntries at a time. */
    @Test
    void probingFollowerGetsOneAppendAtATimeAndAHeartbeatResponseUnpausesIt() {
        Peer p = Peer.fabric(1, 2, 3).becomeLeader(2, 3); // probes with the no-op are in flight

        p.node.propose(bytes("a"));
        assertEquals(List.of(), p.drain(), "both followers are paused in probe state");

        p.step(new HeartbeatResponse(2, 1, 1));

        assertEquals(List.of(new AppendEntries(1, 2, 1, 0, 0, List.of(e(1, 1), e(1, 2, "a")), 0)), p.drain());
    }

    /** etcd replicate state: at most maxInflightMessages (Fabric's MaxInflightBlocks, 5) unacknowledged appends. */
    @Test
    void replicatingFollowerGetsAtMostMaxInflightAppends() {
        Peer p = Peer.leaderInReplicate(c -> c.withMessageLimits(1 << 20, 1));
        for (int i = 1; i <= 7; i++) {
            p.node.propose(bytes("p" + i));
        }
        List<RaftMessage> sent = p.drain();
        assertEquals(5, sent.stream().filter(m -> m.to() == 2).count());
        assertEquals(5, sent.stream().filter(m -> m.to() == 3).count());
        assertEquals(new AppendEntries(1, 2, 1, 5, 1, List.of(e(1, 6, "p5")), 1),
                sent.stream().filter(m -> m.to() == 2).reduce((a, b) -> b).orElseThrow());

        p.step(AppendEntriesResponse.accepted(2, 1, 1, 2)); // frees one slot, commits index 2
        assertEquals(List.of(new AppendEntries(1, 2, 1, 6, 1, List.of(e(1, 7, "p6")), 2)), p.drain());

        p.step(new HeartbeatResponse(3, 1, 1)); // a heartbeat answer frees one slot of a full window
        assertEquals(List.of(new AppendEntries(1, 3, 1, 6, 1, List.of(e(1, 7, "p6")), 2)), p.drain());
    }

    @Test
    void appendIsCutAtMaxSizePerMessageButCarriesAtLeastOneEntry() {
        Peer p = new Peer(Peer.config(1, 1, 2, 3).withMessageLimits(10, 64), new InMemoryRaftStorage())
                .becomeLeader(2, 3);
        p.node.propose(bytes("aaaaaaaa"));
        p.node.propose(bytes("bbbbbbbb"));
        p.node.propose(bytes("0123456789abcdef"));
        p.drain();

        p.step(new HeartbeatResponse(2, 1, 1));
        assertEquals(List.of(new AppendEntries(1, 2, 1, 0, 0, List.of(e(1, 1), e(1, 2, "aaaaaaaa")), 0)), p.drain());
        p.step(AppendEntriesResponse.accepted(2, 1, 1, 2));
        assertEquals(List.of(
                new AppendEntries(1, 2, 1, 2, 1, List.of(e(1, 3, "bbbbbbbb")), 2),
                new AppendEntries(1, 2, 1, 3, 1, List.of(e(1, 4, "0123456789abcdef")), 2)), p.drain(),
                "8 + 16 bytes exceed 10: cut; an entry larger than the limit still goes, alone");
    }

    @Test
    void appendIsCutAtMaxEntriesPerMessage() {
        Peer p = new Peer(Peer.config(1, 1, 2, 3).withMessageLimits(1 << 20, 2), new InMemoryRaftStorage())
                .becomeLeader(2, 3);
        p.node.propose(bytes("a"));
        p.node.propose(bytes("b"));
        p.drain();

        p.step(new HeartbeatResponse(2, 1, 1));

        assertEquals(List.of(new AppendEntries(1, 2, 1, 0, 0, List.of(e(1, 1), e(1, 2, "a")), 0)), p.drain());
    }

    @Test
    void rejectionInReplicateStateFallsBackToProbe() {
        Peer p = Peer.leaderInReplicate(UnaryOperator.identity());
        p.node.propose(bytes("x"));
        p.node.propose(bytes("y"));
        p.drain();

        // the append of "x" was lost, so the follower rejects the one of "y" (prev 2)
        p.step(AppendEntriesResponse.rejected(2, 1, 1, 2, 1, 1));

        assertEquals(Progress.State.PROBE, p.node.progress(2).state);
        assertEquals(List.of(new AppendEntries(1, 2, 1, 1, 1, List.of(e(1, 2, "x"), e(1, 3, "y")), 1)), p.drain());
    }

    @Test
    void staleRejectionIsIgnored() {
        Peer p = Peer.leaderInReplicate(UnaryOperator.identity());

        p.step(AppendEntriesResponse.rejected(2, 1, 1, 0, 0, 0)); // answers a probe of index 0, long past

        assertEquals(Progress.State.REPLICATE, p.node.progress(2).state);
        assertEquals(List.of(), p.drain());
    }
}
