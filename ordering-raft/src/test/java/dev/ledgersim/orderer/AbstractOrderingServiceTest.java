package dev.ledgersim.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.codec.BlockMetadataValue;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.OrdererBlockMetadata;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.BlockHeader;
import dev.ledgersim.ledger.protocol.BlockMetadataIndex;
import dev.ledgersim.ledger.protocol.BlockMetadataSignature;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.SignatureHeader;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.raft.RaftRole;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ordering service end to end on a scripted network of 3 or 5 orderers: elections, broadcast at
 * leader and followers, block cutting by count, size and timeout, config blocks, signatures, leader
 * crashes and leadership changes (with the envelopes they drop), back-pressure, restarts with catch-up
 * from the log or from a snapshot, several channels. Every test runs against each storage backend (a
 * subclass per {@link KvStoreFactory}).
 */
abstract class AbstractOrderingServiceTest {

    static final String CH = "mychannel";

    /** The storage the orderers' stores are opened from; one per test. */
    protected abstract KvStoreFactory storage();

    private final List<OrdererCluster> clusters = new ArrayList<>();
    final Fixtures f = Fixtures.get();

    @AfterEach
    void closeClusters() {
        clusters.forEach(OrdererCluster::close);
        clusters.clear();
    }

    OrdererCluster cluster(int nodes, UnaryOperator<ChannelOrdererConfig> customize) {
        OrdererCluster c = new OrdererCluster(storage(), nodes, customize);
        clusters.add(c);
        return c;
    }

    OrdererCluster cluster(int nodes, List<String> channels, long seed, UnaryOperator<ChannelOrdererConfig> customize) {
        OrdererCluster c = new OrdererCluster(storage(), nodes, channels, seed, customize);
        clusters.add(c);
        return c;
    }

    static UnaryOperator<ChannelOrdererConfig> maxCount(int count) {
        return c -> c.withBatch(c.batch().withMaxMessageCount(count));
    }

    static String follower(OrdererCluster c, String leader) {
        return c.live.keySet().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
    }

    static List<Bytes> encoded(List<Envelope> envelopes) {
        return envelopes.stream().map(ProtoCodec::encode).toList();
    }

    List<Envelope> txs(String prefix, int count) {
        List<Envelope> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(f.tx(CH, prefix + i));
        }
        return out;
    }

    // ------------------------------------------------------------------ election and replication

    @Test
    void aLeaderIsElectedAndEveryConsenterFollowsIt() {
        OrdererCluster c = cluster(3, UnaryOperator.identity());

        String leader = c.electLeader();

        long leaders = c.names.stream().filter(n -> c.orderer(n).isLeader()).count();
        assertEquals(1, leaders);
        for (String n : c.names) {
            assertEquals(leader, c.orderer(n).leader().orElseThrow());
            assertEquals(c.orderer(leader).term(), c.orderer(n).term());
            assertEquals(n.equals(leader) ? RaftRole.LEADER : RaftRole.FOLLOWER, c.orderer(n).role());
            assertEquals(1, c.orderer(n).height(), "only the genesis block");
        }
    }

    @Test
    void envelopesBroadcastToAnyNodeEndUpInTheSameBlocksOnEveryConsenter() {
        OrdererCluster c = cluster(3, maxCount(3));
        String leader = c.electLeader();
        List<Envelope> envs = txs("any", 6);

        for (int i = 0; i < envs.size(); i++) {
            c.broadcastOk(c.names.get(i % 3), envs.get(i)); // two of three go through a follower
        }

        for (String n : c.names) {
            assertEquals(3, c.orderer(n).height());
            assertEquals(encoded(envs), c.orderedEnvelopes(n, CH), "same envelopes, same order on " + n);
            assertEquals(List.of(1L, 2L), c.delivered.get(OrdererCluster.key(n, CH)).stream().map(ProtocolBlock::number).toList(),
                    "the committed-block effects announce exactly the new blocks on " + n);
        }
        assertTrue(c.sentCount(m -> m.outbound().message() instanceof OrdererMessage.ForwardedEnvelope fe
                && m.outbound().to().equals(leader)) >= 4, "followers forwarded their envelopes to the leader");
        c.assertConsistent();
    }

    @Test
    void fiveConsentersOrderTheSameBlocks() {
        OrdererCluster c = cluster(5, maxCount(4));
        c.electLeader();
        List<Envelope> envs = txs("five", 8);

        for (int i = 0; i < envs.size(); i++) {
            c.broadcastOk(c.names.get((i * 3) % 5), envs.get(i));
        }

        for (String n : c.names) {
            assertEquals(3, c.orderer(n).height(), n);
            assertEquals(encoded(envs), c.orderedEnvelopes(n, CH));
        }
        c.assertConsistent();
    }

    @Test
    void theSameSeedGivesByteIdenticalBlocks() {
        List<Bytes> first = new ArrayList<>();
        List<Bytes> second = new ArrayList<>();
        for (List<Bytes> out : List.of(first, second)) {
            OrdererCluster c = cluster(3, List.of("det"), 7, maxCount(2));
            String leader = c.electLeader("det");
            for (int i = 0; i < 4; i++) {
                c.broadcastOk(c.names.get(i % 3), f.tx("det", "same" + i));
            }
            for (long n = 0; n < c.orderer(leader, "det").height(); n++) {
                out.add(c.orderer(leader, "det").blockBytes(n).orElseThrow());
            }
            c.close();
            c.names.forEach(storage()::discard); // the second run starts from empty disks
        }
        assertEquals(3, first.size());
        assertEquals(first, second);
    }

    // ------------------------------------------------------------------ cutting and the batch timer

    @Test
    void maxMessageCountCutsABlockAndStopsTheBatchTimer() {
        OrdererCluster c = cluster(3, maxCount(3));
        String leader = c.electLeader();

        Effects first = c.broadcast(leader, f.tx(CH, "count0"));
        Effects second = c.broadcast(leader, f.tx(CH, "count1"));
        Effects third = c.broadcast(leader, f.tx(CH, "count2"));

        TimerCommand.StartBatchTimer start = (TimerCommand.StartBatchTimer) first.timers().get(0);
        assertEquals(List.of(new TimerCommand.StartBatchTimer(CH, start.timerId(), Duration.ofSeconds(2))), first.timers());
        assertEquals(List.of(), second.timers(), "the timer is already running");
        assertEquals(List.of(new TimerCommand.StopBatchTimer(CH, start.timerId())), third.timers(),
                "a cut that leaves nothing pending stops the timer");
        assertEquals(2, c.orderer(leader).height());
        assertEquals(3, c.orderer(leader).block(1).orElseThrow().data().size());
        assertFalse(c.orderer(leader).batchTimerRunning());
    }

    @Test
    void theBatchTimeoutCutsThePendingBatch() {
        OrdererCluster c = cluster(3, maxCount(10));
        String leader = c.electLeader();
        String follower = follower(c, leader);

        c.broadcastOk(leader, f.tx(CH, "slow0"));
        c.broadcastOk(follower, f.tx(CH, "slow1"));
        c.ticks(3); // 1.5 s

        assertEquals(1, c.orderer(leader).height(), "nothing is cut before BatchTimeout");
        assertEquals(2, c.orderer(leader).pendingEnvelopeCount());

        c.tick(); // 2.0 s: the driver delivers the timeout the leader asked for

        for (String n : c.names) {
            assertEquals(2, c.orderer(n).height(), n);
            assertEquals(2, c.orderer(n).block(1).orElseThrow().data().size());
        }
        assertEquals(0, c.orderer(leader).pendingEnvelopeCount());
        c.assertConsistent();
    }

    @Test
    void anOverflowCutKeepsTheTimerStartedByTheEarlierEnvelope() {
        Envelope e1 = f.tx(CH, "quirk0");
        Envelope e2 = f.tx(CH, "quirk1");
        long preferred = BlockCutter.messageSize(e1) + BlockCutter.messageSize(e2) - 1;
        OrdererCluster c = cluster(3, cfg -> cfg.withBatch(new BatchConfig(10, 1 << 20, preferred, Duration.ofSeconds(2))));
        String leader = c.electLeader();

        Effects atZero = c.broadcast(leader, e1);
        c.ticks(2); // 1 s later
        Effects atOne = c.broadcast(leader, e2); // overflows PreferredMaxBytes: [e1] is cut, e2 is pending

        assertEquals(1, atZero.timers().size());
        assertEquals(List.of(), atOne.timers(), "Fabric's quirk: the running timer is neither stopped nor restarted");
        assertEquals(List.of(ProtoCodec.encode(e1)), c.orderer(leader).block(1).orElseThrow().data());

        c.ticks(2); // 2 s after e1, only 1 s after e2

        assertEquals(3, c.orderer(leader).height(), "e2 is cut when the timer started for e1 fires");
        assertEquals(List.of(ProtoCodec.encode(e2)), c.orderer(leader).block(2).orElseThrow().data());
    }

    @Test
    void aConfigEnvelopeIsOrderedAloneInABlockAndBecomesTheLastConfig() {
        OrdererCluster c = cluster(3, maxCount(10));
        String leader = c.electLeader();
        String follower = follower(c, leader);
        Envelope n1 = f.tx(CH, "before0");
        Envelope n2 = f.tx(CH, "before1");
        Envelope config = f.config(CH, f.admin1, "update1");

        c.broadcastOk(leader, n1);
        c.broadcastOk(follower, n2);
        Effects fx = c.broadcast(follower, config);
        assertTrue(fx.broadcastResponse().orElseThrow().isSuccess());

        ChannelOrderer l = c.orderer(leader);
        assertEquals(3, l.height(), "genesis, the cut batch, the config block");
        assertEquals(encoded(List.of(n1, n2)), l.block(1).orElseThrow().data(), "the pending batch is cut first");
        assertEquals(encoded(List.of(config)), l.block(2).orElseThrow().data(), "then the config envelope alone");
        assertFalse(l.batchTimerRunning(), "nothing is pending after a config block");
        for (String n : c.names) {
            assertEquals(2, c.orderer(n).lastConfigIndex(), n);
        }

        c.broadcastOk(leader, f.tx(CH, "after0"));
        c.ticks(4);

        ProtocolBlock after = l.block(3).orElseThrow();
        assertEquals(2, OrdererBlocks.ordererMetadata(after).lastConfigIndex());
        assertEquals(2, ProtoCodec.decodeLastConfig(ProtoCodec.decodeBlockMetadataValue(
                after.metadata(BlockMetadataIndex.LAST_CONFIG)).value()));
        assertEquals(0, OrdererBlocks.ordererMetadata(l.block(1).orElseThrow()).lastConfigIndex(), "before: the genesis");
        assertEquals(2, OrdererBlocks.ordererMetadata(l.block(2).orElseThrow()).lastConfigIndex(), "a config block names itself");
        c.assertConsistent();
    }

    @Test
    void theBlockSignatureVerifiesWithTheLeadersIdentityOverTheExactBytes() {
        OrdererCluster c = cluster(3, maxCount(1));
        String leader = c.electLeader();
        c.broadcastOk(follower(c, leader), f.tx(CH, "signed"));
        Identity leaderIdentity = f.orderers.get(c.names.indexOf(leader));

        ProtocolBlock block = c.orderer(follower(c, leader)).block(1).orElseThrow();

        assertEquals(BlockMetadataIndex.values().length, block.metadata().size(), "one slot per metadata index");
        BlockMetadataValue sigs = ProtoCodec.decodeBlockMetadataValue(block.metadata(BlockMetadataIndex.SIGNATURES));
        assertEquals(1, sigs.signatures().size());
        BlockMetadataSignature s = sigs.signatures().get(0);
        SignatureHeader shdr = ProtoCodec.decodeSignatureHeader(s.signatureHeader());
        assertEquals(Bytes.wrap(leaderIdentity.serialize()), shdr.creator());
        assertEquals(24, shdr.nonce().size());
        byte[] signed = Bytes.concat(sigs.value(), s.signatureHeader(), Hashes.blockHeaderBytes(block.header())).toByteArray();
        assertTrue(leaderIdentity.verify(signed, s.signature().toByteArray()), "value || signature_header || header bytes");
        BlockHeader forged = new BlockHeader(block.number() + 1, block.header().previousHash(), block.header().dataHash());
        assertFalse(leaderIdentity.verify(Bytes.concat(sigs.value(), s.signatureHeader(), Hashes.blockHeaderBytes(forged))
                .toByteArray(), s.signature().toByteArray()), "the signature covers the header");
        assertTrue(OrdererBlocks.signedBy(block, leaderIdentity));
        assertFalse(OrdererBlocks.signedBy(block, f.orderers.get((c.names.indexOf(leader) + 1) % 3)));

        OrdererBlockMetadata value = ProtoCodec.decodeOrdererBlockMetadata(sigs.value());
        EtcdRaftBlockMetadata raft = EtcdRaftBlockMetadata.decode(value.consenterMetadata());
        assertEquals(List.of(1L, 2L, 3L), raft.consenterIds());
        assertEquals(4, raft.nextConsenterId());
        assertTrue(raft.raftIndex() > 0 && raft.raftIndex() <= c.orderer(leader).raftCommitIndex(), raft.toString());
        assertEquals(0, ProtoCodec.decodeLastConfig(ProtoCodec.decodeBlockMetadataValue(
                block.metadata(BlockMetadataIndex.LAST_CONFIG)).value()));
        assertTrue(block.metadata(BlockMetadataIndex.TRANSACTIONS_FILTER).isEmpty(), "the peer fills it");
        assertTrue(block.metadata(BlockMetadataIndex.ORDERER).isEmpty());
        assertTrue(block.metadata(BlockMetadataIndex.COMMIT_HASH).isEmpty());
    }

    // ------------------------------------------------------------------ no leader, followers

    @Test
    void withoutALeaderBroadcastAnswersServiceUnavailable() {
        OrdererCluster c = cluster(3, UnaryOperator.identity());

        BroadcastResponse early = c.broadcast(c.names.get(0), f.tx(CH, "early")).broadcastResponse().orElseThrow();

        assertEquals(new BroadcastResponse(BroadcastResponse.Status.SERVICE_UNAVAILABLE, "no Raft leader"), early);

        String leader = c.electLeader();
        String cutOff = follower(c, leader);
        c.isolate(cutOff);
        c.tickUntil(cutOff + " gives up on its leader", 60, x -> x.orderer(cutOff).leader().isEmpty());

        BroadcastResponse isolated = c.broadcast(cutOff, f.tx(CH, "isolated")).broadcastResponse().orElseThrow();
        assertEquals(BroadcastResponse.Status.SERVICE_UNAVAILABLE, isolated.status());
        assertEquals(503, isolated.status().code());
    }

    @Test
    void aFollowerChecksAnEnvelopeBeforeForwardingIt() {
        OrdererCluster c = cluster(3, UnaryOperator.identity());
        String leader = c.electLeader();
        Envelope good = f.tx(CH, "fwd");
        Envelope tampered = new Envelope(good.payload(), Bytes.wrap(f.tx(CH, "other").signature().toByteArray()));

        Effects fx = c.broadcast(follower(c, leader), tampered);

        assertEquals(BroadcastResponse.Status.FORBIDDEN, fx.broadcastResponse().orElseThrow().status());
        assertEquals(List.of(), fx.messages(), "nothing is forwarded");
    }

    // ------------------------------------------------------------------ leader change

    @Test
    void afterALeaderCrashANewLeaderIsElectedAndBlocksKeepChaining() {
        OrdererCluster c = cluster(3, maxCount(2));
        String first = c.electLeader();
        List<Envelope> before = txs("pre", 4);
        before.forEach(e -> c.broadcastOk(first, e));
        assertEquals(3, c.orderer(first).height());

        c.crash(first);
        String second = c.electLeader();
        List<Envelope> after = txs("post", 4);
        for (int i = 0; i < after.size(); i++) {
            c.broadcastOk(i % 2 == 0 ? second : follower(c, second), after.get(i));
        }
        c.restart(first);
        c.awaitHeight(CH, 5);

        assertNotEquals(first, second);
        List<Envelope> all = new ArrayList<>(before);
        all.addAll(after);
        for (String n : c.names) {
            assertEquals(5, c.orderer(n).height(), n);
            assertEquals(encoded(all), c.orderedEnvelopes(n, CH), n);
        }
        c.assertConsistent();
        ProtocolBlock third = c.orderer(first).block(3).orElseThrow();
        assertTrue(OrdererBlocks.signedBy(third, f.orderers.get(c.names.indexOf(second))), "the new leader signs its blocks");
        assertEquals(Hashes.blockHeaderHash(c.orderer(first).block(2).orElseThrow().header()), third.header().previousHash());
    }

    @Test
    void envelopesPendingOrInFlightAtALeadershipChangeAreReportedDropped() {
        // a long BatchTimeout, so that e3 is still pending when CheckQuorum deposes the isolated leader
        OrdererCluster c = cluster(3, cfg -> cfg.withBatch(cfg.batch().withMaxMessageCount(2)
                .withBatchTimeout(Duration.ofMinutes(1))));
        String old = c.electLeader();
        c.isolate(old);
        Envelope e1 = f.tx(CH, "lost1");
        Envelope e2 = f.tx(CH, "lost2");
        Envelope e3 = f.tx(CH, "lost3");
        c.broadcastOk(old, e1);
        c.broadcastOk(old, e2); // block 1 created and proposed, never replicated
        c.broadcastOk(old, e3); // pending in the cutter
        assertEquals(1, c.orderer(old).inflightBlockCount());
        assertEquals(1, c.orderer(old).pendingEnvelopeCount());

        c.tickUntil("the isolated leader steps down", 60, x -> !x.orderer(old).isLeader());

        List<DroppedEnvelopes> atStepDown = List.copyOf(c.droppedOn(old));
        assertEquals(1, atStepDown.size());
        assertEquals(DroppedEnvelopes.Reason.PENDING_BATCH_DISCARDED, atStepDown.get(0).reason());
        assertEquals(List.of(e3), atStepDown.get(0).envelopes());
        assertEquals(0, c.orderer(old).inflightBlockCount());

        c.tickUntil("the others elect a new leader", 100, x -> {
            String other = follower(x, old);
            return x.orderer(other).leader().filter(l -> !l.equals(old)).isPresent();
        });
        String fresh = c.orderer(follower(c, old)).leader().orElseThrow();
        tickUntilServing(c, fresh);
        Envelope e4 = f.tx(CH, "won4");
        Envelope e5 = f.tx(CH, "won5");
        c.broadcastOk(fresh, e4);
        c.broadcastOk(fresh, e5);
        c.heal();
        c.awaitHeight(CH, 2);

        List<DroppedEnvelopes> all = c.droppedOn(old);
        assertEquals(2, all.size(), all.toString());
        assertEquals(DroppedEnvelopes.Reason.PROPOSAL_NOT_COMMITTED, all.get(1).reason());
        assertEquals(List.of(e1, e2), all.get(1).envelopes());
        assertEquals(3, c.orderer(old).droppedEnvelopeCount());
        assertEquals(1, c.orderer(old).leadershipLosses());
        for (String n : c.names) {
            assertEquals(encoded(List.of(e4, e5)), c.orderedEnvelopes(n, CH), "only the new leader's block exists on " + n);
        }
        c.assertConsistent();
    }

    @Test
    void aBlockOfADeposedLeaderThatReachedAMajorityCommitsAndIsNotReportedDropped() {
        OrdererCluster c = cluster(3, maxCount(2));
        String old = c.electLeader();
        String keeper = c.names.stream().filter(n -> !n.equals(old)).findFirst().orElseThrow();
        String other = c.names.stream().filter(n -> !n.equals(old) && !n.equals(keeper)).findFirst().orElseThrow();
        // keeper stores the block but its acknowledgement is lost; the other follower never sees it
        c.lose(m -> (m.from().equals(old) && m.outbound().to().equals(other))
                || (m.from().equals(keeper) && m.outbound().to().equals(old)));
        Envelope e1 = f.tx(CH, "kept1");
        Envelope e2 = f.tx(CH, "kept2");
        c.broadcastOk(old, e1);
        c.broadcastOk(old, e2);
        assertEquals(1, c.orderer(old).inflightBlockCount());
        assertEquals(1, c.orderer(old).height(), "the leader cannot know the block is on a majority");

        c.isolate(old);
        c.loseNothing();
        c.tickUntil("the keeper is elected", 100, x -> x.orderer(keeper).serving());
        c.heal();
        c.awaitHeight(CH, 2);

        assertFalse(c.orderer(old).isLeader());
        assertEquals(List.of(), c.droppedOn(old), "the block made it: nothing was dropped");
        assertEquals(0, c.orderer(old).droppedEnvelopeCount());
        for (String n : c.names) {
            ProtocolBlock b = c.orderer(n).block(1).orElseThrow();
            assertEquals(encoded(List.of(e1, e2)), b.data());
            assertTrue(OrdererBlocks.signedBy(b, f.orderers.get(c.names.indexOf(old))), "the deposed leader's block");
        }
        c.assertConsistent();
    }

    private static void tickUntilServing(OrdererCluster c, String leader) {
        c.tickUntil(leader + " serves", 50, x -> x.orderer(leader).serving());
    }

    @Test
    void underBackPressureEnvelopesQueueAndAreNotLost() {
        OrdererCluster c = cluster(3, cfg -> maxCount(1).apply(cfg).withRaft(cfg.raft().withMaxInflightBlocks(2)));
        String leader = c.electLeader();
        List<Envelope> envs = txs("bp", 5);
        c.hold();

        for (Envelope e : envs) {
            c.broadcastOk(leader, e);
            assertTrue(c.orderer(leader).inflightBlockCount() <= 2);
        }

        assertEquals(2, c.orderer(leader).inflightBlockCount(), "MaxInflightBlocks blocks are in flight");
        assertEquals(3, c.orderer(leader).queuedEnvelopeCount(), "the rest wait, as Fabric stops reading submits");
        c.release();
        c.ticks(2);

        for (String n : c.names) {
            assertEquals(6, c.orderer(n).height(), n);
            assertEquals(encoded(envs), c.orderedEnvelopes(n, CH));
        }
        assertEquals(0, c.orderer(leader).queuedEnvelopeCount());
        assertTrue(c.dropped.isEmpty(), c.dropped.toString());
        c.assertConsistent();
    }

    // ------------------------------------------------------------------ restarts and catch-up

    @Test
    void aRestartedFollowerCatchesUpFromTheRaftLog() {
        OrdererCluster c = cluster(3, maxCount(1));
        String leader = c.electLeader();
        String f1 = follower(c, leader);
        c.broadcastOk(leader, f.tx(CH, "r0"));
        c.crash(f1);
        for (int i = 1; i <= 5; i++) {
            c.broadcastOk(leader, f.tx(CH, "r" + i));
        }
        c.delivered.remove(OrdererCluster.key(f1, CH));

        c.restart(f1);
        assertEquals(2, c.orderer(f1).height(), "the block store height is recovered at once");
        c.awaitHeight(CH, 7);

        assertEquals(List.of(2L, 3L, 4L, 5L, 6L),
                c.delivered.get(OrdererCluster.key(f1, CH)).stream().map(ProtocolBlock::number).toList());
        assertEquals(0, c.orderer(f1).raftSnapshotIndex());
        assertEquals(0, c.sentCount(m -> m.outbound().message() instanceof OrdererMessage.PullBlocks));
        c.assertConsistent();
    }

    @Test
    void aFollowerFarBehindCatchesUpFromASnapshotAndPullsTheBlocks() {
        OrdererCluster c = cluster(3, cfg -> maxCount(1).apply(cfg).withRaft(cfg.raft().withSnapshotIntervalSizeBytes(1)));
        String leader = c.electLeader();
        String lagging = follower(c, leader);
        c.broadcastOk(leader, f.tx(CH, "s0"));
        c.crash(lagging);
        for (int i = 1; i <= 12; i++) {
            c.broadcastOk(leader, f.tx(CH, "s" + i));
        }
        long leaderSnapshot = c.orderer(leader).raftSnapshotIndex();
        assertTrue(leaderSnapshot > 5, "the leader compacted its log: snapshot at " + leaderSnapshot);

        c.restart(lagging);
        c.awaitHeight(CH, 14);

        assertTrue(c.sentCount(m -> m.from().equals(lagging)
                && m.outbound().message() instanceof OrdererMessage.PullBlocks) > 0, "the follower pulled blocks");
        assertTrue(c.sentCount(m -> m.outbound().to().equals(lagging)
                && m.outbound().message() instanceof OrdererMessage.RaftStep rs
                && rs.message() instanceof dev.ledgersim.raft.RaftMessage.InstallSnapshot) > 0, "it was sent a snapshot");
        assertFalse(c.orderer(lagging).isCatchingUp());
        assertTrue(c.orderer(lagging).raftSnapshotIndex() > 0);
        c.assertConsistent();

        c.broadcastOk(lagging, f.tx(CH, "s13")); // and it takes part in ordering again
        for (String n : c.names) {
            assertEquals(15, c.orderer(n).height(), n);
        }
        c.assertConsistent();
    }

    @Test
    void aRestartedClusterRecoversItsChainAndContinues() {
        OrdererCluster c = cluster(3, maxCount(2));
        String leader = c.electLeader();
        txs("first", 4).forEach(e -> c.broadcastOk(leader, e));
        long term = c.orderer(leader).term();
        List<Bytes> chain = new ArrayList<>();
        for (long n = 0; n < 3; n++) {
            chain.add(c.orderer(leader).blockBytes(n).orElseThrow());
        }

        for (String n : c.names) {
            c.crash(n);
        }
        for (String n : c.names) {
            c.restart(n);
            assertEquals(3, c.orderer(n).height(), n);
            assertEquals(term, c.orderer(n).term(), "the term is recovered");
            assertFalse(c.orderer(n).isLeader(), "a restarted node starts as follower");
        }
        String again = c.electLeader();
        txs("second", 2).forEach(e -> c.broadcastOk(again, e));

        for (String n : c.names) {
            assertEquals(4, c.orderer(n).height(), n);
            for (long b = 0; b < 3; b++) {
                assertEquals(chain.get((int) b), c.orderer(n).blockBytes(b).orElseThrow());
            }
        }
        assertTrue(c.orderer(again).term() > term);
        c.assertConsistent();
    }

    // ------------------------------------------------------------------ channels and deliver

    @Test
    void twoChannelsAreIsolatedFromEachOther() {
        OrdererCluster c = cluster(3, List.of("alpha", "beta"), 11, maxCount(2));
        String alphaLeader = c.electLeader("alpha");
        String betaLeader = c.electLeader("beta");
        List<Envelope> alpha = List.of(f.tx("alpha", "a0"), f.tx("alpha", "a1"));
        List<Envelope> beta = List.of(f.tx("beta", "b0"), f.tx("beta", "b1"), f.tx("beta", "b2"), f.tx("beta", "b3"));

        alpha.forEach(e -> c.broadcastOk(alphaLeader, e));
        beta.forEach(e -> c.broadcastOk(c.names.get(2), e)); // routed by the node to its beta orderer

        for (String n : c.names) {
            assertEquals(2, c.orderer(n, "alpha").height());
            assertEquals(3, c.orderer(n, "beta").height());
            assertEquals(encoded(alpha), c.orderedEnvelopes(n, "alpha"));
            assertEquals(encoded(beta), c.orderedEnvelopes(n, "beta"));
        }
        assertEquals(BroadcastResponse.Status.NOT_FOUND, c.orderer(alphaLeader, "alpha").broadcast(f.tx("beta", "x"), c.now)
                .broadcastResponse().orElseThrow().status(), "a channel orderer refuses another channel's envelope");
        assertEquals(BroadcastResponse.Status.NOT_FOUND, c.live.get(betaLeader).broadcast(f.tx("gamma", "x"), c.now)
                .broadcastResponse().orElseThrow().status(), "the node does not serve gamma");
        c.assertConsistent("alpha");
        c.assertConsistent("beta");
        assertTrue(c.sent.stream().allMatch(m -> m.outbound().message().channelId().equals("alpha")
                || m.outbound().message().channelId().equals("beta")));
    }

    @Test
    void deliverStreamsBlocksFromAnyHeight() {
        OrdererCluster c = cluster(3, maxCount(1));
        String leader = c.electLeader();
        txs("d", 3).forEach(e -> c.broadcastOk(leader, e));
        ChannelOrderer follower = c.orderer(follower(c, leader));

        List<ProtocolBlock> fromTwo = new ArrayList<>();
        follower.blocksFrom(2).forEachRemaining(fromTwo::add);
        Iterator<ProtocolBlock> atHeight = follower.blocksFrom(4);

        assertEquals(List.of(2L, 3L), fromTwo.stream().map(ProtocolBlock::number).toList());
        assertEquals(follower.block(2).orElseThrow(), fromTwo.get(0));
        assertFalse(atHeight.hasNext());
        assertThrows(NoSuchElementException.class, atHeight::next);
        c.broadcastOk(leader, f.tx(CH, "d3"));
        assertTrue(atHeight.hasNext(), "the iterator sees blocks committed after it was created");
        assertEquals(4, atHeight.next().number());
        assertThrows(IllegalArgumentException.class, () -> follower.blocksFrom(-1));
    }
}
