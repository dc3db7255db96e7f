package dev.ledgersim.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.raft.RaftConfig;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Validation and defaults of the orderer's configuration records, and the etcdraft metadata encoding. */
class ConfigurationTest {

    private final Fixtures f = Fixtures.get();
    private final List<Consenter> three = List.of(new Consenter(3, "c"), new Consenter(1, "a"), new Consenter(2, "b"));

    private ChannelOrdererConfig config(String channel, String node, List<Consenter> consenters) {
        return ChannelOrdererConfig.defaults(channel, node, f.orderers.get(0), consenters, f.msps, f.writers,
                new SplittableRandom(1));
    }

    @Test
    void raftOptionsDefaultToFabricsSampleconfig() {
        RaftOptions o = RaftOptions.defaults();
        assertEquals(Duration.ofMillis(500), o.tickInterval());
        assertEquals(10, o.electionTick());
        assertEquals(1, o.heartbeatTick());
        assertEquals(5, o.maxInflightBlocks());
        assertEquals(16L * 1024 * 1024, o.snapshotIntervalSizeBytes());
        assertEquals(16L * 1024 * 1024, o.withSnapshotIntervalSizeBytes(0).snapshotIntervalSizeBytes(),
                "0 means DefaultSnapshotIntervalSize");
    }

    @Test
    void raftOptionsAreValidatedAsEtcdraftDoes() {
        assertThrows(IllegalArgumentException.class, () -> new RaftOptions(Duration.ZERO, 10, 1, 5, 0));
        assertThrows(IllegalArgumentException.class, () -> RaftOptions.defaults().withTicks(0, 1));
        assertThrows(IllegalArgumentException.class, () -> RaftOptions.defaults().withTicks(10, 0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RaftOptions.defaults().withTicks(2, 2));
        assertEquals("ElectionTick (2) must be greater than HeartbeatTick (2)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RaftOptions.defaults().withMaxInflightBlocks(0));
        assertThrows(IllegalArgumentException.class, () -> RaftOptions.defaults().withSnapshotIntervalSizeBytes(-1));
    }

    @Test
    void raftOptionsBecomeTheRaftConfigFabricsConsenterBuilds() {
        RaftConfig rc = RaftOptions.defaults().withTicks(12, 2).withMaxInflightBlocks(7)
                .toRaftConfig(2, Set.of(1L, 2L, 3L), 512 * 1024, new SplittableRandom(1));
        assertEquals(2, rc.id());
        assertEquals(Set.of(1L, 2L, 3L), rc.peers());
        assertEquals(12, rc.electionTick());
        assertEquals(2, rc.heartbeatTick());
        assertEquals(7, rc.maxInflightMessages());
        assertEquals(512 * 1024, rc.maxSizePerMessageBytes(), "MaxSizePerMsg = PreferredMaxBytes");
        assertTrue(rc.preVote() && rc.checkQuorum());
    }

    @Test
    void theChannelConfigurationSortsConsentersAndFindsThisNode() {
        ChannelOrdererConfig c = config("mychannel", "b", three);
        assertEquals(List.of("a", "b", "c"), c.consenters().stream().map(Consenter::name).toList());
        assertEquals(2, c.raftId());
        assertEquals(Set.of(1L, 2L, 3L), c.raftIds());
        assertEquals("c", c.consenterName(3).orElseThrow());
        assertTrue(c.consenterName(9).isEmpty());
        assertEquals(BatchConfig.defaults(), c.batch());
        assertEquals(RaftOptions.defaults(), c.raft());
        assertEquals(ChannelOrdererConfig.DEFAULT_SUBMIT_QUEUE_CAPACITY, c.submitQueueCapacity());
        assertEquals("b/mychannel/orderer", ChannelOrderer.storeName(c));
    }

    @Test
    void theChannelConfigurationRefusesWhatFabricRefuses() {
        assertMessage("orderer z is not a consenter of channel mychannel", () -> config("mychannel", "z", three));
        assertMessage("invalid channel id 'MyChannel'", () -> config("MyChannel", "a", three));
        assertMessage("consenter raft id 1 is given twice",
                () -> config("mychannel", "a", List.of(new Consenter(1, "a"), new Consenter(1, "b"))));
        assertMessage("consenter a is given twice",
                () -> config("mychannel", "a", List.of(new Consenter(1, "a"), new Consenter(2, "a"))));
        assertMessage("a channel needs at least one consenter", () -> config("mychannel", "a", List.of()));
        assertMessage("the orderer identity client1@Org1MSP (client) has role client",
                () -> ChannelOrdererConfig.defaults("mychannel", "a", f.client1, three, f.msps, f.writers, new SplittableRandom(1)));
        assertMessage("the orderer identity", () -> ChannelOrdererConfig.defaults("mychannel", "a",
                f.orderers.get(0).withoutPrivateKey(), three, f.msps, f.writers, new SplittableRandom(1)));
        assertMessage("the genesis block must be block 0", () -> config("mychannel", "a", three)
                .withGenesisBlock(OrdererBlocks.create(1, Bytes.EMPTY, List.of(), 0, Bytes.EMPTY, f.orderers.get(0), Bytes.utf8("n"))));
        assertMessage("submitQueueCapacity must be >= 1", () -> config("mychannel", "a", three).withSubmitQueueCapacity(0));
    }

    @Test
    void aCreatedBlocksDataHashIsRememberedForTheStoresItReaches() {
        ProtocolBlock genesis = f.genesis("mychannel");
        assertEquals(Hashes.blockDataHash(List.copyOf(new java.util.ArrayList<>(genesis.data()))), genesis.header().dataHash());
        assertSame(genesis.header().dataHash(), Hashes.blockDataHash(genesis), "the creator's hash is not computed again");
    }

    private static void assertMessage(String start, org.junit.jupiter.api.function.Executable build) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        assertTrue(e.getMessage().startsWith(start), "'" + e.getMessage() + "' should start with '" + start + "'");
    }

    @Test
    void etcdraftBlockMetadataIsProtobufByteForByte() {
        EtcdRaftBlockMetadata m = new EtcdRaftBlockMetadata(List.of(1L, 2L, 300L), 301, 5);
        // field 1 packed (0a, len 4: 01 02 ac02), field 2 = 301 (10 ad02), field 3 = 5 (18 05)
        assertEquals(Bytes.fromHex("0a040102ac0210ad021805"), m.encode());
        assertEquals(m, EtcdRaftBlockMetadata.decode(m.encode()));
        assertEquals(Bytes.EMPTY, new EtcdRaftBlockMetadata(List.of(), 0, 0).encode());
        assertThrows(IllegalArgumentException.class, () -> EtcdRaftBlockMetadata.decode(Bytes.fromHex("1805" + "0a0101")));
        assertThrows(IllegalArgumentException.class, () -> EtcdRaftBlockMetadata.decode(Bytes.fromHex("1800")));
        assertThrows(IllegalArgumentException.class, () -> EtcdRaftBlockMetadata.decode(Bytes.fromHex("0a0501")));
    }

    @Test
    void broadcastResponsesCarryFabricsStatusNumbers() {
        assertEquals(List.of(200, 400, 403, 404, 503), java.util.Arrays.stream(BroadcastResponse.Status.values())
                .map(BroadcastResponse.Status::code).toList());
        assertThrows(IllegalArgumentException.class, () -> BroadcastResponse.refused(BroadcastResponse.Status.SUCCESS, "x"));
    }
}
