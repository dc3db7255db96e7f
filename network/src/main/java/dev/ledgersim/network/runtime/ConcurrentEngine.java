package dev.ledgersim.network.runtime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The wall-clock engine: every node is an actor — a mailbox drained on a shared pool of
 * {@code threads} threads — so nodes run in parallel while each sees its events one at a time (with a
 * happens-before edge between them). Timers and link latency use one scheduler thread; a message on a
 * zero-latency link goes straight to the receiver's mailbox. Links stay FIFO unless configured to
 * reorder: delayed messages wait in a per-link queue ordered by (delivery time, send order).
 *
 * <p>Threads are named {@code ledgersim-<engine>-node-<i>} and {@code ledgersim-<engine>-scheduler};
 * they are daemon threads, and {@link #close()} stops and joins them all.
 *
 * <p>A node callback that throws is logged, traced ({@link TraceEvent.Kind#FAILURE}) and rethrown as
 * {@link NodeFailureException} by the next {@link #runFor}, {@link #runUntilIdle} or {@link #await}.
 */
public final class ConcurrentEngine implements Engine {

    private static final Logger log = LoggerFactory.getLogger(ConcurrentEngine.class);
    private static final AtomicInteger ENGINE_IDS = new AtomicInteger();
    /** Events one actor processes before yielding its pool thread to others. */
    private static final int BATCH = 64;
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final EngineConfig config;
    private final long seed;
    private final int threads;
    private final String threadPrefix;
    private final Clock clock = Clock.systemUTC();
    private final TraceRecorder trace;
    private final NetworkFaults network;
    private final ConcurrentHashMap<String, Actor> actors = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, LinkQueue> linkQueues = new ConcurrentHashMap<>();
    private final List<Thread> createdThreads = new CopyOnWriteArrayList<>();
    private final ThreadPoolExecutor pool;
    private final ScheduledThreadPoolExecutor scheduler;
    private final ThreadLocal<Actor> currentActor = new ThreadLocal<>();
    private final AtomicLong outstanding = new AtomicLong();
    private final Object idleLock = new Object();
    private final AtomicLong nextMessageId = new AtomicLong();
    private final AtomicReference<NodeFailureException> failure = new AtomicReference<>();
    private final Object lifecycleLock = new Object();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private volatile boolean closed;

    /**
     * An engine whose nodes run on {@code threads} pool threads.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public ConcurrentEngine(EngineConfig config, int threads) {
        this.config = Objects.requireNonNull(config, "config");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1: " + threads);
        }
        this.seed = config.seed();
        this.threads = threads;
        this.threadPrefix = "ledgersim-" + ENGINE_IDS.incrementAndGet() + "-";
        this.trace = new TraceRecorder(seed, "concurrent", config.traceCapacity(), config.traceEnabled());
        this.network = new NetworkFaults(seed, config.defaultLink(), actors::containsKey, this::onFault);
        this.pool = new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                threadFactory("node-"));
        this.scheduler = new ScheduledThreadPoolExecutor(1, threadFactory("scheduler"));
        this.scheduler.setRemoveOnCancelPolicy(true);
        this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        log.debug("concurrent engine created with {} threads, seed {}", threads, seed);
    }

    private ThreadFactory threadFactory(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            String name = threadPrefix + role + (role.endsWith("-") ? String.valueOf(n.getAndIncrement()) : "");
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            createdThreads.add(t);
            return t;
        };
    }

    /** The thread-name prefix of this engine's threads, e.g. {@code "ledgersim-3-"}. */
    public String threadNamePrefix() {
        return threadPrefix;
    }

    /** The size of the node pool. */
    public int threads() {
        return threads;
    }

    // ---------------------------------------------------------------- Engine

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public boolean isSimulated() {
        return false;
    }

    @Override
    public void register(String name, Supplier<? extends Node> factory) {
        checkOpen();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        if (name.isBlank()) {
            throw new IllegalArgumentException("node name is blank");
        }
        synchronized (lifecycleLock) {
            Actor a = new Actor(name, factory);
            if (actors.putIfAbsent(name, a) != null) {
                throw new IllegalArgumentException("node already registered: " + name);
            }
            trace.record(now(), TraceEvent.Kind.START, name, null, null, Map.of("incarnation", 1));
            startLocked(a, 1);
        }
    }

    @Override
    public void crash(String name) {
        checkOpen();
        Actor a = actor(name);
        CompletableFuture<Void> stopped;
        synchronized (lifecycleLock) {
            stopped = crashLocked(a, null);
        }
        if (stopped != null) {
            awaitStop(a, stopped);
        }
    }

    @Override
    public void restart(String name) {
        checkOpen();
        Actor a = actor(name);
        CompletableFuture<Void> stopped;
        synchronized (lifecycleLock) {
            stopped = crashLocked(a, null);
            int incarnation = a.incarnation + 1;
            trace.record(now(), TraceEvent.Kind.RESTART, name, null, null, Map.of("incarnation", incarnation));
            startLocked(a, incarnation);
        }
        if (stopped != null) {
            awaitStop(a, stopped);
        }
    }

    @Override
    public boolean isAlive(String name) {
        Actor a = actors.get(name);
        return a != null && a.alive;
    }

    @Override
    public Set<String> nodes() {
        return Collections.unmodifiableSet(new TreeSet<>(actors.keySet()));
    }

    @Override
    public <T> CompletableFuture<T> call(String node, Function<? super Node, ? extends T> action) {
        checkOpen();
        Objects.requireNonNull(action, "action");
        Actor a = actor(node);
        CompletableFuture<T> future = new CompletableFuture<>();
        int incarnation = a.incarnation;
        if (!a.alive) {
            future.completeExceptionally(unavailable(node));
            return future;
        }
        outstanding.incrementAndGet();
        enqueue(a, new Task(incarnation, true) {
            @Override
            void run(Node n) {
                trace.record(now(), TraceEvent.Kind.CALL, a.name, null, null, Map.of());
                T result;
                try {
                    result = action.apply(n);
                } catch (RuntimeException | Error e) {
                    future.completeExceptionally(e);
                    return;
                }
                future.complete(result);
            }

            @Override
            void discard() {
                trace.record(now(), TraceEvent.Kind.DISCARD, a.name, null, null, Map.of("what", "call"));
                future.completeExceptionally(unavailable(a.name));
            }

            @Override
            public String toString() {
                return "call";
            }
        });
        return future;
    }

    @Override
    public void send(String from, String to, Object message) {
        checkOpen();
        Objects.requireNonNull(from, "from");
        transmit(from, to, message);
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    @Override
    public void runFor(Duration duration) {
        checkWaitable("runFor");
        SimulatedEngine.requireNonNegative(duration, "duration");
        try {
            closedLatch.await(duration.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted in runFor(" + duration + ") (seed " + seed + ")", e);
        }
        checkFailure();
    }

    @Override
    public void suspendFor(Duration duration) {
        SimulatedEngine.requireNonNegative(duration, "duration");
        throw new UnsupportedOperationException("suspendFor(" + duration + ") needs the simulated runtime: "
                + "the concurrent runtime's clock is the wall clock (seed " + seed + ")");
    }

    @Override
    public void runUntilIdle() {
        checkWaitable("runUntilIdle");
        Duration timeout = config.idleTimeout();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (idleLock) {
            while (outstanding.get() > 0) {
                checkFailure();
                checkOpen();
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    throw new RuntimeTimeoutException("Timed out waiting for the network to go idle: "
                            + outstanding.get() + " messages, calls or foreground timers still pending after "
                            + timeout + " of wall time (concurrent engine, seed " + seed + ", now " + now() + ")",
                            "idle network", timeout, seed);
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(idleLock, remaining);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted in runUntilIdle (seed " + seed + ")", e);
                }
            }
        }
        checkFailure();
    }

    @Override
    public <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        Objects.requireNonNull(future, "future");
        Objects.requireNonNull(what, "what");
        SimulatedEngine.requireNonNegative(timeout, "timeout");
        if (!future.isDone()) {
            checkWaitable("await(" + what + ")");
            try {
                future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                checkFailure();
                throw new RuntimeTimeoutException("Timed out waiting for " + what + ": not done after " + timeout
                        + " of wall time (concurrent engine, seed " + seed + ", now " + now() + ")", what, timeout,
                        seed);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what + " (seed " + seed + ")", e);
            } catch (ExecutionException e) {
                // handled below
            }
        }
        return Futures.resultOf(future);
    }

    @Override
    public NetworkFaults faults() {
        return network;
    }

    @Override
    public TraceRecorder trace() {
        return trace;
    }

    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        synchronized (lifecycleLock) {
            if (closed) {
                return;
            }
            for (String name : new TreeSet<>(actors.keySet())) {
                CompletableFuture<Void> stopped = crashLocked(actors.get(name), "engine closed");
                if (stopped != null) {
                    stops.add(stopped);
                }
            }
            closed = true;
        }
        boolean onNodeThread = currentActor.get() != null;
        if (!onNodeThread) {
            try {
                CompletableFuture.allOf(stops.toArray(new CompletableFuture<?>[0]))
                        .get(SHUTDOWN_WAIT.toNanos(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("nodes did not stop cleanly on close (seed {})", seed, e);
            }
        }
        scheduler.shutdownNow();
        pool.shutdown();
        closedLatch.countDown();
        synchronized (idleLock) {
            idleLock.notifyAll();
        }
        if (onNodeThread) {
            return; // cannot join the thread we run on; the pool finishes by itself
        }
        try {
            long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
            if (!scheduler.awaitTermination(SHUTDOWN_WAIT.toNanos(), TimeUnit.NANOSECONDS)
                    || !pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                log.warn("engine threads still busy after {}; interrupting them (seed {})", SHUTDOWN_WAIT, seed);
                pool.shutdownNow();
            }
            for (Thread t : createdThreads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.debug("concurrent engine closed, seed {}", seed);
    }

    @Override
    public String toString() {
        return "ConcurrentEngine[seed=" + seed + ", threads=" + threads + ", nodes=" + actors.size() + "]";
    }

    // ---------------------------------------------------------------- lifecycle

    /** Enqueues the start of {@code incarnation}; caller holds the lifecycle lock. */
    private void startLocked(Actor a, int incarnation) {
        synchronized (a) {
            a.incarnation = incarnation;
            a.alive = true;
        }
        outstanding.incrementAndGet();
        enqueue(a, new Task(incarnation, true, true) {
            @Override
            void run(Node ignored) {
                if (!a.alive || a.incarnation != incarnation) {
                    return; // crashed again before it started
                }
                Context ctx = new Context(a, incarnation);
                Node node = a.factory.get();
                if (node == null) {
                    throw new NullPointerException("the factory of node " + a.name + " returned null");
                }
                a.node = node;
                a.installedIncarnation = incarnation;
                node.onStart(ctx);
            }

            @Override
            public String toString() {
                return "start of incarnation " + incarnation;
            }

            @Override
            void discard() {
            }
        });
    }

    /**
     * Marks a running node crashed, cancels its timers and enqueues its stop; caller holds the lifecycle
     * lock. Returns the stop's future, or null if it was already down.
     */
    private CompletableFuture<Void> crashLocked(Actor a, String reason) {
        synchronized (a) {
            if (!a.alive) {
                return null;
            }
            a.alive = false;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("incarnation", a.incarnation);
        if (reason != null) {
            d.put("reason", reason);
        }
        trace.record(now(), TraceEvent.Kind.CRASH, a.name, null, null, d);
        for (TimerTask t : new ArrayList<>(a.timers)) {
            t.cancel();
        }
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        outstanding.incrementAndGet();
        enqueue(a, new Task(a.incarnation, true, true) {
            @Override
            void run(Node ignored) {
                Node node = a.node;
                a.node = null;
                a.installedIncarnation = 0;
                try {
                    if (node != null) {
                        node.onStop();
                    }
                } finally {
                    stopped.complete(null);
                }
            }

            @Override
            public String toString() {
                return "onStop";
            }

            @Override
            void discard() {
                stopped.complete(null);
            }
        });
        return stopped;
    }

    private void awaitStop(Actor a, CompletableFuture<Void> stopped) {
        if (currentActor.get() != null) {
            return; // on a node thread: waiting could deadlock
        }
        try {
            stopped.get(SHUTDOWN_WAIT.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("node {} did not stop within {} (seed {})", a.name, SHUTDOWN_WAIT, seed, e);
        }
    }

    // ---------------------------------------------------------------- actors

    private void enqueue(Actor a, Task task) {
        a.mailbox.add(task);
        schedule(a);
    }

    private void schedule(Actor a) {
        if (a.scheduled.compareAndSet(false, true)) {
            try {
                pool.execute(() -> drain(a));
            } catch (RejectedExecutionException e) {
                // Closed: discard what is queued.
                Task t;
                while ((t = a.mailbox.poll()) != null) {
                    finish(a, t, false);
                }
                a.scheduled.set(false);
            }
        }
    }

    private void drain(Actor a) {
        currentActor.set(a);
        try {
            for (int i = 0; i < BATCH; i++) {
                Task t = a.mailbox.poll();
                if (t == null) {
                    break;
                }
                boolean live = t.control
                        || a.alive && a.incarnation == t.incarnation && a.installedIncarnation == t.incarnation
                        && a.node != null;
                finish(a, t, live);
            }
        } finally {
            currentActor.remove();
            a.scheduled.set(false);
        }
        if (!a.mailbox.isEmpty()) {
            schedule(a);
        }
    }

    /** Runs or discards a task, then takes it off the books. */
    private void finish(Actor a, Task t, boolean live) {
        try {
            if (live) {
                t.run(a.node);
            } else {
                t.discard();
            }
        } catch (RuntimeException | Error e) {
            fail(a, t.toString(), e);
        } finally {
            if (t.counted) {
                done();
            }
        }
    }

    private void done() {
        if (outstanding.decrementAndGet() == 0) {
            synchronized (idleLock) {
                idleLock.notifyAll();
            }
        }
    }

    private void fail(Actor a, String event, Throwable e) {
        String message = "node " + a.name + " failed in " + event + " at " + now() + " (concurrent engine, seed "
                + seed + "): " + e;
        log.error("{}", message, e);
        trace.record(now(), TraceEvent.Kind.FAILURE, a.name, null, e.getClass().getSimpleName(),
                Map.of("event", event, "error", String.valueOf(e.getMessage())));
        failure.compareAndSet(null, new NodeFailureException(a.name, message, seed, e));
        synchronized (idleLock) {
            idleLock.notifyAll(); // wake runUntilIdle to report it
        }
    }

    // ---------------------------------------------------------------- network

    private void transmit(String from, String to, Object message) {
        Objects.requireNonNull(message, "message");
        Actor target = actor(to);
        String type = SimulatedEngine.typeName(message);
        if (!target.alive) {
            traceSend(from, to, type, message, nextMessageId.getAndIncrement(), "dropped", "receiver down",
                    List.of());
            return;
        }
        int incarnation = target.incarnation;
        LinkQueue link = linkQueues.computeIfAbsent(from + '\u0000' + to, k -> new LinkQueue());
        List<Long> delays;
        synchronized (link) {
            long id = nextMessageId.getAndIncrement();
            long now = System.nanoTime();
            NetworkFaults.Plan plan = network.plan(from, to, now);
            if (plan.dropReason != null) {
                traceSend(from, to, type, message, id, "dropped", plan.dropReason, List.of());
                return;
            }
            delays = new ArrayList<>(plan.deliveryNanos.length);
            for (long at : plan.deliveryNanos) {
                delays.add(at - now);
                outstanding.incrementAndGet();
                Delivery d = new Delivery(target, incarnation, from, message, id, type, at, link.nextOrder++);
                if (at <= now && link.pending.isEmpty()) {
                    enqueue(target, d);
                } else {
                    link.pending.add(d);
                    try {
                        scheduler.schedule(() -> flush(link), Math.max(0, at - now), TimeUnit.NANOSECONDS);
                    } catch (RejectedExecutionException e) {
                        link.pending.remove(d);
                        finish(target, d, false);
                    }
                }
            }
            traceSend(from, to, type, message, id, delays.size() > 1 ? "duplicated" : "sent", null, delays);
        }
    }

    /** Hands every message of the link that is due to its receiver, in (due time, send order). */
    private void flush(LinkQueue link) {
        synchronized (link) {
            long now = System.nanoTime();
            for (Delivery d = link.pending.peek(); d != null && d.due <= now; d = link.pending.peek()) {
                link.pending.poll();
                enqueue(d.target, d);
            }
        }
    }

    private void traceSend(String from, String to, String type, Object message, long id, String outcome,
            String reason, List<Long> delays) {
        if (!trace.isEnabled()) {
            return;
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("id", id);
        d.put("outcome", outcome);
        if (reason != null) {
            d.put("reason", reason);
        }
        if (!delays.isEmpty()) {
            d.put("delaysNanos", delays);
        }
        long size = SimulatedEngine.sizeOf(message);
        if (size >= 0) {
            d.put("size", size);
        }
        trace.record(now(), TraceEvent.Kind.SEND, from, to, type, d);
    }

    private void onFault(Fault fault) {
        trace.record(now(), TraceEvent.Kind.FAULT, null, null, fault.getClass().getSimpleName(),
                Map.of("fault", fault.toString()));
    }

    // ---------------------------------------------------------------- helpers

    private Actor actor(String name) {
        Objects.requireNonNull(name, "node name");
        Actor a = actors.get(name);
        if (a == null) {
            throw new IllegalArgumentException("unknown node: " + name + " (registered: " + nodes() + ")");
        }
        return a;
    }

    private NodeUnavailableException unavailable(String node) {
        return new NodeUnavailableException(node, "node " + node + " is down (crashed) at " + now()
                + " (concurrent engine, seed " + seed + ")");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("engine is closed (seed " + seed + ")");
        }
    }

    private void checkWaitable(String call) {
        checkOpen();
        Actor a = currentActor.get();
        if (a != null) {
            throw new IllegalStateException(call + " called on the thread of node " + a.name
                    + ": nodes and call actions must never block or wait (seed " + seed + ")");
        }
        checkFailure();
    }

    private void checkFailure() {
        NodeFailureException e = failure.get();
        if (e != null) {
            throw new NodeFailureException(e.node(), e.getMessage(), seed, e.getCause());
        }
    }

    // ---------------------------------------------------------------- types

    /** A node: mailbox, lifecycle state, and (confined to its turn) the current instance. */
    private static final class Actor {
        final String name;
        final Supplier<? extends Node> factory;
        final ConcurrentLinkedQueue<Task> mailbox = new ConcurrentLinkedQueue<>();
        final AtomicBoolean scheduled = new AtomicBoolean();
        final Set<TimerTask> timers = ConcurrentHashMap.newKeySet();
        volatile boolean alive;
        volatile int incarnation;
        /** Confined to the actor's turn. */
        Node node;
        /** Confined to the actor's turn: the incarnation of {@link #node}, 0 when none. */
        int installedIncarnation;

        Actor(String name, Supplier<? extends Node> factory) {
            this.name = name;
            this.factory = factory;
        }
    }

    /** One mailbox entry. */
    private abstract static class Task {
        final int incarnation;
        /** Counted in {@code outstanding} until finished. */
        final boolean counted;
        /** Lifecycle tasks run whatever the actor's state. */
        final boolean control;

        Task(int incarnation, boolean counted) {
            this(incarnation, counted, false);
        }

        Task(int incarnation, boolean counted, boolean control) {
            this.incarnation = incarnation;
            this.counted = counted;
            this.control = control;
        }

        /** Runs on the actor's turn with its live instance (null for control tasks before start). */
        abstract void run(Node node);

        /** The target instance is gone. */
        abstract void discard();
    }

    /** Delayed messages of one directed link, in (due, send order). */
    private static final class LinkQueue {
        final PriorityQueue<Delivery> pending = new PriorityQueue<>();
        long nextOrder;
    }

    private final class Delivery extends Task implements Comparable<Delivery> {
        final Actor target;
        final String from;
        final Object message;
        final long id;
        final String type;
        final long due;
        final long order;

        Delivery(Actor target, int incarnation, String from, Object message, long id, String type, long due,
                long order) {
            super(incarnation, true);
            this.target = target;
            this.from = from;
            this.message = message;
            this.id = id;
            this.type = type;
            this.due = due;
            this.order = order;
        }

        @Override
        void run(Node node) {
            trace.record(now(), TraceEvent.Kind.DELIVER, target.name, from, type, Map.of("id", id));
            node.onMessage(from, message);
        }

        @Override
        void discard() {
            trace.record(now(), TraceEvent.Kind.DISCARD, target.name, from, type, Map.of("what", "message", "id", id));
        }

        @Override
        public int compareTo(Delivery o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(order, o.order);
        }

        @Override
        public String toString() {
            return "onMessage(" + type + " #" + id + " from " + from + ")";
        }
    }

    /** A timer: scheduled on the scheduler, then run as a mailbox task. */
    private final class TimerTask extends Task implements TimerHandle {
        final Actor actor;
        final Object key;
        final boolean background;
        final AtomicBoolean settled = new AtomicBoolean();
        volatile boolean cancelled;
        volatile ScheduledFuture<?> scheduled;

        TimerTask(Actor actor, int incarnation, Object key, boolean background) {
            super(incarnation, false);
            this.actor = actor;
            this.key = key;
            this.background = background;
        }

        @Override
        public void cancel() {
            if (settled.compareAndSet(false, true)) {
                cancelled = true;
                actor.timers.remove(this);
                ScheduledFuture<?> f = scheduled;
                if (f != null) {
                    f.cancel(false);
                }
                if (!background) {
                    done();
                }
            }
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        void run(Node node) {
            if (!settled.compareAndSet(false, true)) {
                return; // cancelled after it was queued
            }
            actor.timers.remove(this);
            try {
                if (trace.isEnabled()) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    String text = SimulatedEngine.keyText(key);
                    if (text != null) {
                        d.put("key", text);
                    }
                    d.put("background", background);
                    trace.record(now(), TraceEvent.Kind.TIMER, actor.name, null, SimulatedEngine.typeName(key), d);
                }
                node.onTimer(key);
            } finally {
                if (!background) {
                    done();
                }
            }
        }

        @Override
        void discard() {
            cancel();
        }

        @Override
        public String toString() {
            return "onTimer(" + SimulatedEngine.typeName(key) + ")";
        }
    }

    private final class Context implements NodeContext {
        private final Actor actor;
        private final int incarnation;
        private final RandomGenerator random;

        Context(Actor actor, int incarnation) {
            this.actor = actor;
            this.incarnation = incarnation;
            this.random = Seeds.random(seed, "node/" + actor.name + "/" + incarnation);
        }

        private boolean dead() {
            return !actor.alive || actor.incarnation != incarnation;
        }

        @Override
        public String self() {
            return actor.name;
        }

        @Override
        public Instant now() {
            return clock.instant();
        }

        @Override
        public RandomGenerator random() {
            return random;
        }

        @Override
        public void send(String to, Object message) {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(message, "message");
            if (dead() || closed) {
                return;
            }
            if (!actors.containsKey(to)) {
                String type = SimulatedEngine.typeName(message);
                log.warn("node {} sent {} to unknown node {}: dropped (seed {})", actor.name, type, to, seed);
                traceSend(actor.name, to, type, message, nextMessageId.getAndIncrement(), "dropped", "unknown node",
                        List.of());
                return;
            }
            transmit(actor.name, to, message);
        }

        @Override
        public TimerHandle schedule(Duration delay, Object timerKey) {
            return timer(delay, timerKey, false);
        }

        @Override
        public TimerHandle scheduleBackground(Duration delay, Object timerKey) {
            return timer(delay, timerKey, true);
        }

        private TimerHandle timer(Duration delay, Object timerKey, boolean background) {
            SimulatedEngine.requireNonNegative(delay, "delay");
            Objects.requireNonNull(timerKey, "timerKey");
            TimerTask t = new TimerTask(actor, incarnation, timerKey, background);
            if (dead() || closed) {
                t.settled.set(true);
                t.cancelled = true;
                return t;
            }
            if (!background) {
                outstanding.incrementAndGet();
            }
            actor.timers.add(t);
            try {
                t.scheduled = scheduler.schedule(() -> enqueue(actor, t), delay.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                t.cancel();
            }
            if (dead()) {
                t.cancel(); // crashed meanwhile: crash may have missed it
            }
            return t;
        }

        @Override
        public void record(String event, Map<String, ?> details) {
            Objects.requireNonNull(event, "event");
            trace.record(clock.instant(), TraceEvent.Kind.STATE, actor.name, null, event, details);
        }

        @Override
        public <T> void offload(Supplier<? extends T> work, Consumer<Supplier<T>> then) {
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(then, "then");
            if (dead() || closed) {
                return;
            }
            outstanding.incrementAndGet(); // one count for the work and its continuation, which takes it off
            try {
                pool.execute(() -> {
                    Supplier<T> outcome = NodeContext.outcomeOf(work);
                    enqueue(actor, new Task(incarnation, true) {
                        @Override
                        void run(Node node) {
                            then.accept(outcome);
                        }

                        @Override
                        void discard() {
                            trace.record(now(), TraceEvent.Kind.DISCARD, actor.name, null, null,
                                    Map.of("what", "offloaded work"));
                        }

                        @Override
                        public String toString() {
                            return "the continuation of offloaded work";
                        }
                    });
                });
            } catch (RejectedExecutionException e) {
                done(); // closed meanwhile: nothing will run
            }
        }

        @Override
        public String toString() {
            return "NodeContext[" + actor.name + "#" + incarnation + "]";
        }
    }
}
