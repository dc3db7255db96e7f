package dev.ledgersim.network.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuickStartTest {

    @Test
    void deploySubmitEvaluate() throws Exception {
        try (LedgerSim sim = LedgerSim.builder().seed(42)
                .organization("Org1MSP", org -> org.peers(2))
                .organization("Org2MSP", org -> org.peers(1))
                .ordererOrganization("OrdererMSP", 3)
                .channel("emr", ch -> ch.members("Org1MSP", "Org2MSP").batchSize(10).batchTimeout(Duration.ofMillis(2000)))
                .storage(Storage.inMemory())
                .build()) {
            sim.channel("emr").deploy(ChaincodeDefinition.builder("emrcc", RecordsContract::new)
                    .endorsementPolicy("AND('Org1MSP.peer','Org2MSP.peer')").build());
            Identity drBob = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
            try (Gateway gateway = sim.connect(drBob)) {
                Contract contract = gateway.getNetwork("emr").getContract("emrcc");
                byte[] result = contract.submitTransaction("enterData", "patient1", "glucose 7.9 mmol/L");
                assertEquals("Submission complete", new String(result, StandardCharsets.UTF_8));
                assertEquals("glucose 7.9 mmol/L", new String(contract.evaluateTransaction("read", "patient1"), StandardCharsets.UTF_8));
            }
        }
    }
}
