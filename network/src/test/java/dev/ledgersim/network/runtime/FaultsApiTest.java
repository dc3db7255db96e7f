package dev.ledgersim.network.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.network.Faults;
import dev.ledgersim.network.LinkFaults;
import dev.ledgersim.network.Runtime;
import dev.ledgersim.network.runtime.TestNodes.BaseNode;
import dev.ledgersim.network.runtime.TestNodes.LambdaNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The public {@link Faults}, {@link LinkFaults} and {@link Runtime} over an engine. */
class FaultsApiTest {

    private static SimulatedEngine threeNodes(List<String> got) {
        SimulatedEngine sim = new SimulatedEngine(EngineConfig.defaults().withSeed(3));
        for (String name : List.of("orderer0", "orderer1", "orderer2")) {
            sim.register(name, () -> new LambdaNode(null, (n, m) -> got.add(m[0] + "->" + n.ctx.self()), null));
        }
        return sim;
    }

    @Test
    void linkSettingsApplyToBothDirectionsKeepEachOtherAndHealResetsThem() {
        try (SimulatedEngine sim = threeNodes(new ArrayList<>())) {
            Faults faults = Faults.of(sim);
            LinkFaults link = faults.link("orderer0", "orderer1").latency(Duration.ofMillis(30)).dropRate(0.1);
            assertEquals(Latency.fixed(Duration.ofMillis(30)), link.config().latency());
            assertEquals(0.1, link.config().dropRate());
            assertEquals(link.config(), sim.faults().link("orderer1", "orderer0"));
            link.duplicateRate(0.2).reorder(true).latency(Duration.ofMillis(1), Duration.ofMillis(5));
            LinkConfig c = sim.faults().link("orderer1", "orderer0");
            assertEquals(new LinkConfig(Latency.exponential(Duration.ofMillis(1), Duration.ofMillis(5)), 0.1, 0.2,
                    LinkConfig.DEFAULT_REORDER_JITTER), c);
            assertEquals(LinkConfig.defaults(), sim.faults().link("orderer0", "orderer2"));
            assertEquals(2, sim.faults().active().size());
            faults.heal();
            assertEquals(LinkConfig.defaults(), link.config());
            assertTrue(sim.faults().active().isEmpty());
        }
    }

    @Test
    void aPartitionedMinorityIsCutOffUntilHealed() {
        List<String> got = new ArrayList<>();
        try (SimulatedEngine sim = threeNodes(got)) {
            Faults faults = Faults.of(sim);
            faults.partition(Set.of("orderer0"), Set.of("orderer1", "orderer2"));
            for (String from : sim.nodes()) {
                for (String to : sim.nodes()) {
                    if (!from.equals(to)) {
                        sim.send(from, to, "m");
                    }
                }
            }
            sim.runUntilIdle();
            assertEquals(List.of("orderer1->orderer2", "orderer2->orderer1"), got);
            faults.heal();
            got.clear();
            sim.send("orderer0", "orderer1", "m");
            sim.runUntilIdle();
            assertEquals(List.of("orderer0->orderer1"), got);
        }
    }

    @Test
    void crashAndRestartGoThroughTheEngine() {
        AtomicInteger built = new AtomicInteger();
        try (SimulatedEngine sim = new SimulatedEngine(EngineConfig.defaults())) {
            sim.register("peer0", () -> {
                built.incrementAndGet();
                return new BaseNode();
            });
            Faults faults = Faults.of(sim);
            faults.crash("peer0");
            assertFalse(faults.isAlive("peer0"));
            faults.crash("peer0"); // idempotent
            faults.restart("peer0");
            assertTrue(faults.isAlive("peer0"));
            assertEquals(2, built.get());
            faults.inject(new Fault.Crash("peer0"));
            assertFalse(sim.isAlive("peer0"));
            faults.inject(new Fault.Restart("peer0"));
            assertEquals(3, built.get());
        }
    }

    @Test
    void argumentsAreValidatedWithClearErrors() {
        try (SimulatedEngine sim = threeNodes(new ArrayList<>())) {
            Faults faults = Faults.of(sim);
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> faults.crash("orderer9"));
            assertTrue(unknown.getMessage().contains("unknown node: orderer9"), unknown.getMessage());
            assertThrows(IllegalArgumentException.class, () -> faults.link("orderer0", "nobody"));
            assertThrows(IllegalArgumentException.class,
                    () -> faults.partition(Set.of("orderer0"), Set.of("nobody")));
            IllegalArgumentException overlap = assertThrows(IllegalArgumentException.class,
                    () -> faults.partition(Set.of("orderer0"), Set.of("orderer0", "orderer1")));
            assertTrue(overlap.getMessage().contains("both sides"), overlap.getMessage());
            assertThrows(IllegalArgumentException.class, () -> faults.partition(Set.of(), Set.of("orderer1")));

            LinkFaults link = faults.link("orderer0", "orderer1");
            IllegalArgumentException rate = assertThrows(IllegalArgumentException.class, () -> link.dropRate(1.5));
            assertTrue(rate.getMessage().contains("dropRate must be in [0, 1]: 1.5"), rate.getMessage());
            assertThrows(IllegalArgumentException.class, () -> link.duplicateRate(-0.1));
            assertThrows(IllegalArgumentException.class, () -> link.dropRate(Double.NaN));
            IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                    () -> link.latency(Duration.ofMillis(-5)));
            assertTrue(negative.getMessage().contains("must not be negative"), negative.getMessage());
            assertThrows(IllegalArgumentException.class, () -> link.latency(Duration.ofMillis(5), Duration.ofMillis(1)));
            assertThrows(IllegalArgumentException.class, () -> link.reorder(Duration.ofMillis(-1)));
            assertEquals(LinkConfig.defaults(), link.config(), "rejected settings changed nothing");
        }
    }

    @Test
    void runtimeDescribesWhichEngineToBuild() {
        assertEquals(Runtime.simulated(), Runtime.simulated());
        assertEquals(java.lang.Runtime.getRuntime().availableProcessors(),
                ((Runtime.Concurrent) Runtime.concurrent()).threads());
        assertThrows(IllegalArgumentException.class, () -> Runtime.concurrent(0));
        try (Engine e = Engines.create(Runtime.simulated(), 5)) {
            assertInstanceOf(SimulatedEngine.class, e);
            assertEquals(5, e.seed());
            assertTrue(e.isSimulated());
        }
        try (Engine e = Engines.create(Runtime.concurrent(2), 6)) {
            assertInstanceOf(ConcurrentEngine.class, e);
            assertEquals(2, ((ConcurrentEngine) e).threads());
            assertFalse(e.isSimulated());
        }
    }

    @Test
    void latencyDistributionStaysWithinItsBoundsAndNearItsMean() {
        Latency l = Latency.exponential(Duration.ofMillis(2), Duration.ofMillis(10));
        java.util.random.RandomGenerator r = Seeds.random(1, "latency");
        long sum = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long d = l.sampleNanos(r);
            assertTrue(d >= 2_000_000 && d <= 2_000_000 + 20 * 8_000_000L, "out of bounds: " + d);
            sum += d;
        }
        double meanMillis = sum / (double) n / 1e6;
        assertTrue(Math.abs(meanMillis - 10.0) < 0.5, "mean " + meanMillis);
    }
}
