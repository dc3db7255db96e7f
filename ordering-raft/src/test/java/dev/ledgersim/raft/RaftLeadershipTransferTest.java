package dev.ledgersim.raft;

import static dev.ledgersim.raft.Peer.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.raft.RaftMessage.AppendEntries;
import dev.ledgersim.raft.RaftMessage.AppendEntriesResponse;
import dev.ledgersim.raft.RaftMessage.Heartbeat;
import dev.ledgersim.raft.RaftMessage.HeartbeatResponse;
import dev.ledgersim.raft.RaftMessage.PreVote;
import dev.ledgersim.raft.RaftMessage.RequestVote;
import dev.ledgersim.raft.RaftMessage.TimeoutNow;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Leadership transfer (thesis §3.10): catch the target up, TimeoutNow, abort after an election timeout. */
class RaftLeadershipTransferTest {

    @Test
    void upToDateTargetIsSentTimeoutNowAtOnceAndProposalsAreRefused() {
        Peer p = Peer.leaderInReplicate(UnaryOperator.identity());

        assertEquals(TransferResult.STARTED, p.node.transferLeadership(2));

        assertEquals(List.of(new TimeoutNow(1, 2, 1)), p.drain());
        assertEquals(2, p.node.transferee());
        assertEquals(new ProposeResult.Transferring(2), p.node.propose(bytes("x")));
        assertEquals(new ProposeResult.Transferring(2), p.node.proposeConfChange(ConfChange.addNode(4)));
        assertEquals(TransferResult.ALREADY_IN_PROGRESS, p.node.transferLeadership(2));
    }

    @Test
    void laggingTargetIsCaughtUpFirst() {
        Peer p = Peer.leaderInReplicate(UnaryOperator.identity());
        p.node.propose(bytes("x"));
        p.step(AppendEntriesResponse.accepted(2, 1, 1, 2));
        p.drain();

        assertEquals(TransferResult.STARTED, p.node.transferLeadership(3));
        assertEquals(List.of(new AppendEntries(1, 3, 1, 2, 1, List.of(), 2)), p.drain(), "no TimeoutNow yet");

        p.step(AppendEntriesResponse.accepted(3, 1, 1, 2));

        assertEquals(List.of(new TimeoutNow(1, 3, 1)), p.drain());
    }

    @Test
    void transferNotDoneWithinElectionTickIsAbandoned() {
        Peer p = Peer.leaderInReplicate(UnaryOperator.identity());
        p.node.propose(bytes("x"));
        p.step(AppendEntriesResponse.accepted(2, 1, 1, 2));
        p.node.transferLeadership(3); // node 3 never answers
        for (int i = 0; i < 9; i++) {
            p.tick(1);
            p.step(new HeartbeatResponse(2, 1, 1));
        }
        assertEquals(3, p.node.transferee());

        p.tick(1);

        assertEquals(RaftNode.NONE, p.node.transferee());
        assertEquals(RaftRole.LEADER, p.node.role());
        assertTrue(p.node.propose(bytes("y")).isAccepted());
    }

    /** Thesis §3.10: on TimeoutNow the target campaigns at once, skipping PreVote, flagging the votes as a transfer. */
    @Test
    void followerReceivingTimeoutNowCampaignsImmediately() {
        Peer p = Peer.fabric(1, 2, 3);
        p.step(new Heartbeat(2, 1, 1, 0));
        p.drain();

        p.step(new TimeoutNow(2, 1, 1));

        assertEquals(RaftRole.CANDIDATE, p.node.role());
        assertEquals(2, p.node.term());
        assertEquals(List.of(new RequestVote(1, 2, 2, 0, 0, true), new RequestVote(1, 3, 2, 0, 0, true)), p.drain());
    }

    @Test
    void transferRequestsThatCannotStart() {
        Peer follower = Peer.fabric(1, 2, 3);
        assertEquals(TransferResult.NOT_LEADER, follower.node.transferLeadership(2));
        Peer leader = Peer.leaderInReplicate(UnaryOperator.identity());
        assertEquals(TransferResult.ALREADY_LEADER, leader.node.transferLeadership(1));
        assertEquals(TransferResult.NOT_A_VOTER, leader.node.transferLeadership(9));
        assertEquals(List.of(), leader.drain());
    }
}
