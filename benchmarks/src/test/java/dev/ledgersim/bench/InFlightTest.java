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
 * The JMH load generator: every transaction is accounted for, and the window keeps the orderer fed even
 * when transactions overtake each other, so blocks are cut by size, not by the batch timer. (A window
 * that waited for its oldest transaction failed this: "block 5 was cut before it was full", 8 of 10.)
 */
class InFlightTest {

    @Test
    void everyBlockIsFullThoughTransactionsReachTheOrdererOutOfOrder() {
        try (LedgerSim sim = LedgerSim.builder().seed(3)
                .organization("Org1MSP", o -> o.peers(1)).organization("Org2MSP", o -> o.peers(1))
                .ordererOrganization("OrdererMSP", 1)
                .channel("bench", ch -> ch.members("Org1MSP", "Org2MSP").batchSize(10).batchTimeout(Duration.ofSeconds(2)))
                .storage(Storage.inMemory())
                .runtime(Runtime.simulated())
                .crypto(Crypto.simulated()).trace(false).build()) {
            sim.channel("bench").deploy(ChaincodeDefinition.builder("kv", KvContract::new)
                    .endorsementPolicy("AND('Org1MSP.peer', 'Org2MSP.peer')").build());
            // Links of random latency: transactions reach the orderer in another order than they were sent.
            java.util.List<String> nodes = new java.util.ArrayList<>(sim.peers());
            nodes.addAll(sim.orderers());
            for (String from : nodes) {
                for (String to : nodes) {
                    if (!from.equals(to)) {
                        sim.faults().link(from, to).latency(Duration.ofMillis(1), Duration.ofMillis(20)).reorder(true);
                    }
                }
            }
            Gateway gateway = sim.connect(sim.organization("Org1MSP").enroll("client"));
            Contract contract = gateway.getNetwork("bench").getContract("kv");
            LedgerView ledger = sim.peer(sim.peers().get(0)).ledger("bench");
            for (int round = 0; round < 3; round++) {
                long before = ledger.height();
                int first = round * 400;
                long valid = InFlight.submit(sim, contract, "update", 400, 15,
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
