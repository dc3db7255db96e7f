package dev.ledgersim.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.raft.RaftMessage;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What an orderer ignores or refuses: stale timers, strangers, mismatched ids, a full submit queue. */
class ChannelOrdererEdgeCasesTest {

    private static final String CH = "mychannel";
    private final Fixtures f = Fixtures.get();
    private OrdererCluster cluster;

    private OrdererCluster cluster(int nodes, UnaryOperator<ChannelOrdererConfig> customize) {
        cluster = new OrdererCluster(KvStoreFactory.inMemory(), nodes, customize);
        return cluster;
    }

    @AfterEach
    void close() {
        cluster.close();
    }

    @Test
    void aStaleOrUnknownBatchTimeoutIsIgnored() {
        OrdererCluster c = cluster(3, UnaryOperator.identity());
        String leader = c.electLeader();
        Effects started = c.broadcast(leader, f.tx(CH, "t0"));
        long id = started.timers().get(0).timerId();
        ChannelOrderer o = c.orderer(leader);

        assertTrue(o.batchTimeout(id + 1).isEmpty(), "not the running timer");
        assertTrue(o.batchTimeout(id - 1).isEmpty(), "an older timer");
        assertEquals(1, o.pendingEnvelopeCount());

        Effects fired = o.batchTimeout();
        c.handle(leader, fired);
        c.deliverAll();

        assertEquals(0, o.pendingEnvelopeCount());
        assertEquals(2, o.height());
        assertTrue(o.batchTimeout(id).isEmpty(), "a timer fires once");
    }

    @Test
    void followersIgnoreBatchTimeouts() {
        OrdererCluster c = cluster(3, UnaryOperator.identity());
        String leader = c.electLeader();
        String follower = c.names.stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();

        assertTrue(c.orderer(follower).batchTimeout(1).isEmpty());
        assertFalse(c.orderer(follower).batchTimerRunning());
    }

    @Test
    void messagesFromStrangersOrWithMismatchedIdsAreIgnored() {
        OrdererCluster c = cluster(3, UnaryOperator.identity());
        String leader = c.electLeader();
        ChannelOrderer o = c.orderer(leader);
        long term = o.term();
        // a heartbeat of a higher term from "raft id 2" would depose the leader if it reached Raft
        RaftMessage.Heartbeat vote = new RaftMessage.Heartbeat(2, o.config().raftId(), term + 5, 0);

        assertTrue(o.step(new OrdererMessage.RaftStep(CH, "mallory.orderermsp", vote)).isEmpty(), "not a consenter");
        assertTrue(o.step(new OrdererMessage.RaftStep("otherchannel", c.names.get(1), vote)).isEmpty(), "another channel");
        String wrongSender = c.names.stream().filter(n -> !n.equals(leader) && !n.equals(c.names.get(1))).findFirst().orElseThrow();
        assertTrue(o.step(new OrdererMessage.RaftStep(CH, wrongSender, vote)).isEmpty(), "raft id 2 is not " + wrongSender);
        assertEquals(term, o.term(), "none of them reached Raft");
        assertTrue(o.isLeader());
    }

    @Test
    void aFullSubmitQueueAnswersServiceUnavailable() {
        OrdererCluster c = cluster(3, cfg -> cfg.withBatch(cfg.batch().withMaxMessageCount(1))
                .withRaft(cfg.raft().withMaxInflightBlocks(1)).withSubmitQueueCapacity(2));
        String leader = c.electLeader();
        c.hold();

        for (int i = 0; i < 3; i++) {
            c.broadcastOk(leader, f.tx(CH, "q" + i));
        }
        BroadcastResponse full = c.broadcast(leader, f.tx(CH, "q3")).broadcastResponse().orElseThrow();

        assertEquals(BroadcastResponse.Status.SERVICE_UNAVAILABLE, full.status());
        assertTrue(full.info().startsWith("the leader's submit queue is full (2 envelopes waiting)"), full.info());
        c.release();
        c.ticks(2);
        assertEquals(4, c.orderer(leader).height(), "the three accepted envelopes were ordered");
    }

    @Test
    void aForwardedEnvelopeReachingANodeWithoutLeaderIsReportedDropped() {
        OrdererCluster c = cluster(3, UnaryOperator.identity());
        ChannelOrderer o = c.orderer(c.names.get(0));

        Effects fx = o.step(new OrdererMessage.ForwardedEnvelope(CH, c.names.get(1), f.tx(CH, "orphan"), 0));

        assertEquals(1, fx.dropped().size());
        assertEquals(DroppedEnvelopes.Reason.FORWARD_FAILED, fx.dropped().get(0).reason());
        assertEquals(1, fx.droppedEnvelopeCount());
        assertEquals(1, o.droppedEnvelopeCount());
        assertEquals(List.of(), fx.messages());
    }
}
