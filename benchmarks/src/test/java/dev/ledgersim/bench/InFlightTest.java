package dev.ledgersim.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ledgersim.bench.workload.KvContract;
import dev.ledgersim.endorsement.ChaincodeDefinition;
import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.LedgerView;
import dev.ledgersim.network.Runtime;
import dev.ledgersim.network.Storage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The JMH load generator: every transaction is accounted for and the window keeps the orderer fed, so
 * blocks are cut by size. (The reordering that starved a window waiting for its oldest transaction needs
 * the concurrent runtime's timing; this test runs the deterministic simulated one.)
 */
class InFlightTest {

    @Test
    void everyBlockIsFullWhenTheWindowIsTwiceTheBatch() {
        try (LedgerSim sim = LedgerSim.builder().seed(3)
                .organization("Org1MSP", o -> o.peers(1)).organization("Org2MSP", o -> o.peers(1))
                .ordererOrganization("OrdererMSP", 1)
                .channel("bench", ch -> ch.members("Org1MSP", "Org2MSP").batchSize(10).batchTimeout(Duration.ofSeconds(2)))
                .storage(Storage.inMemory())
                .runtime(Runtime.simulated())
                .crypto(Crypto.simulated()).trace(false).build()) {
            sim.channel("bench").deploy(ChaincodeDefinition.builder("kv", KvContract::new)
                    .endorsementPolicy("AND('Org1MSP.peer', 'Org2MSP.peer')").build());
            Gateway gateway = sim.connect(sim.organization("Org1MSP").enroll("client"));
            Contract contract = gateway.getNetwork("bench").getContract("kv");
            LedgerView ledger = sim.peer(sim.peers().get(0)).ledger("bench");
            for (int round = 0; round < 3; round++) {
                long before = ledger.height();
                int first = round * 400;
                long valid = InFlight.submit(sim, contract, "update", 400, 20,
                        i -> new String[] {KvContract.key((int) (first + i)), "value"});
                assertEquals(400, valid, "round " + round);
                for (long n = before; n < ledger.height(); n++) {
                    assertEquals(10, ledger.block(n).transactions().size(),
                            "round " + round + ": block " + n + " was cut before it was full");
                }
                assertEquals(before + 40, ledger.height(), "round " + round);
            }
            gateway.close();
        }
    }
}
