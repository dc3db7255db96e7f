package dev.ledgersim.cli;

import static dev.ledgersim.cli.Cli.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.bench.workload.KvContract;
import dev.ledgersim.cli.Cli.Run;
import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.commit.ChannelLedger;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.RocksDbResources;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** inspect, verify and trace on what a real (small) RocksDB network left behind. */
class LedgerToolsTest {

    @TempDir
    static Path work;
    static Path network;
    static Path trace;
    static long conflictBlock;

    /** Two organisations, one orderer, a KV chaincode; two read-modify-writes of one key race, one loses. */
    @BeforeAll
    static void runANetwork() throws Exception {
        network = work.resolve("network");
        trace = work.resolve("trace.json");
        try (LedgerSim sim = LedgerSim.builder().seed(11)
                .organization("Org1MSP", o -> o.peers(1)).organization("Org2MSP", o -> o.peers(1))
                .ordererOrganization("OrdererMSP", 1)
                .channel("emr", ch -> ch.members("Org1MSP", "Org2MSP").batchSize(10).batchTimeout(Duration.ofMillis(50)))
                .storage(Storage.rocksDb(network)).crypto(Crypto.simulated()).build()) {
            sim.channel("emr").deploy(ChaincodeDefinition.builder("kvcc", KvContract::new)
                    .endorsementPolicy("AND('Org1MSP.peer', 'Org2MSP.peer')").build());
            Identity client = sim.organization("Org1MSP").enroll("client");
            try (Gateway gateway = sim.connect(client)) {
                Contract kv = gateway.getNetwork("emr").getContract("kvcc");
                kv.submitTransaction("load", "0", "5", "8");
                SubmittedTransaction first = kv.newProposal("readModifyWrite").addArguments(KvContract.key(0), "first").build()
                        .endorse().submitAsync();
                SubmittedTransaction second = kv.newProposal("readModifyWrite").addArguments(KvContract.key(0), "second").build()
                        .endorse().submitAsync();
                assertEquals(TxValidationCode.VALID, first.getStatus().getCode());
                Status lost = second.getStatus();
                assertEquals(TxValidationCode.MVCC_READ_CONFLICT, lost.getCode());
                conflictBlock = lost.getBlockNumber();
                kv.submitTransaction("update", KvContract.key(1), "blind");
            }
            sim.runUntilIdle();
            sim.trace().writeJson(trace);
        }
    }

    /** A copy of the network's directory, to damage. */
    private static Path copyOfNetwork(Path into) throws IOException {
        try (Stream<Path> files = Files.walk(network)) {
            for (Path from : files.toList()) {
                Path to = into.resolve(network.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else if (!from.getFileName().toString().equals("LOCK")) {
                    Files.copy(from, to);
                }
            }
        }
        return into;
    }

    @Test
    void inspectListsLedgersBlocksCodesAndWorldState() {
        Run inspect = run("inspect", network.toString());
        assertEquals(0, inspect.status(), inspect.err());
        String out = inspect.out();
        for (String expected : List.of("peer     peer0.org1msp", "peer     peer0.org2msp", "orderer  orderer0.orderermsp",
                "Blocks of channel emr on peer0.org1msp", "MVCC_READ_CONFLICT 1", "namespace kvcc (5 keys)",
                KvContract.key(0) + " ", "\"first\"", "\"blind\"")) {
            assertTrue(out.contains(expected), "missing '" + expected + "' in:\n" + out);
        }
        assertFalse(out.contains("\"second\""), "the conflicting write never reached the state");
    }

    @Test
    void inspectOneBlockExplainsTheInvalidTransaction() {
        Run block = run("inspect", network.toString(), "--block", Long.toString(conflictBlock), "--peer", "peer0.org2msp");
        assertEquals(0, block.status(), block.err());
        String out = block.out();
        assertTrue(out.contains("Block " + conflictBlock + " of channel emr on peer0.org2msp"), out);
        assertTrue(out.contains("function readModifyWrite"), out);
        String conflictLine = out.lines().filter(l -> l.contains("MVCC_READ_CONFLICT")).findFirst().orElse("");
        assertTrue(conflictLine.contains(": ") && conflictLine.contains(KvContract.key(0)),
                "the validator's explanation names the key: " + out);
    }

    @Test
    void inspectRefusesUnknownChannelsPeersAndBlocks() {
        Run channel = run("inspect", network.toString(), "--channel", "lab");
        assertEquals(2, channel.status());
        assertTrue(channel.err().contains("no channel 'lab'") && channel.err().contains("(channels: emr)"), channel.err());
        Run peer = run("inspect", network.toString(), "--peer", "peer9.org1msp");
        assertEquals(2, peer.status());
        assertTrue(peer.err().contains("no peer 'peer9.org1msp'"), peer.err());
        Run block = run("inspect", network.toString(), "--block", "999");
        assertEquals(2, block.status());
        assertTrue(block.err().contains("--block 999: channel emr on peer0.org1msp has blocks 0 to"), block.err());
    }

    @Test
    void verifyPassesOnAnIntactNetwork() {
        Run verify = run("verify", network.toString());
        assertEquals(0, verify.status(), verify.out() + verify.err());
        assertTrue(verify.out().contains("ok      peer peer0.org1msp, channel emr"), verify.out());
        assertTrue(verify.out().contains("ok      orderer orderer0.orderermsp, channel emr"), verify.out());
        assertTrue(verify.out().contains("All ledgers verified"), verify.out());
    }

    @Test
    void verifyNamesATamperedBlock(@TempDir Path dir) throws Exception {
        Path copy = copyOfNetwork(dir.resolve("net"));
        // Someone edits block 2 on peer0.org2msp's disk: its transactions are swapped for block 3's, header kept.
        try (RocksDbResources resources = RocksDbResources.withDefaults()) {
            KvStoreFactory factory = KvStoreFactory.rocksDb(copy, resources);
            try (KvStore blocks = factory.open("peer0.org2msp/emr.blocks", ChannelLedger.BLOCK_COLUMNS)) {
                ProtocolBlock two = ProtoCodec.decodeBlock(Bytes.wrap(blocks.get("blocks", key(2))));
                ProtocolBlock three = ProtoCodec.decodeBlock(Bytes.wrap(blocks.get("blocks", key(3))));
                ProtocolBlock forged = new ProtocolBlock(two.header(), three.data(), two.metadata());
                blocks.write(blocks.newBatch().put("blocks", key(2), ProtoCodec.encode(forged).toByteArray()));
            }
        }
        Run verify = run("verify", copy.toString());
        assertEquals(1, verify.status(), verify.out());
        assertTrue(verify.out().contains("FAILED  peer peer0.org2msp, channel emr: block 2: block 2 of channel emr: its "
                + "transactions hash to"), verify.out());
        assertTrue(verify.out().contains("ok      peer peer0.org1msp"), "the other peer is intact: " + verify.out());
        assertTrue(verify.out().contains("1 ledger(s) FAILED verification"), verify.out());
    }

    @Test
    void verifyFindsAWorldStateThatTheBlocksDoNotExplain(@TempDir Path dir) throws Exception {
        Path copy = copyOfNetwork(dir.resolve("net"));
        try (RocksDbResources resources = RocksDbResources.withDefaults()) {
            KvStoreFactory factory = KvStoreFactory.rocksDb(copy, resources);
            try (KvStore state = factory.open("peer0.org1msp/emr.state", ChannelLedger.STATE_COLUMNS)) {
                byte[] stateKey = null;
                byte[] value = null;
                try (KvIterator it = state.iterate("state", null, null)) {
                    while (it.next()) {
                        if (new String(it.key(), StandardCharsets.UTF_8).endsWith(KvContract.key(1))) {
                            stateKey = it.key();
                            value = it.value();
                        }
                    }
                }
                assertNotNull(stateKey);
                byte[] changed = value.clone();
                changed[changed.length - 1] ^= 1;
                state.write(state.newBatch().put("state", stateKey, changed));
            }
        }
        Run verify = run("verify", copy.toString());
        assertEquals(1, verify.status(), verify.out());
        assertTrue(verify.out().contains("FAILED  peer peer0.org1msp, channel emr") && verify.out().contains(
                "does not equal a replay") && verify.out().contains("key '" + KvContract.key(1) + "' of namespace kvcc"),
                verify.out());
    }

    private static byte[] key(long block) {
        return ByteBuffer.allocate(8).putLong(block).array();
    }

    @Test
    void traceRendersATimelineAndASequenceDiagram() throws Exception {
        Path html = work.resolve("out/trace.html");
        Run t = run("trace", trace.toString(), "--html", html.toString());
        assertEquals(0, t.status(), t.err());
        String out = t.out();
        assertTrue(out.contains("ledgersim-trace/1, seed 11, simulated runtime"), out);
        assertTrue(out.contains("* leader elected"), out);
        assertTrue(out.contains("-> orderer0.orderermsp  Broadcast #"), out);
        assertTrue(out.contains("<- peer0.org1msp  EndorseRequest #") || out.contains("<- peer0.org2msp  EndorseRequest #"), out);
        assertTrue(out.contains("timer and call events hidden"), out);
        assertTrue(out.contains("wrote " + html), out);

        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<title>LedgerSim trace trace.json</title>"));
        assertFalse(page.contains("<script") || page.contains("href=\"http") || page.contains("src=\""), "self-contained");
        String svg = page.substring(page.indexOf("<svg"), page.indexOf("</svg>") + 6);
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertTrue(doc.getElementsByTagName("line").getLength() > 10, "lifelines and message arrows");
        for (String node : List.of("peer0.org1msp", "peer0.org2msp", "orderer0.orderermsp")) {
            assertTrue(svg.contains(">" + node + "</text>"), node + " has a lifeline");
        }

        Run all = run("trace", trace.toString(), "--all", "--limit", "5");
        assertEquals(0, all.status());
        assertEquals(5, all.out().lines().dropWhile(l -> !l.contains("time (ms)")).skip(1).count(), all.out());
        assertTrue(all.out().contains("left out"), all.out());
    }
}
