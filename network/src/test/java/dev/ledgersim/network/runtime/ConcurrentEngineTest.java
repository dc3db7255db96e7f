package dev.ledgersim.network.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.network.runtime.TestNodes.BaseNode;
import dev.ledgersim.network.runtime.TestNodes.Hop;
import dev.ledgersim.network.runtime.TestNodes.LambdaNode;
import dev.ledgersim.network.runtime.TestNodes.Numbered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConcurrentEngineTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    private static ConcurrentEngine engine(int threads) {
        return new ConcurrentEngine(EngineConfig.defaults().withSeed(11).withIdleTimeout(LONG), threads);
    }

    /** Forwards hops to random nodes and detects overlapping callbacks with an atomic flag. */
    static final class Forwarder implements Node {
        static final int NODES = 16;
        final AtomicBoolean busy = new AtomicBoolean();
        final AtomicInteger overlaps;
        final AtomicLong delivered;
        final Set<String> threadsUsed;
        NodeContext ctx;
        long handled; // plain field: safe only if callbacks never overlap and are ordered

        Forwarder(AtomicInteger overlaps, AtomicLong delivered, Set<String> threadsUsed) {
            this.overlaps = overlaps;
            this.delivered = delivered;
            this.threadsUsed = threadsUsed;
        }

        private void enter() {
            if (!busy.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            threadsUsed.add(Thread.currentThread().getName());
        }

        private void exit() {
            busy.set(false);
        }

        @Override
        public void onStart(NodeContext context) {
            enter();
            ctx = context;
            exit();
        }

        @Override
        public void onMessage(String from, Object message) {
            enter();
            try {
                handled++;
                delivered.incrementAndGet();
                Hop hop = (Hop) message;
                if (hop.hops() > 0) {
                    ctx.send("n" + ctx.random().nextInt(NODES), new Hop(hop.id(), hop.hops() - 1));
                }
            } finally {
                exit();
            }
        }

        @Override
        public void onTimer(Object timerKey) {
            enter();
            exit();
        }

        @Override
        public void onStop() {
        }

        long handled() {
            enter();
            try {
                return handled;
            } finally {
                exit();
            }
        }
    }

    @Test
    void wallClockTimeCannotBeSuspended() {
        try (ConcurrentEngine engine = engine(1)) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> engine.suspendFor(Duration.ofDays(1)));
            assertTrue(e.getMessage().contains("needs the simulated runtime"), e.getMessage());
        }
    }

    @Test
    void manyNodesInParallelEachOneEventAtATimeAndEveryMessageAccountedFor() throws InterruptedException {
        AtomicInteger overlaps = new AtomicInteger();
        AtomicLong delivered = new AtomicLong();
        Set<String> threadsUsed = ConcurrentHashMap.newKeySet();
        int clients = 4;
        int perClient = 500;
        int hops = 5;
        try (ConcurrentEngine engine = engine(4)) {
            for (int i = 0; i < Forwarder.NODES; i++) {
                engine.register("n" + i, () -> new Forwarder(overlaps, delivered, threadsUsed));
            }
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            List<CompletableFuture<Long>> calls = Collections.synchronizedList(new ArrayList<>());
            for (int c = 0; c < clients; c++) {
                int client = c;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    for (int i = 0; i < perClient; i++) {
                        engine.send("client" + client, "n" + (i % Forwarder.NODES), new Hop(client * 1_000_000L + i, hops));
                        if (i % 10 == 0) {
                            calls.add(engine.call("n" + (i % Forwarder.NODES), Forwarder.class, Forwarder::handled));
                        }
                    }
                }, "test-client-" + c);
                threads.add(t);
                t.start();
            }
            go.countDown();
            for (Thread t : threads) {
                t.join(LONG.toMillis());
                assertFalse(t.isAlive());
            }
            engine.runUntilIdle();
            assertEquals((long) clients * perClient * (hops + 1), delivered.get(), "every hop delivered exactly once");
            assertEquals(0, overlaps.get(), "a node processed two events at once");
            assertEquals(clients * perClient / 10, calls.size());
            for (CompletableFuture<Long> call : calls) {
                assertTrue(call.isDone(), "runUntilIdle waits for calls");
                assertTrue(engine.await(call, LONG) >= 0);
            }
            long total = 0;
            for (int i = 0; i < Forwarder.NODES; i++) {
                total += engine.await(engine.call("n" + i, Forwarder.class, Forwarder::handled), LONG);
            }
            assertEquals(delivered.get(), total, "per-node counters (plain fields) add up: callbacks were ordered");
            assertTrue(threadsUsed.stream().filter(n -> n.startsWith(engine.threadNamePrefix())).count() >= 2,
                    "nodes ran on several pool threads: " + threadsUsed);
            assertTrue(threadsUsed.stream().allMatch(n -> n.startsWith(engine.threadNamePrefix())),
                    "node code ran only on pool threads: " + threadsUsed);
        }
    }

    @Test
    void timersFireOnTheWallClockAndCancelledOnesNever() {
        try (ConcurrentEngine engine = engine(2)) {
            CompletableFuture<List<Object>> fired = new CompletableFuture<>();
            List<Object> seen = new ArrayList<>();
            engine.register("a", () -> new LambdaNode(n -> {
                n.ctx.schedule(Duration.ofMillis(10), "cancelled").cancel();
                n.ctx.schedule(Duration.ofMillis(20), "kept");
            }, null, (n, k) -> {
                seen.add(k);
                fired.complete(List.copyOf(seen));
            }));
            long start = System.nanoTime();
            assertEquals(List.of("kept"), engine.await(fired, LONG, "the timer"));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(15), "a 20 ms timer fired early");
        }
    }

    @Test
    void delayedLinksHonourLatencyAndStayFifo() {
        try (ConcurrentEngine engine = engine(4)) {
            int count = 300;
            CompletableFuture<List<Integer>> all = new CompletableFuture<>();
            List<Integer> received = new ArrayList<>();
            engine.register("b", () -> new LambdaNode(null, (n, m) -> {
                received.add(((Numbered) m[1]).n());
                if (received.size() == count) {
                    all.complete(List.copyOf(received));
                }
            }, null));
            engine.register("a", BaseNode::new);
            engine.faults().configureLink("a", "b", LinkConfig.defaults().withLatency(
                    Latency.exponential(Duration.ofMillis(2), Duration.ofMillis(5))));
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                engine.send("a", "b", new Numbered(i));
            }
            List<Integer> got = engine.await(all, LONG, "300 messages");
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(2), "latency ignored");
            List<Integer> sorted = new ArrayList<>(got);
            sorted.sort(null);
            assertEquals(sorted, got, "FIFO broken");
        }
    }

    @Test
    void runUntilIdleWaitsForDelayedMessagesAndForegroundTimersButNotBackgroundOnes() {
        try (ConcurrentEngine engine = engine(2)) {
            AtomicInteger got = new AtomicInteger();
            AtomicInteger timers = new AtomicInteger();
            engine.register("b", () -> new LambdaNode(n -> {
                n.ctx.schedule(Duration.ofMillis(30), "foreground");
                n.ctx.scheduleBackground(Duration.ofHours(1), "background");
            }, (n, m) -> got.incrementAndGet(), (n, k) -> timers.incrementAndGet()));
            engine.register("a", BaseNode::new);
            engine.faults().configureLink("a", "b", LinkConfig.reliable(Duration.ofMillis(50)));
            engine.send("a", "b", "late");
            engine.runUntilIdle();
            assertEquals(1, got.get());
            assertEquals(1, timers.get());
        }
    }

    @Test
    void crashDiscardsQueuedWorkAndRestartBuildsAFreshInstance() {
        try (ConcurrentEngine engine = engine(2)) {
            List<BaseNode> instances = Collections.synchronizedList(new ArrayList<>());
            // The first incarnation's timer and the in-flight message are far in the future (wall clock), so
            // the crash always comes first however loaded the machine is; the second incarnation's timer is short.
            engine.register("b", () -> {
                Duration delay = instances.isEmpty() ? Duration.ofSeconds(3) : Duration.ofMillis(100);
                BaseNode n = new LambdaNode(x -> x.ctx.schedule(delay, "old"), null, null);
                instances.add(n);
                return n;
            });
            engine.register("a", BaseNode::new);
            engine.faults().configureLink("a", "b", LinkConfig.reliable(Duration.ofSeconds(3)));
            engine.send("a", "b", "in flight");
            engine.await(engine.call("b", n -> null), LONG); // started
            engine.crash("b");
            assertFalse(engine.isAlive("b"));
            assertTrue(instances.get(0).stopped, "crash returns after onStop");
            NodeUnavailableException down = assertThrows(NodeUnavailableException.class,
                    () -> engine.await(engine.call("b", n -> 1), LONG));
            assertTrue(down.getMessage().contains("seed 11"), down.getMessage());
            engine.send("a", "b", "while down");
            engine.restart("b");
            engine.runUntilIdle(); // the old in-flight message and timer are gone; the new timer fires
            assertEquals(2, instances.size());
            assertEquals(List.of("start", "stop"), instances.get(0).log);
            assertEquals(List.of("start", "timer:old"), instances.get(1).log);
            engine.faults().configureLink("a", "b", LinkConfig.reliable(Duration.ofMillis(1)));
            engine.send("a", "b", "hello");
            engine.runUntilIdle();
            assertEquals("a:hello", instances.get(1).log.get(2));
        }
    }

    @Test
    void offloadedWorkRunsWhileTheNodeHandlesOtherEventsAndEndsAsOneOfThem() throws Exception {
        try (ConcurrentEngine engine = engine(2)) {
            CountDownLatch pinged = new CountDownLatch(1);
            engine.register("a", () -> new LambdaNode(null, (n, m) -> {
                if (m[1].equals("go")) {
                    n.ctx.offload(() -> {
                        try {
                            // Ends only once the node has handled "ping": the node is not waiting for it.
                            return pinged.await(LONG.toSeconds(), TimeUnit.SECONDS) ? 42 : -1;
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return -2;
                        }
                    }, outcome -> n.log.add("then:" + outcome.get()));
                } else {
                    pinged.countDown();
                }
            }, null));
            engine.send("client", "a", "go");
            engine.send("client", "a", "ping");
            engine.runUntilIdle(); // waits for the work and its continuation
            BaseNode a = (BaseNode) engine.await(engine.call("a", n -> n), LONG);
            assertEquals(List.of("start", "client:go", "client:ping", "then:42"), a.log);
        }
    }

    @Test
    void aFailureOfOffloadedWorkReachesItsContinuation() {
        try (ConcurrentEngine engine = engine(2)) {
            engine.register("a", () -> new LambdaNode(null, (n, m) -> n.ctx.offload(() -> {
                throw new IllegalStateException("boom");
            }, outcome -> {
                try {
                    outcome.get();
                    n.log.add("no failure");
                } catch (IllegalStateException e) {
                    n.log.add("failed:" + e.getMessage());
                }
            }), null));
            engine.send("client", "a", "go");
            engine.runUntilIdle();
            BaseNode a = (BaseNode) engine.await(engine.call("a", n -> n), LONG);
            assertEquals(List.of("start", "client:go", "failed:boom"), a.log);
        }
    }

    @Test
    void theContinuationOfANodeThatCrashedMeanwhileIsDropped() throws Exception {
        try (ConcurrentEngine engine = engine(2)) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            List<BaseNode> instances = Collections.synchronizedList(new ArrayList<>());
            engine.register("a", () -> {
                LambdaNode node = new LambdaNode(null, (n, m) -> n.ctx.offload(() -> {
                    started.countDown();
                    try {
                        return release.await(LONG.toSeconds(), TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                }, outcome -> n.log.add("then:" + outcome.get())), null);
                instances.add(node);
                return node;
            });
            engine.send("client", "a", "go");
            assertTrue(started.await(LONG.toSeconds(), TimeUnit.SECONDS), "the work started");
            engine.crash("a");
            release.countDown();
            engine.runUntilIdle();
            assertEquals(List.of("start", "client:go", "stop"), instances.get(0).log, "no continuation after the crash");
        }
    }

    @Test
    void awaitTimesOutOnTheWallClockWithAClearMessage() {
        try (ConcurrentEngine engine = engine(1)) {
            RuntimeTimeoutException e = assertThrows(RuntimeTimeoutException.class,
                    () -> engine.await(new CompletableFuture<>(), Duration.ofMillis(50), "endorsement from peer0"));
            assertTrue(e.getMessage().contains("endorsement from peer0"), e.getMessage());
            assertTrue(e.getMessage().contains("PT0.05S of wall time"), e.getMessage());
            assertTrue(e.getMessage().contains("seed 11"), e.getMessage());
        }
    }

    @Test
    void failuresAndBlockingOnANodeThreadAreReported() {
        try (ConcurrentEngine engine = engine(2)) {
            engine.register("a", BaseNode::new);
            CompletableFuture<Object> nested = engine.call("a", n -> {
                engine.runUntilIdle();
                return null;
            });
            IllegalStateException blocked = assertThrows(IllegalStateException.class, () -> engine.await(nested, LONG));
            assertTrue(blocked.getMessage().contains("thread of node a"), blocked.getMessage());

            engine.register("bad", () -> new LambdaNode(null, (n, m) -> {
                throw new IllegalStateException("corrupt");
            }, null));
            engine.send("client", "bad", "x");
            NodeFailureException e = assertThrows(NodeFailureException.class, engine::runUntilIdle);
            assertEquals("bad", e.node());
            assertTrue(e.getMessage().contains("seed 11"), e.getMessage());
        }
    }

    @Test
    void closeStopsNodesAndJoinsEveryThread() {
        ConcurrentEngine engine = engine(3);
        String prefix = engine.threadNamePrefix();
        List<BaseNode> nodes = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 6; i++) {
            engine.register("n" + i, () -> {
                BaseNode n = new LambdaNode(x -> x.ctx.scheduleBackground(Duration.ofMillis(1), "tick"), null,
                        (x, k) -> x.ctx.scheduleBackground(Duration.ofMillis(1), "tick"));
                nodes.add(n);
                return n;
            });
        }
        engine.runUntilIdle(); // started; ticks keep going in the background
        engine.faults().configureLinkBothWays("n0", "n1", LinkConfig.reliable(Duration.ofSeconds(10)));
        engine.send("n0", "n1", "still in flight at close");
        engine.call("n2", n -> n); // maybe still queued at close
        assertTrue(liveThreads(prefix) >= 2, "the engine has threads while open");
        engine.close();
        engine.close();
        assertEquals(0, liveThreads(prefix), "threads left after close");
        assertEquals(6, nodes.size());
        assertTrue(nodes.stream().allMatch(n -> n.stopped), "onStop called for every node on close");
        assertThrows(IllegalStateException.class, () -> engine.send("n0", "n1", "x"));
    }

    private static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .count();
    }
}
