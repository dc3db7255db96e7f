package dev.ledgersim.network.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.network.runtime.TestNodes.Hop;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Same seed and same calls: same event order, same trace, same bytes. Another seed: another run. */
class DeterminismTest {

    private static final List<String> NODES = List.of("n0", "n1", "n2", "n3", "n4", "n5");

    /** Forwards each hop to a random node, ticks in the background, keeps a running digest of what it saw. */
    static final class Gossiper implements Node {
        private NodeContext ctx;
        private long digest = 17;

        @Override
        public void onStart(NodeContext context) {
            this.ctx = context;
            ctx.scheduleBackground(Duration.ofMillis(5 + ctx.random().nextInt(10)), "tick");
        }

        @Override
        public void onMessage(String from, Object message) {
            Hop hop = (Hop) message;
            digest = digest * 31 + hop.id() * 7 + hop.hops() + from.hashCode();
            if (hop.hops() > 0) {
                String next = NODES.get(ctx.random().nextInt(NODES.size()));
                ctx.send(next, new Hop(hop.id(), hop.hops() - 1));
            } else {
                ctx.record("hop done", Map.of("id", hop.id(), "digest", digest));
            }
            if (ctx.random().nextInt(10) == 0) {
                ctx.schedule(Duration.ofMillis(ctx.random().nextInt(20)), new Hop(hop.id(), -1));
            }
        }

        @Override
        public void onTimer(Object timerKey) {
            if ("tick".equals(timerKey)) {
                digest = digest * 31 + 1;
                ctx.scheduleBackground(Duration.ofMillis(5 + ctx.random().nextInt(10)), "tick");
            } else {
                digest = digest * 31 + 2;
            }
        }

        @Override
        public void onStop() {
        }
    }

    /** Runs the randomized workload with faults and returns the trace's JSON. */
    static byte[] run(long seed) throws IOException {
        try (SimulatedEngine sim = new SimulatedEngine(EngineConfig.defaults().withSeed(seed))) {
            for (String n : NODES) {
                sim.register(n, Gossiper::new);
            }
            LinkConfig lossy = LinkConfig.defaults()
                    .withLatency(Latency.exponential(Duration.ofMillis(1), Duration.ofMillis(8)))
                    .withDropRate(0.05).withDuplicateRate(0.05).withReorder(true);
            for (String a : NODES) {
                for (String b : NODES) {
                    sim.faults().configureLink(a, b, lossy);
                }
            }
            RandomGenerator workload = Seeds.random(seed, "workload");
            for (int i = 0; i < 200; i++) {
                sim.send("client", NODES.get(workload.nextInt(NODES.size())), new Hop(i, 1 + workload.nextInt(8)));
                if (i % 50 == 0) {
                    sim.runFor(Duration.ofMillis(workload.nextInt(30)));
                }
            }
            sim.faults().partition(Set.of("n0", "n1"), Set.of("n4", "n5"));
            sim.runFor(Duration.ofMillis(100));
            for (int i = 0; i < 20; i++) {
                sim.send("client", NODES.get(i % NODES.size()), new Hop(1000 + i, 10));
            }
            sim.runFor(Duration.ofMillis(2));
            sim.crash("n3"); // messages in flight to it are lost
            sim.runFor(Duration.ofMillis(50));
            sim.restart("n3");
            sim.faults().heal();
            sim.runUntilIdle();
            sim.runFor(Duration.ofMillis(200));
            assertTrue(sim.trace().size() > 2_000, "a real workload: " + sim.trace().size() + " events");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            sim.trace().writeJson(out);
            return out.toByteArray();
        }
    }

    @Test
    void sameSeedSameTraceByteForByte() throws IOException {
        byte[] first = run(42);
        byte[] second = run(42);
        assertArrayEquals(first, second);
        String json = new String(first, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"outcome\":\"duplicated\""), "the workload duplicates");
        assertTrue(json.contains("\"reason\":\"drop rate\""), "the workload drops");
        assertTrue(json.contains("\"reason\":\"partition\""), "the workload partitions");
        assertTrue(json.contains("\"kind\":\"DISCARD\""), "the crash loses messages in flight");
        assertTrue(json.contains("\"reason\":\"receiver down\""), "the crash loses messages sent to it");
    }

    @Test
    void anotherSeedGivesAnotherRun() throws IOException {
        assertFalse(Arrays.equals(run(42), run(43)));
    }

    @Test
    void sameSeedSameEventRecords() {
        List<TraceEvent> a = events(7);
        List<TraceEvent> b = events(7);
        assertEquals(a, b);
        assertEquals(a.size(), b.size());
    }

    private static List<TraceEvent> events(long seed) {
        try (SimulatedEngine sim = new SimulatedEngine(EngineConfig.defaults().withSeed(seed))) {
            for (String n : NODES) {
                sim.register(n, Gossiper::new);
            }
            sim.faults().configureLinkBothWays("n0", "n1", LinkConfig.defaults().withDropRate(0.3).withReorder(true));
            for (int i = 0; i < 50; i++) {
                sim.send("client", NODES.get(i % NODES.size()), new Hop(i, 5));
            }
            sim.runUntilIdle();
            return sim.trace().events();
        }
    }
}
