package dev.ledgersim.network.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.Runtime;
import dev.ledgersim.network.Storage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Same seed and workload: byte-identical blocks at every height; another seed: different ones. */
class DeterminismTest {

    private static List<String> run(long seed) throws Exception {
        try (LedgerSim sim = NetworkFixture.network(seed, Storage.inMemory(), Runtime.simulated())) {
            Identity doctor = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
            try (Gateway gateway = sim.connect(doctor)) {
                Contract contract = gateway.getNetwork("emr").getContract("emrcc");
                for (int i = 0; i < 12; i++) {
                    contract.newProposal("enterData").addArguments("p" + (i % 4), "v" + i).build().endorse().submitAsync();
                }
                contract.submitTransaction("enterData", "last", "x");
            }
            sim.runUntilIdle();
            return NetworkFixture.assertSameChain(sim);
        }
    }

    @Test
    void sameSeedSameBlocksDifferentSeedDifferentBlocks() throws Exception {
        List<String> first = run(7);
        List<String> second = run(7);
        assertEquals(first, second);
        List<String> other = run(8);
        assertEquals(first.size(), other.size());
        assertNotEquals(first.get(first.size() - 1), other.get(other.size() - 1));
    }
}
