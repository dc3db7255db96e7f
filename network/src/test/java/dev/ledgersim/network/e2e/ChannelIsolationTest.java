package dev.ledgersim.network.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.gateway.EndorseException;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.Metrics;
import dev.ledgersim.network.Storage;
import dev.ledgersim.ledger.TxValidationCode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Channels are isolated; the trace and the metrics see what happened. */
class ChannelIsolationTest {

    @Test
    void nonMembersHaveNoLedgerAndAreRefusedAndTracesAndMetricsRecordTheRun() throws Exception {
        try (LedgerSim sim = LedgerSim.builder().seed(5)
                .organization("Org1MSP", o -> o.peers(1)).organization("Org2MSP", o -> o.peers(1))
                .organization("Org3MSP", o -> o.peers(1))
                .ordererOrganization("OrdererMSP", 1)
                .channel("emr", ch -> ch.members("Org1MSP", "Org2MSP").batchSize(5))
                .channel("billing", ch -> ch.members("Org2MSP", "Org3MSP").batchSize(5))
                .storage(Storage.inMemory()).build()) {
            sim.channel("emr").deploy(ChaincodeDefinition.builder("emrcc", RecordsContract::new).build());
            IllegalArgumentException noLedger = assertThrows(IllegalArgumentException.class,
                    () -> sim.peer("peer0.org3msp").ledger("emr"));
            assertTrue(noLedger.getMessage().contains("not a member"), noLedger.getMessage());

            Identity outsider = sim.organization("Org3MSP").enroll("eve", Map.of("role", "doctor"));
            try (Gateway own = sim.connect(outsider)) {
                assertThrows(IllegalArgumentException.class, () -> own.getNetwork("emr"));
            }
            try (Gateway viaMember = sim.connect(outsider, "peer0.org1msp")) {
                EndorseException e = assertThrows(EndorseException.class, () -> viaMember.getNetwork("emr")
                        .getContract("emrcc").submitTransaction("enterData", "p", "x"));
                assertTrue(e.getMessage().contains("unknown MSP 'Org3MSP'"), e.getMessage());
            }

            Identity doctor = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
            try (Gateway gateway = sim.connect(doctor)) {
                gateway.getNetwork("emr").getContract("emrcc").submitTransaction("enterData", "p1", "v");
            }
            assertEquals(1, sim.peer("peer0.org3msp").ledger("billing").height(), "billing saw none of emr's blocks");

            Metrics metrics = sim.metrics();
            assertTrue(metrics.transactionCount() >= 1);
            Metrics.TransactionTiming last = metrics.transactions().get(metrics.transactions().size() - 1);
            assertEquals(TxValidationCode.VALID, last.code());
            assertTrue(!last.order().isNegative() && !last.order().isZero(), "ordering takes simulated time: " + last);
            assertTrue(last.total().compareTo(last.order()) >= 0);
            assertTrue(metrics.validationCodes().getOrDefault(TxValidationCode.VALID, 0L) >= 4, metrics.validationCodes().toString());
            assertTrue(metrics.blocks().stream().anyMatch(b -> b.channel().equals("emr") && b.transactions() == 1));

            var kinds = sim.trace().events().stream().map(Object::toString).toList();
            assertTrue(kinds.stream().anyMatch(k -> k.contains("leader elected")), "the trace records the election");
            assertTrue(kinds.stream().anyMatch(k -> k.contains("block committed")));
            assertTrue(kinds.stream().anyMatch(k -> k.contains("block cut")), "the trace records block cuts");
        }
    }
}
