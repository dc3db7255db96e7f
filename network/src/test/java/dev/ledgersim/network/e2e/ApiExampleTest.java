package dev.ledgersim.network.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.gateway.ChaincodeEvent;
import dev.ledgersim.gateway.CloseableIterator;
import dev.ledgersim.gateway.CommitException;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.EndorseException;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.gateway.GatewayException;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.ledger.Block;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.LedgerView;
import dev.ledgersim.network.Storage;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The examples of API.md §1–§6, end to end on a 2-org network with 3 Raft orderers. */
class ApiExampleTest {

    private LedgerSim sim;
    private Identity drBob;

    @BeforeEach
    void build() {
        sim = LedgerSim.builder().seed(42L)
                .organization("Org1MSP", org -> org.peers(2))
                .organization("Org2MSP", org -> org.peers(1))
                .ordererOrganization("OrdererMSP", 3)
                .channel("emr", ch -> ch.members("Org1MSP", "Org2MSP").batchSize(10).batchTimeout(Duration.ofMillis(2000)))
                .storage(Storage.inMemory())
                .build();
        sim.channel("emr").deploy(ChaincodeDefinition.builder("emrcc", RecordsContract::new)
                .endorsementPolicy("AND('Org1MSP.peer','Org2MSP.peer')").build());
        drBob = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
    }

    @AfterEach
    void close() {
        sim.close();
    }

    @Test
    void submitEvaluateEventsAndLedgerInspection() throws Exception {
        assertEquals(3, sim.orderers().size());
        assertTrue(sim.raftLeader().isPresent());
        try (Gateway gateway = sim.connect(drBob)) {
            Contract contract = gateway.getNetwork("emr").getContract("emrcc");
            try (CloseableIterator<ChaincodeEvent> events = gateway.getNetwork("emr").getChaincodeEvents("emrcc")) {
                byte[] result = contract.submitTransaction("enterData", "patient1", "glucose 7.9 mmol/L");
                assertEquals("Submission complete", new String(result, UTF_8));
                assertTrue(events.hasNext());
                ChaincodeEvent event = events.next();
                assertEquals("DataEntered", event.getEventName());
                assertEquals("patient1", new String(event.getPayload(), UTF_8));
            }
            assertEquals("glucose 7.9 mmol/L", new String(contract.evaluateTransaction("read", "patient1"), UTF_8));

            SubmittedTransaction tx = contract.newProposal("enterData").addArguments("patient1", "HbA1c 8.1%")
                    .setEndorsingOrganizations("Org1MSP", "Org2MSP").build().endorse().submitAsync();
            assertEquals("Submission complete", new String(tx.getResult(), UTF_8));
            Status status = tx.getStatus();
            assertTrue(status.isSuccessful());
            assertEquals(TxValidationCode.VALID, status.getCode());

            for (String peer : sim.peers()) {
                LedgerView ledger = sim.peer(peer).ledger("emr");
                sim.runUntilIdle();
                assertArrayEquals("HbA1c 8.1%".getBytes(UTF_8), ledger.worldState("emrcc", "patient1"), peer);
                assertEquals(TxValidationCode.VALID, ledger.validationCode(tx.getTransactionId()));
                ledger.verifyChain();
            }
            LedgerView ledger = sim.peer("peer0.org1msp").ledger("emr");
            Block block = ledger.block(status.getBlockNumber());
            assertEquals(status.getBlockNumber(), block.number());
            assertEquals(tx.getTransactionId(), block.transactions().get(block.validationCodes().indexOf(TxValidationCode.VALID)).txId());
            assertArrayEquals(ledger.block(status.getBlockNumber() - 1).hash(), block.previousHash());
            assertNull(ledger.worldState("emrcc", "nobody"));
        }
    }

    @Test
    void contractRefusalIsAnEndorseExceptionWithThePeersMessage() {
        Identity alice = sim.organization("Org1MSP").enroll("alice");
        try (Gateway gateway = sim.connect(alice)) {
            Contract contract = gateway.getNetwork("emr").getContract("emrcc");
            EndorseException e = assertThrows(EndorseException.class,
                    () -> contract.submitTransaction("enterData", "patient1", "forged"));
            assertTrue(e.getMessage().contains("Error! Permission denied"), e.getMessage());
            assertTrue(e.getDetails().containsKey("peer0.org1msp"), e.getDetails().toString());
        }
    }

    @Test
    void conflictingUpdatesInOneBlockCommitAsMvccReadConflict() throws Exception {
        try (Gateway gateway = sim.connect(drBob)) {
            Contract contract = gateway.getNetwork("emr").getContract("emrcc");
            contract.submitTransaction("increment", "counter");
            SubmittedTransaction first = contract.newProposal("increment").addArguments("counter").build().endorse().submitAsync();
            SubmittedTransaction second = contract.newProposal("increment").addArguments("counter").build().endorse().submitAsync();
            assertTrue(first.getStatus().isSuccessful());
            Status conflicted = second.getStatus();
            assertEquals(TxValidationCode.MVCC_READ_CONFLICT, conflicted.getCode());
            assertEquals(first.getStatus().getBlockNumber(), conflicted.getBlockNumber(), "both in one block");
            assertEquals("2", new String(contract.evaluateTransaction("read", "counter"), UTF_8));

            var a = contract.newProposal("increment").addArguments("counter").build().endorse();
            var b = contract.newProposal("increment").addArguments("counter").build().endorse();
            a.submitAsync();
            CommitException e = assertThrows(CommitException.class, b::submit);
            assertEquals(TxValidationCode.MVCC_READ_CONFLICT, e.getCode());
            assertTrue(e.getMessage().contains("key 'counter' of emrcc was read at version"), e.getMessage());
        }
    }

    @Test
    void nonDeterministicResultsNameThePeersThatDisagreedAndWhatDiffered() {
        try (Gateway gateway = sim.connect(drBob)) {
            EndorseException e = assertThrows(EndorseException.class,
                    () -> gateway.getNetwork("emr").getContract("emrcc").submitTransaction("whoEndorses"));
            assertTrue(e.getMessage().contains("is the contract deterministic?"), e.getMessage());
            assertTrue(e.getDetails().toString().contains("peer0.org2msp=differs from peer0.org1msp in the read-write set"),
                    e.getDetails().toString());
        }
    }

    @Test
    void theValidatorsReasonIsReachableFromTheLedger() throws Exception {
        try (Gateway gateway = sim.connect(drBob)) {
            Contract contract = gateway.getNetwork("emr").getContract("emrcc");
            var a = contract.newProposal("increment").addArguments("c").build().endorse();
            var b = contract.newProposal("increment").addArguments("c").build().endorse();
            a.submitAsync();
            Status status = b.submitAsync().getStatus();
            assertEquals(TxValidationCode.MVCC_READ_CONFLICT, status.getCode());
            String reason = sim.peer("peer0.org2msp").ledger("emr").validationReason(status.getTransactionId());
            assertTrue(reason.contains("key 'c' of emrcc was read at version <absent>"), reason);
            assertEquals("", sim.peer("peer0.org2msp").ledger("emr").validationReason(a.getTransactionId()));
        }
    }

    @Test
    void revokedIdentityIsRefused() throws Exception {
        Identity mallory = sim.organization("Org1MSP").enroll("mallory", Map.of("role", "doctor"));
        try (Gateway gateway = sim.connect(mallory)) {
            Contract contract = gateway.getNetwork("emr").getContract("emrcc");
            contract.submitTransaction("enterData", "p2", "ok");
            sim.organization("Org1MSP").revoke(mallory);
            GatewayException e = assertThrows(GatewayException.class, () -> contract.submitTransaction("enterData", "p2", "no"));
            assertTrue(e.getMessage().contains("revoked"), e.getMessage());
        }
    }

    @Test
    void blockEventsReplayFromAStartBlock() throws Exception {
        try (Gateway gateway = sim.connect(drBob)) {
            gateway.getNetwork("emr").getContract("emrcc").submitTransaction("enterData", "p3", "x");
            try (CloseableIterator<Block> blocks = gateway.getNetwork("emr").getBlockEvents(0)) {
                Block genesis = blocks.next();
                assertEquals(0, genesis.number());
                assertEquals(1, blocks.next().number());
            }
            assertFalse(sim.peer("peer0.org1msp").ledger("emr").height() < 3);
        }
    }
}
