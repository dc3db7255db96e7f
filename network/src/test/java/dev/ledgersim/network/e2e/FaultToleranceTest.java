package dev.ledgersim.network.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.gateway.Contract;
import dev.ledgersim.gateway.Gateway;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.network.LedgerSim;
import dev.ledgersim.network.Runtime;
import dev.ledgersim.network.Storage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, partitions and a lossy network: safety always, liveness after healing. */
class FaultToleranceTest {

    @TempDir
    Path dir;

    private static Contract contract(LedgerSim sim, Gateway[] holder) {
        Identity doctor = sim.organization("Org1MSP").enroll("drbob", Map.of("role", "doctor"));
        holder[0] = sim.connect(doctor);
        return holder[0].getNetwork("emr").getContract("emrcc");
    }

    @Test
    void raftLeaderCrashMidLoadElectsANewLeaderAndTheRestartedNodeCatchesUp() {
        try (LedgerSim sim = NetworkFixture.network(11, Storage.rocksDb(dir), Runtime.simulated())) {
            Gateway[] g = new Gateway[1];
            Contract contract = contract(sim, g);
            for (int i = 0; i < 5; i++) {
                NetworkFixture.submitWithRetry(contract, "k" + i, "v" + i);
            }
            String leader = sim.raftLeader().orElseThrow();
            long termBefore = sim.orderer(leader).term();
            sim.faults().crash(leader);
            for (int i = 5; i < 10; i++) {
                NetworkFixture.submitWithRetry(contract, "k" + i, "v" + i);
            }
            String newLeader = sim.raftLeader().orElseThrow();
            assertNotEquals(leader, newLeader);
            assertTrue(sim.orderer(newLeader).term() > termBefore);
            sim.faults().restart(leader);
            NetworkFixture.submitWithRetry(contract, "after", "restart");
            sim.runFor(Duration.ofSeconds(10));
            long height = sim.orderer(newLeader).height("emr");
            assertEquals(height, sim.orderer(leader).height("emr"), "the restarted orderer caught up");
            List<String> chain = NetworkFixture.assertSameChain(sim);
            assertEquals(height, chain.size());
            sim.peers().forEach(p -> NetworkFixture.assertNoDoubleCommit(sim, p));
            g[0].close();
        }
    }

    @Test
    void aPartitionedMinorityOrdererMakesNoProgressAndRejoins() {
        try (LedgerSim sim = NetworkFixture.network(12, Storage.inMemory(), Runtime.simulated())) {
            Gateway[] g = new Gateway[1];
            Contract contract = contract(sim, g);
            NetworkFixture.submitWithRetry(contract, "a", "1");
            String leader = sim.raftLeader().orElseThrow();
            List<String> others = sim.orderers().stream().filter(o -> !o.equals(leader)).toList();
            String minority = others.get(0);
            Set<String> rest = new java.util.TreeSet<>(sim.peers());
            rest.add(leader);
            rest.add(others.get(1));
            sim.faults().partition(Set.of(minority), rest);
            long minorityHeight = sim.orderer(minority).height("emr");
            for (int i = 0; i < 4; i++) {
                NetworkFixture.submitWithRetry(contract, "b" + i, "2");
            }
            assertEquals(minorityHeight, sim.orderer(minority).height("emr"), "the isolated orderer cannot commit");
            assertTrue(sim.orderer(leader).height("emr") > minorityHeight);
            sim.faults().heal();
            sim.runFor(Duration.ofSeconds(15));
            assertEquals(sim.orderer(leader).height("emr"), sim.orderer(minority).height("emr"));
            NetworkFixture.assertSameChain(sim);
            g[0].close();
        }
    }

    @Test
    void aCrashedPeerRestartsFromDiskAndCatchesUp() {
        try (LedgerSim sim = NetworkFixture.network(13, Storage.rocksDb(dir), Runtime.simulated())) {
            Gateway[] g = new Gateway[1];
            Contract contract = contract(sim, g);
            NetworkFixture.submitWithRetry(contract, "a", "1");
            sim.faults().crash("peer1.org1msp");
            for (int i = 0; i < 6; i++) {
                NetworkFixture.submitWithRetry(contract, "c" + i, "3");
            }
            sim.faults().restart("peer1.org1msp");
            sim.runFor(Duration.ofSeconds(15));
            NetworkFixture.assertSameChain(sim);
            assertEquals("3", new String(sim.peer("peer1.org1msp").ledger("emr").worldState("emrcc", "c5"),
                    java.nio.charset.StandardCharsets.UTF_8));
            g[0].close();
        }
    }

    @Test
    void messageLossAndDuplicationNeverDivergeOrDoubleCommit() {
        try (LedgerSim sim = NetworkFixture.network(14, Storage.inMemory(), Runtime.simulated())) {
            Gateway[] g = new Gateway[1];
            Contract contract = contract(sim, g);
            List<String> nodes = new java.util.ArrayList<>(sim.peers());
            nodes.addAll(sim.orderers());
            for (String a : nodes) {
                for (String b : nodes) {
                    if (a.compareTo(b) < 0) {
                        sim.faults().link(a, b).dropRate(0.05).duplicateRate(0.1);
                    }
                }
            }
            for (int i = 0; i < 8; i++) {
                NetworkFixture.submitWithRetry(contract, "d" + i, "v" + i);
            }
            sim.faults().heal();
            sim.runFor(Duration.ofSeconds(20));
            NetworkFixture.assertSameChain(sim);
            sim.peers().forEach(p -> NetworkFixture.assertNoDoubleCommit(sim, p));
            g[0].close();
        }
    }
}
