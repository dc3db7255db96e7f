package dev.ledgersim.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.ledgersim.raft.RaftMessage.AppendEntries;
import dev.ledgersim.raft.RaftMessage.AppendEntriesResponse;
import dev.ledgersim.raft.RaftMessage.Heartbeat;
import dev.ledgersim.raft.RaftMessage.HeartbeatResponse;
import dev.ledgersim.raft.RaftMessage.PreVote;
import dev.ledgersim.raft.RaftMessage.PreVoteResponse;
import dev.ledgersim.raft.RaftMessage.RequestVote;
import dev.ledgersim.raft.RaftMessage.RequestVoteResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PreVote (thesis §9.6) and the leader lease (etcd, with CheckQuorum): single node, exact messages, Fabric's configuration. */
class RaftPreVoteTest {

    /** Thesis §9.6: a follower whose timeout elapses asks for pre-votes at term + 1 and changes nothing durable. */
    @Test
    void timedOutFollowerRunsPreVoteWithoutIncrementingItsTerm() {
        Peer p = Peer.fabric(1, 2, 3);
        while (p.node.role() == RaftRole.FOLLOWER) {
            p.node.tick();
        }

        assertEquals(RaftRole.PRE_CANDIDATE, p.node.role());
        assertEquals(0, p.node.term());
        assertEquals(RaftNode.NONE, p.node.votedFor());
        Ready rd = p.node.ready();
        assertNull(rd.hardState(), "nothing to persist: term and vote unchanged");
        assertEquals(new SoftState(RaftNode.NONE, RaftRole.PRE_CANDIDATE), rd.softState());
        assertEquals(List.of(new PreVote(1, 2, 1, 0, 0), new PreVote(1, 3, 1, 0, 0)), rd.messages());
        p.node.advance(rd);
    }

    @Test
    void preCandidateWithMajorityOfPreVotesStartsTheRealElection() {
        Peer p = Peer.fabric(1, 2, 3);
        p.node.campaign();
        p.drain();

        p.step(new PreVoteResponse(2, 1, 1, true));

        assertEquals(RaftRole.CANDIDATE, p.node.role());
        assertEquals(1, p.node.term());
        assertEquals(List.of(new RequestVote(1, 2, 1, 0, 0, false), new RequestVote(1, 3, 1, 0, 0, false)), p.drain());
    }

    @Test
    void preCandidateRejectedByMajorityReturnsToFollowerInItsOldTerm() {
        Peer p = Peer.fabric(1, 2, 3);
        p.node.campaign();
        p.drain();

        p.step(new PreVoteResponse(2, 1, 0, false));
        assertEquals(RaftRole.PRE_CANDIDATE, p.node.role());
        p.step(new PreVoteResponse(3, 1, 0, false));

        assertEquals(RaftRole.FOLLOWER, p.node.role());
        assertEquals(0, p.node.term());
        assertEquals(List.of(), p.drain());
    }

    @Test
    void preVoteRejectionFromHigherTermIsAdopted() {
        Peer p = Peer.fabric(1, 2, 3);
        p.node.campaign();

        p.step(new PreVoteResponse(2, 1, 5, false));

        assertEquals(RaftRole.FOLLOWER, p.node.role());
        assertEquals(5, p.node.term());
    }

    @Test
    void staleGrantFromAnEarlierRoundIsNotCounted() {
        Peer p = Peer.fabric(1, 2, 3);
        p.node.campaign(); // asks about term 1
        p.step(new AppendEntries(2, 1, 1, 0, 0, List.of(), 0)); // a leader of term 1 appears
        p.tick(30); // it goes silent; we pre-campaign again, now about term 2
        assertEquals(RaftRole.PRE_CANDIDATE, p.node.role());
        p.drain();

        p.step(new PreVoteResponse(3, 1, 1, true)); // a late grant for term 1

        assertEquals(RaftRole.PRE_CANDIDATE, p.node.role());
    }

    /** Thesis §9.6 / etcd lease: a node that heard from a leader within electionTick ignores (pre-)votes of higher terms. */
    @Test
    void followerWithLiveLeaderIgnoresVoteRequestsUntilTheLeaseExpires() {
        Peer p = Peer.fabric(1, 2, 3);
        p.step(new Heartbeat(2, 1, 1, 0));
        assertEquals(List.of(new HeartbeatResponse(1, 2, 1)), p.drain());

        p.step(new PreVote(3, 1, 2, 0, 0));
        p.step(new RequestVote(3, 1, 2, 0, 0, false));
        assertEquals(List.of(), p.drain(), "ignored, not even rejected");
        assertEquals(1, p.node.term());
        assertEquals(2, p.node.leaderId());

        p.tick(10); // electionTick without news from the leader
        p.drain();
        p.step(new PreVote(3, 1, 2, 0, 0));
        assertEquals(List.of(new PreVoteResponse(1, 3, 2, true)), p.drain());
        p.step(new RequestVote(3, 1, 2, 0, 0, false));
        assertEquals(List.of(new RequestVoteResponse(1, 3, 2, true)), p.drain());
    }

    /** Thesis §3.10: a vote that is part of a leadership transfer overrides the lease. */
    @Test
    void leadershipTransferVoteOverridesTheLease() {
        Peer p = Peer.fabric(1, 2, 3);
        p.step(new Heartbeat(2, 1, 1, 0));
        p.drain();

        p.step(new RequestVote(3, 1, 2, 0, 0, true));

        assertEquals(List.of(new RequestVoteResponse(1, 3, 2, true)), p.drain());
        assertEquals(2, p.node.term());
    }

    @Test
    void leaderIgnoresPreVotesOfHigherTerm() {
        Peer p = Peer.fabric(1, 2, 3).becomeLeader(2, 3);

        p.step(new PreVote(3, 1, 5, 9, 9));

        assertEquals(List.of(), p.drain());
        assertEquals(RaftRole.LEADER, p.node.role());
        assertEquals(1, p.node.term());
    }

    /** etcd: with CheckQuorum or PreVote, a stale leader's messages are answered so it learns the new term. */
    @Test
    void staleLeaderIsToldTheCurrentTerm() {
        Peer p = new Peer(Peer.config(1, 1, 2, 3), Peer.storageWith(3, List.of()));

        p.step(new AppendEntries(2, 1, 2, 0, 0, List.of(), 0));
        p.step(new Heartbeat(2, 1, 2, 0));

        assertEquals(List.of(AppendEntriesResponse.rejected(1, 2, 3, 0, 0, 0), new HeartbeatResponse(1, 2, 3)), p.drain());
        assertEquals(3, p.node.term());
    }

    @Test
    void leaderStepsDownOnResponseOfHigherTerm() {
        Peer p = Peer.fabric(1, 2, 3).becomeLeader(2, 3);

        p.step(new HeartbeatResponse(2, 1, 3));

        assertEquals(RaftRole.FOLLOWER, p.node.role());
        assertEquals(3, p.node.term());
        assertEquals(RaftNode.NONE, p.node.leaderId());
    }
}
