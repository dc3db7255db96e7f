package dev.ledgersim.network.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.network.runtime.TestNodes.BaseNode;
import dev.ledgersim.network.runtime.TestNodes.LambdaNode;
import dev.ledgersim.network.runtime.TestNodes.Numbered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SimulatedEngineTest {

    private static final Instant EPOCH = CaConfig.DEFAULT_VALID_FROM;

    private static SimulatedEngine engine(long seed) {
        return new SimulatedEngine(EngineConfig.defaults().withSeed(seed));
    }

    @Test
    void virtualTimeStartsAtTheDefaultEpochAndIsConfigurable() {
        try (SimulatedEngine sim = engine(1)) {
            assertEquals(Instant.parse("2025-01-01T00:00:00Z"), sim.now());
        }
        Instant other = Instant.parse("2030-06-01T12:00:00Z");
        try (SimulatedEngine sim = new SimulatedEngine(EngineConfig.defaults().withEpoch(other))) {
            assertEquals(other, sim.now());
        }
    }

    @Test
    void offloadedWorkAndItsContinuationRunAtOnceWithinTheEvent() {
        try (SimulatedEngine sim = engine(1)) {
            List<String> order = new ArrayList<>();
            sim.register("a", () -> new LambdaNode(null, (n, m) -> {
                Instant before = n.ctx.now();
                n.ctx.offload(() -> 6 * 7, outcome -> order.add("then " + outcome.get() + " at +"
                        + Duration.between(before, n.ctx.now()).toNanos() + " ns"));
                n.ctx.offload(() -> {
                    throw new IllegalArgumentException("refused");
                }, outcome -> {
                    try {
                        outcome.get();
                    } catch (IllegalArgumentException e) {
                        order.add("failed " + e.getMessage());
                    }
                });
                order.add("after " + m[1]);
            }, null));
            sim.send("client", "a", "go");
            sim.runUntilIdle();
            assertEquals(List.of("then 42 at +0 ns", "failed refused", "after go"), order);
        }
    }

    @Test
    void eventsDueAtTheSameInstantRunInSchedulingOrder() {
        try (SimulatedEngine sim = engine(1)) {
            List<String> order = new ArrayList<>();
            sim.register("b", () -> new LambdaNode(null, (n, m) -> order.add("msg " + m[1]), null));
            sim.register("a", () -> new LambdaNode(n -> {
                // All due at t = 1 ms: the timer scheduled first, then the message, then the second timer.
                n.ctx.schedule(Duration.ofMillis(1), "t1");
                n.ctx.send("b", "m1");
                n.ctx.schedule(Duration.ofMillis(1), "t2");
                n.ctx.send("b", "m2");
                // Due earlier though scheduled last.
                n.ctx.schedule(Duration.ZERO, "t0");
            }, null, (n, key) -> order.add("timer " + key)));
            sim.runUntilIdle();
            assertEquals(List.of("timer t0", "timer t1", "msg m1", "timer t2", "msg m2"), order);
            assertEquals(EPOCH.plusMillis(1), sim.now());
        }
    }

    @Test
    void linksAreFifoEvenWithRandomLatencyUnlessReorderingIsOn() {
        for (boolean reorder : new boolean[] {false, true}) {
            try (SimulatedEngine sim = engine(5)) {
                List<Integer> received = new ArrayList<>();
                sim.register("b", () -> new LambdaNode(null, (n, m) -> received.add(((Numbered) m[1]).n()), null));
                sim.register("a", BaseNode::new);
                LinkConfig link = LinkConfig.defaults().withLatency(Latency.exponential(Duration.ofMillis(1),
                        Duration.ofMillis(20)));
                sim.faults().configureLink("a", "b", reorder ? link.withReorder(true) : link);
                for (int i = 0; i < 200; i++) {
                    sim.send("a", "b", new Numbered(i));
                }
                sim.runUntilIdle();
                assertEquals(200, received.size());
                List<Integer> sorted = new ArrayList<>(received);
                sorted.sort(null);
                if (reorder) {
                    assertNotEquals(sorted, received, "reordering should break FIFO for some messages");
                } else {
                    assertEquals(sorted, received, "a FIFO link delivered out of order");
                }
            }
        }
    }

    @Test
    void timeJumpsAheadSoLongTimersCostNoWallTime() {
        try (SimulatedEngine sim = engine(1)) {
            AtomicInteger fired = new AtomicInteger();
            sim.register("a", () -> new LambdaNode(n -> n.ctx.schedule(Duration.ofHours(2), "batch timeout"), null,
                    (n, k) -> fired.incrementAndGet()));
            long wallStart = System.nanoTime();
            sim.runUntilIdle();
            long wallNanos = System.nanoTime() - wallStart;
            assertEquals(1, fired.get());
            assertEquals(EPOCH.plus(Duration.ofHours(2)), sim.now());
            assertTrue(wallNanos < Duration.ofSeconds(2).toNanos(), "took " + wallNanos + " ns of wall time");
        }
    }

    @Test
    void suspendingTheNetworkFiresNothingAndDelaysEveryPendingEventAlike() {
        try (SimulatedEngine sim = engine(1)) {
            List<String> fired = new ArrayList<>();
            sim.register("b", () -> new LambdaNode(null, (n, m) -> fired.add(m[1] + " at " + n.ctx.now()), null));
            sim.register("a", () -> new LambdaNode(n -> {
                n.ctx.schedule(Duration.ofMillis(1000), "t1");
                n.ctx.schedule(Duration.ofMillis(2000), "t2");
                n.ctx.schedule(Duration.ofMillis(2000), "t3");
            }, null, (n, k) -> {
                fired.add(k + " at " + n.ctx.now());
                if (k.equals("t1")) {
                    n.ctx.send("b", "m1");
                }
            }));
            sim.runFor(Duration.ofMillis(1000));
            assertEquals(List.of("t1 at " + EPOCH.plusMillis(1000)), fired);
            Duration year = Duration.ofDays(365);
            sim.suspendFor(year);
            assertEquals(EPOCH.plusMillis(1000).plus(year), sim.now());
            assertEquals(1, fired.size(), "nothing happens while the network is off");
            sim.runUntilIdle();
            assertEquals(List.of("t1 at " + EPOCH.plusMillis(1000),
                    "m1 at " + EPOCH.plusMillis(1000).plus(year).plusMillis(1),
                    "t2 at " + EPOCH.plusMillis(2000).plus(year),
                    "t3 at " + EPOCH.plusMillis(2000).plus(year)), fired, "in flight and pending: due a year later, same order");
            assertThrows(IllegalArgumentException.class, () -> sim.suspendFor(Duration.ofSeconds(-1)));
        }
    }

    @Test
    void runForProcessesEventsUpToTheDeadlineAndSetsTheClockExactly() {
        try (SimulatedEngine sim = engine(1)) {
            List<String> fired = new ArrayList<>();
            sim.register("a", () -> new LambdaNode(n -> {
                n.ctx.schedule(Duration.ofMillis(1000), "at1000");
                n.ctx.schedule(Duration.ofMillis(1001), "at1001");
            }, null, (n, k) -> fired.add((String) k)));
            sim.runFor(Duration.ofMillis(1000));
            assertEquals(List.of("at1000"), fired);
            assertEquals(EPOCH.plusMillis(1000), sim.now());
            sim.runFor(Duration.ofMillis(500));
            assertEquals(List.of("at1000", "at1001"), fired);
            assertEquals(EPOCH.plusMillis(1500), sim.now());
        }
    }

    @Test
    void backgroundTimersDoNotKeepRunUntilIdleRunning() {
        try (SimulatedEngine sim = engine(1)) {
            AtomicInteger ticks = new AtomicInteger();
            sim.register("raft", () -> new LambdaNode(n -> n.ctx.scheduleBackground(Duration.ofMillis(100), "tick"),
                    null, (n, k) -> {
                        ticks.incrementAndGet();
                        n.ctx.send("raft", "heartbeat"); // foreground, but it finishes
                        n.ctx.scheduleBackground(Duration.ofMillis(100), "tick");
                    }));
            sim.runUntilIdle();
            assertEquals(0, ticks.get());
            assertEquals(EPOCH, sim.now());
            sim.runFor(Duration.ofSeconds(1));
            assertEquals(10, ticks.get());
            assertTrue(sim.hasPendingEvents());
        }
    }

    @Test
    void cancelledTimersNeverFireNorKeepTheEngineBusy() {
        try (SimulatedEngine sim = engine(1)) {
            List<Object> fired = new ArrayList<>();
            sim.register("a", () -> new LambdaNode(n -> {
                TimerHandle h = n.ctx.schedule(Duration.ofSeconds(10), "cancelled");
                n.ctx.schedule(Duration.ofSeconds(1), "kept");
                h.cancel();
                h.cancel();
                assertTrue(h.isCancelled());
            }, null, (n, k) -> fired.add(k)));
            sim.runUntilIdle();
            assertEquals(List.of("kept"), fired);
            assertEquals(EPOCH.plusSeconds(1), sim.now());
        }
    }

    @Test
    void manyCancelledTimersAreDroppedWithoutChangingWhatFiresOrWhen() {
        try (SimulatedEngine sim = engine(1)) {
            List<Object> fired = new ArrayList<>();
            List<java.time.Instant> firedAt = new ArrayList<>();
            sim.register("a", () -> new LambdaNode(n -> {
                // 20,000 timeouts armed and cancelled, as requests that complete in time leave them; every
                // 1,000th is kept and must fire at its own time, in order, whatever the queue compaction did.
                for (int i = 0; i < 20_000; i++) {
                    TimerHandle h = n.ctx.schedule(Duration.ofMillis(10 + i), "t" + i);
                    if (i % 1_000 != 0) {
                        h.cancel();
                    }
                }
            }, null, (n, k) -> {
                fired.add(k);
                firedAt.add(n.ctx.now());
            }));
            sim.runUntilIdle();
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < 20_000; i += 1_000) {
                expected.add("t" + i);
            }
            assertEquals(expected, fired);
            for (int j = 0; j < fired.size(); j++) {
                assertEquals(EPOCH.plusMillis(10 + j * 1_000L), firedAt.get(j), "t" + (j * 1_000));
            }
            assertFalse(sim.hasPendingEvents());
        }
    }

    @Test
    void partitionsDropMessagesBetweenSidesBothWaysUntilHealed() {
        try (SimulatedEngine sim = engine(3)) {
            List<String> got = new ArrayList<>();
            for (String name : List.of("a", "b", "c")) {
                sim.register(name, () -> new LambdaNode(null, (n, m) -> got.add(m[0] + "->" + n.ctx.self()), null));
            }
            sim.faults().partition(java.util.Set.of("a"), java.util.Set.of("b", "c"));
            sim.send("a", "b", "x");
            sim.send("b", "a", "x");
            sim.send("b", "c", "x");
            sim.send("a", "a", "x"); // self-sends are never cut
            sim.runUntilIdle();
            assertEquals(List.of("b->c", "a->a"), got);
            assertTrue(sim.faults().isCut("c", "a"));

            got.clear();
            sim.faults().heal();
            sim.send("a", "b", "x");
            sim.send("c", "a", "x");
            sim.runUntilIdle();
            assertEquals(List.of("a->b", "c->a"), got);

            got.clear();
            sim.faults().isolate("c");
            sim.send("a", "c", "x");
            sim.send("c", "b", "x");
            sim.send("a", "b", "x");
            sim.runUntilIdle();
            assertEquals(List.of("a->b"), got);
            long dropped = sim.trace().events().stream()
                    .filter(e -> e.kind() == TraceEvent.Kind.SEND && "dropped".equals(e.details().get("outcome")))
                    .count();
            assertEquals(4, dropped);
            assertTrue(sim.trace().events().stream().anyMatch(e -> e.kind() == TraceEvent.Kind.FAULT
                    && "Partition".equals(e.type())));
        }
    }

    @Test
    void dropAndDuplicateRatesMatchTheConfigurationAndTheSeed() {
        int[] counts = dropDuplicateRun(2024);
        int delivered = counts[0];
        int dropped = counts[1];
        int duplicated = counts[2];
        // Roughly as configured: 20% lost; 10% of the rest duplicated.
        assertTrue(dropped > 1800 && dropped < 2200, "dropped " + dropped);
        assertTrue(duplicated > 700 && duplicated < 900, "duplicated " + duplicated);
        assertEquals(10_000 - dropped + duplicated, delivered);
        // Exactly, for this seed: the decisions come from the seed alone.
        assertEquals(2015, dropped);
        assertEquals(769, duplicated);
        int[] again = dropDuplicateRun(2024);
        assertEquals(List.of(counts[0], counts[1], counts[2]), List.of(again[0], again[1], again[2]));
        int[] other = dropDuplicateRun(2025);
        assertNotEquals(List.of(counts[0], counts[1], counts[2]), List.of(other[0], other[1], other[2]));
    }

    private static int[] dropDuplicateRun(long seed) {
        try (SimulatedEngine sim = engine(seed)) {
            AtomicInteger delivered = new AtomicInteger();
            sim.register("b", () -> new LambdaNode(null, (n, m) -> delivered.incrementAndGet(), null));
            sim.register("a", BaseNode::new);
            sim.faults().configureLink("a", "b", LinkConfig.defaults().withDropRate(0.2).withDuplicateRate(0.1));
            for (int i = 0; i < 10_000; i++) {
                sim.send("a", "b", new Numbered(i));
            }
            sim.runUntilIdle();
            int dropped = 0;
            int duplicated = 0;
            for (TraceEvent e : sim.trace().events()) {
                if (e.kind() == TraceEvent.Kind.SEND) {
                    Object outcome = e.details().get("outcome");
                    if ("dropped".equals(outcome)) {
                        assertEquals("drop rate", e.details().get("reason"));
                        dropped++;
                    } else if ("duplicated".equals(outcome)) {
                        duplicated++;
                    }
                }
            }
            return new int[] {delivered.get(), dropped, duplicated};
        }
    }

    @Test
    void crashDropsInFlightMessagesAndTimersAndRestartBuildsAFreshNode() {
        try (SimulatedEngine sim = engine(9)) {
            List<BaseNode> instances = new ArrayList<>();
            sim.register("b", () -> {
                BaseNode n = new LambdaNode(x -> x.ctx.schedule(Duration.ofMillis(50), "old timer"), null, null);
                instances.add(n);
                return n;
            });
            sim.register("a", BaseNode::new);
            sim.faults().configureLink("a", "b", LinkConfig.reliable(Duration.ofMillis(10)));
            sim.send("a", "b", "in flight");
            sim.runFor(Duration.ofMillis(5));
            sim.crash("b");
            assertFalse(sim.isAlive("b"));
            assertEquals(1, instances.size());
            assertTrue(instances.get(0).stopped);

            // While down: messages are lost, calls fail.
            sim.send("a", "b", "while down");
            CompletableFuture<String> call = sim.call("b", n -> "never");
            NodeUnavailableException down = assertThrows(NodeUnavailableException.class,
                    () -> sim.await(call, Duration.ofSeconds(1)));
            assertEquals("b", down.node());

            sim.runFor(Duration.ofMillis(1));
            sim.restart("b");
            assertTrue(sim.isAlive("b"));
            assertEquals(2, instances.size());
            BaseNode fresh = instances.get(1);
            assertTrue(fresh.log.contains("start"));
            sim.runFor(Duration.ofMillis(100));

            // The old instance saw neither the in-flight message nor its timer; the new one only its own timer.
            assertEquals(List.of("start", "stop"), instances.get(0).log);
            assertEquals(List.of("start", "timer:old timer"), fresh.log);
            List<TraceEvent> events = sim.trace().events();
            assertTrue(events.stream().anyMatch(e -> e.kind() == TraceEvent.Kind.DISCARD
                    && "message".equals(e.details().get("what"))));
            assertTrue(events.stream().anyMatch(e -> e.kind() == TraceEvent.Kind.SEND
                    && "receiver down".equals(e.details().get("reason"))));
            assertTrue(events.stream().anyMatch(e -> e.kind() == TraceEvent.Kind.RESTART
                    && Long.valueOf(2).equals(e.details().get("incarnation"))));

            // A message now reaches the new instance.
            sim.send("a", "b", "after restart");
            sim.runUntilIdle();
            assertEquals("a:after restart", fresh.log.get(fresh.log.size() - 1));
            // Restarting a running node reboots it.
            sim.restart("b");
            assertEquals(3, instances.size());
            assertTrue(fresh.stopped);
        }
    }

    @Test
    void callRunsOnTheNodesTurnAndAwaitReturnsOrRethrows() {
        try (SimulatedEngine sim = engine(1)) {
            sim.register("a", () -> new LambdaNode(null, null, null));
            CompletableFuture<String> self = sim.call("a", n -> ((BaseNode) n).ctx.self() + " at " + ((BaseNode) n).ctx.now());
            assertFalse(self.isDone(), "a call runs only while the engine runs");
            assertEquals("a at " + EPOCH, sim.await(self, Duration.ofSeconds(1)));

            CompletableFuture<Integer> typed = sim.call("a", LambdaNode.class, n -> n.log.size());
            assertEquals(1, sim.await(typed, Duration.ofSeconds(1)));
            CompletableFuture<Integer> wrongType = sim.call("a", Wrong.class, n -> 0);
            ClassCastException cce = assertThrows(ClassCastException.class,
                    () -> sim.await(wrongType, Duration.ofSeconds(1)));
            assertTrue(cce.getMessage().contains("not a " + Wrong.class.getName()), cce.getMessage());

            IllegalStateException boom = new IllegalStateException("boom");
            CompletableFuture<Object> failing = sim.call("a", n -> {
                throw boom;
            });
            assertSame(boom, assertThrows(IllegalStateException.class, () -> sim.await(failing, Duration.ofSeconds(1))));

            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> sim.call("zz", n -> 1));
            assertTrue(unknown.getMessage().contains("zz"));
        }
    }

    /** A node type no registered node has. */
    static final class Wrong extends BaseNode {
    }

    @Test
    void awaitAdvancesVirtualTimeUntilTheFutureCompletes() {
        try (SimulatedEngine sim = engine(1)) {
            CompletableFuture<Instant> answer = new CompletableFuture<>();
            sim.register("a", () -> new LambdaNode(n -> n.ctx.schedule(Duration.ofSeconds(3), "answer"), null,
                    (n, k) -> answer.complete(n.ctx.now())));
            assertEquals(EPOCH.plusSeconds(3), sim.await(answer, Duration.ofSeconds(5), "the answer"));
            assertEquals(EPOCH.plusSeconds(3), sim.now());
        }
    }

    @Test
    void awaitTimesOutWithAClearMessageAtTheDeadline() {
        try (SimulatedEngine sim = engine(77)) {
            sim.register("a", () -> new LambdaNode(n -> n.ctx.schedule(Duration.ofSeconds(60), "late"), null, null));
            CompletableFuture<String> never = new CompletableFuture<>();
            RuntimeTimeoutException e = assertThrows(RuntimeTimeoutException.class,
                    () -> sim.await(never, Duration.ofSeconds(5), "commit of tx 1a2b"));
            assertEquals(EPOCH.plusSeconds(5), sim.now());
            assertTrue(e.getMessage().contains("commit of tx 1a2b"), e.getMessage());
            assertTrue(e.getMessage().contains("PT5S of virtual time"), e.getMessage());
            assertTrue(e.getMessage().contains("seed 77"), e.getMessage());
            assertTrue(e.getMessage().contains("2025-01-01T00:01:00Z"), "names the next event: " + e.getMessage());
            assertEquals("commit of tx 1a2b", e.what());
            assertEquals(Duration.ofSeconds(5), e.timeout());
            assertEquals(77, e.seed());

            // With nothing left to run, it says the simulation went idle.
            try (SimulatedEngine idle = engine(78)) {
                RuntimeTimeoutException e2 = assertThrows(RuntimeTimeoutException.class,
                        () -> idle.await(new CompletableFuture<>(), Duration.ofMillis(10)));
                assertTrue(e2.getMessage().contains("went idle"), e2.getMessage());
                assertEquals(EPOCH.plusMillis(10), idle.now());
            }
        }
    }

    @Test
    void runawayLoopsHitTheEventLimitWithTheSeedInTheMessage() {
        EngineConfig config = EngineConfig.defaults().withSeed(99).withMaxEventsPerRun(10_000)
                .withDefaultLink(LinkConfig.reliable(Duration.ZERO));
        try (SimulatedEngine sim = new SimulatedEngine(config)) {
            sim.register("pong", () -> new LambdaNode(null, (n, m) -> n.ctx.send("ping", "ball"), null));
            sim.register("ping", () -> new LambdaNode(n -> n.ctx.send("pong", "ball"),
                    (n, m) -> n.ctx.send("pong", "ball"), null));
            EventLimitExceededException e = assertThrows(EventLimitExceededException.class, sim::runUntilIdle);
            assertTrue(e.getMessage().contains("10000 events in one runUntilIdle()"), e.getMessage());
            assertTrue(e.getMessage().contains("seed 99"), e.getMessage());
            assertEquals(99, e.seed());
            assertEquals(EPOCH, sim.now(), "zero-latency loop: virtual time never moved");
            // runFor is guarded too.
            assertThrows(EventLimitExceededException.class, () -> sim.runFor(Duration.ofSeconds(1)));
        }
    }

    @Test
    void waitingFromInsideANodeCallbackIsRefused() {
        try (SimulatedEngine sim = engine(4)) {
            sim.register("a", BaseNode::new);
            CompletableFuture<Object> nested = sim.call("a", n -> {
                sim.runUntilIdle();
                return null;
            });
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> sim.await(nested, Duration.ofSeconds(1)));
            assertTrue(e.getMessage().contains("inside a callback of node a"), e.getMessage());
        }
    }

    @Test
    void aNodeThatThrowsStopsTheRunNamingNodeEventAndSeed() {
        try (SimulatedEngine sim = engine(31)) {
            sim.register("bad", () -> new LambdaNode(null, (n, m) -> {
                throw new IllegalStateException("corrupt state");
            }, null));
            sim.send("client", "bad", new Numbered(1));
            NodeFailureException e = assertThrows(NodeFailureException.class, sim::runUntilIdle);
            assertEquals("bad", e.node());
            assertTrue(e.getMessage().contains("onMessage(Numbered #0 from client)"), e.getMessage());
            assertTrue(e.getMessage().contains("seed 31"), e.getMessage());
            assertTrue(e.getCause() instanceof IllegalStateException);
        }
    }

    @Test
    void aNodeSendingToAnUnregisteredNameLosesTheMessageSoRegistrationOrderDoesNotMatter() {
        try (SimulatedEngine sim = engine(1)) {
            List<String> got = new ArrayList<>();
            sim.register("early", () -> new LambdaNode(n -> n.ctx.send("late", "hello"), null, null));
            sim.register("late", () -> new LambdaNode(n -> n.ctx.send("early", "hi"), (n, m) -> got.add("late"), null));
            sim.runUntilIdle();
            assertEquals(List.of(), got);
            assertTrue(sim.trace().events().stream().anyMatch(e -> e.kind() == TraceEvent.Kind.SEND
                    && "unknown node".equals(e.details().get("reason")) && "late".equals(e.peer())));
            assertTrue(sim.trace().events().stream().anyMatch(e -> e.kind() == TraceEvent.Kind.DELIVER
                    && "early".equals(e.node())));
        }
    }

    @Test
    void argumentsAreChecked() {
        try (SimulatedEngine sim = engine(1)) {
            sim.register("a", BaseNode::new);
            assertThrows(IllegalArgumentException.class, () -> sim.register("a", BaseNode::new));
            assertThrows(IllegalArgumentException.class, () -> sim.register(" ", BaseNode::new));
            assertThrows(IllegalArgumentException.class, () -> sim.send("a", "nobody", "x"));
            assertThrows(IllegalArgumentException.class, () -> sim.crash("nobody"));
            assertThrows(IllegalArgumentException.class, () -> sim.runFor(Duration.ofMillis(-1)));
            CompletableFuture<Object> badTimer = sim.call("a", n -> ((BaseNode) n).ctx.schedule(Duration.ofMillis(-1), "x"));
            assertThrows(IllegalArgumentException.class, () -> sim.await(badTimer, Duration.ofSeconds(1)));
            assertThrows(IllegalArgumentException.class, () -> sim.faults().configureLink("a", "nobody",
                    LinkConfig.defaults()));
            assertEquals(java.util.Set.of("a"), sim.nodes());
        }
    }

    @Test
    void nodeRandomnessIsDerivedFromSeedAndNameAndDiffersBetweenNodes() {
        assertEquals(draws(5, "a"), draws(5, "a"));
        assertNotEquals(draws(5, "a"), draws(5, "b"));
        assertNotEquals(draws(5, "a"), draws(6, "a"));
    }

    private static List<Long> draws(long seed, String name) {
        try (SimulatedEngine sim = engine(seed)) {
            sim.register("other", BaseNode::new); // registration order does not matter
            sim.register(name, BaseNode::new);
            return sim.await(sim.call(name, n -> {
                List<Long> l = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    l.add(((BaseNode) n).ctx.random().nextLong());
                }
                return l;
            }), Duration.ofSeconds(1));
        }
    }

    @Test
    void closeStopsEveryNodeAndRefusesFurtherUse() {
        SimulatedEngine sim = engine(1);
        List<BaseNode> nodes = new ArrayList<>();
        for (String name : List.of("a", "b")) {
            sim.register(name, () -> {
                BaseNode n = new BaseNode();
                nodes.add(n);
                return n;
            });
        }
        sim.close();
        sim.close();
        assertTrue(nodes.stream().allMatch(n -> n.stopped));
        assertThrows(IllegalStateException.class, sim::runUntilIdle);
    }
}
