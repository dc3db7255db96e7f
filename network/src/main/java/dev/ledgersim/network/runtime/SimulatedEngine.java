package dev.ledgersim.network.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deterministic engine (FoundationDB's simulator, TigerBeetle's VOPR, OkHttp's {@code TaskFaker}):
 * one thread, virtual time, one event queue.
 *
 * <p><b>How determinism is guaranteed.</b>
 * <ul>
 *   <li>Every event (message delivery, timer, call) gets a virtual time and a sequence number from one
 *   counter when it is scheduled; the queue is ordered by (time, sequence), so events due at the same
 *   instant run in the order they were scheduled — never by hash or identity order.</li>
 *   <li>Only the caller's thread runs events, one at a time, and only inside {@link #runFor},
 *   {@link #runUntilIdle} and {@link #await}. Time jumps to the next event when nothing is runnable.</li>
 *   <li>Every random draw comes from streams derived by name from the one seed ({@link Seeds}): one per
 *   node incarnation, one per link. No wall clock, no {@code hashCode} iteration order (nodes sit in a
 *   {@code TreeMap}), no threads.</li>
 * </ul>
 * So the same seed and the same sequence of calls give the same event order and the same trace.
 *
 * <p>Not thread-safe in the determinism sense: use it from one thread. Its methods are synchronized
 * so that misuse cannot corrupt it.
 */
public final class SimulatedEngine implements Engine {

    private static final Logger log = LoggerFactory.getLogger(SimulatedEngine.class);

    private final EngineConfig config;
    private final long seed;
    private final Instant epoch;
    private final TraceRecorder trace;
    private final NetworkFaults network;
    private final PriorityQueue<Event> queue = new PriorityQueue<>();
    /**
     * Cancelled timers still in {@link #queue}. Every request arms a timeout that is nearly always
     * cancelled; left in the heap until its time comes, a run at tens of thousands of transactions per
     * simulated second would keep hundreds of thousands of dead timers there. When they are more than half
     * of the queue they are removed in one pass, so the queue stays about as large as what is live.
     */
    private int cancelledInQueue;
    private final TreeMap<String, Slot> slots = new TreeMap<>();

    /** Virtual nanoseconds since {@link #epoch}. */
    private long nowNanos;
    private long nextSequence;
    private long nextMessageId;
    /** Unsettled foreground events in the queue (messages, calls, foreground timers). */
    private long foregroundPending;
    private long eventsProcessed;
    /** The node whose callback is running, or null. */
    private String dispatching;
    private boolean closed;

    /** An engine with this configuration; virtual time starts at {@link EngineConfig#epoch()}. */
    public SimulatedEngine(EngineConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.seed = config.seed();
        this.epoch = config.epoch();
        this.trace = new TraceRecorder(seed, "simulated", config.traceCapacity(), config.traceEnabled());
        this.network = new NetworkFaults(seed, config.defaultLink(), this::isRegistered, this::onFault);
        log.debug("simulated engine created, seed {}", seed);
    }

    // ---------------------------------------------------------------- Engine

    @Override
    public long seed() {
        return seed;
    }

    @Override
    public boolean isSimulated() {
        return true;
    }

    @Override
    public synchronized void register(String name, Supplier<? extends Node> factory) {
        checkOpen();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        if (name.isBlank()) {
            throw new IllegalArgumentException("node name is blank");
        }
        if (slots.containsKey(name)) {
            throw new IllegalArgumentException("node already registered: " + name);
        }
        Slot slot = new Slot(name, factory);
        slots.put(name, slot);
        trace.record(now(), TraceEvent.Kind.START, name, null, null, Map.of("incarnation", 1));
        start(slot, 1);
    }

    @Override
    public synchronized void crash(String name) {
        checkOpen();
        Slot slot = slot(name);
        if (!slot.alive) {
            log.debug("crash of {} ignored: already down", name);
            return;
        }
        trace.record(now(), TraceEvent.Kind.CRASH, name, null, null, Map.of("incarnation", slot.incarnation));
        stop(slot, true);
    }

    @Override
    public synchronized void restart(String name) {
        checkOpen();
        Slot slot = slot(name);
        if (slot.alive) {
            crash(name);
        }
        int incarnation = slot.incarnation + 1;
        trace.record(now(), TraceEvent.Kind.RESTART, name, null, null, Map.of("incarnation", incarnation));
        start(slot, incarnation);
    }

    @Override
    public synchronized boolean isAlive(String name) {
        Slot slot = slots.get(name);
        return slot != null && slot.alive;
    }

    @Override
    public synchronized Set<String> nodes() {
        return Collections.unmodifiableSet(new TreeSet<>(slots.keySet()));
    }

    @Override
    public synchronized <T> CompletableFuture<T> call(String node, Function<? super Node, ? extends T> action) {
        checkOpen();
        Objects.requireNonNull(action, "action");
        Slot slot = slot(node);
        CompletableFuture<T> future = new CompletableFuture<>();
        if (!slot.alive) {
            future.completeExceptionally(unavailable(node));
            return future;
        }
        enqueue(new CallEvent<T>(nowNanos, nextSequence++, slot, slot.incarnation, action, future));
        return future;
    }

    @Override
    public synchronized void send(String from, String to, Object message) {
        checkOpen();
        Objects.requireNonNull(from, "from");
        transmit(from, to, message);
    }

    @Override
    public synchronized Instant now() {
        return epoch.plusNanos(nowNanos);
    }

    /** Virtual time elapsed since the epoch. */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(nowNanos);
    }

    /** Events processed since the engine was created (cancelled timers not counted). */
    public synchronized long eventsProcessed() {
        return eventsProcessed;
    }

    /** Whether any event (background timers included) is queued. */
    public synchronized boolean hasPendingEvents() {
        return head() != null;
    }

    @Override
    public synchronized void runFor(Duration duration) {
        checkRunnable("runFor");
        requireNonNegative(duration, "duration");
        long deadline = plusSaturated(nowNanos, duration.toNanos());
        long budget = config.maxEventsPerRun();
        long processed = 0;
        for (Event e = head(); e != null && e.time <= deadline; e = head()) {
            processed = step(e, processed, budget, "runFor(" + duration + ")");
        }
        nowNanos = Math.max(nowNanos, deadline);
    }

    @Override
    public synchronized void suspendFor(Duration duration) {
        checkRunnable("suspendFor");
        requireNonNegative(duration, "duration");
        long delta = duration.toNanos();
        // A uniform shift keeps the heap ordered, so the queue needs no rebuilding.
        for (Event e : queue) {
            e.time = plusSaturated(e.time, delta);
        }
        Instant from = now();
        nowNanos = plusSaturated(nowNanos, delta);
        log.info("network suspended from {} to {}", from, now());
    }

    @Override
    public synchronized void runUntilIdle() {
        checkRunnable("runUntilIdle");
        long budget = config.maxEventsPerRun();
        long processed = 0;
        while (foregroundPending > 0) {
            Event e = head();
            if (e == null) {
                throw new IllegalStateException("internal: " + foregroundPending
                        + " foreground events counted but none queued (seed " + seed + ")");
            }
            processed = step(e, processed, budget, "runUntilIdle()");
        }
    }

    @Override
    public synchronized <T> T await(CompletableFuture<T> future, Duration timeout, String what) {
        Objects.requireNonNull(future, "future");
        Objects.requireNonNull(what, "what");
        requireNonNegative(timeout, "timeout");
        if (!future.isDone()) {
            checkRunnable("await(" + what + ")");
            long deadline = plusSaturated(nowNanos, timeout.toNanos());
            long budget = config.maxEventsPerRun();
            long processed = 0;
            while (!future.isDone()) {
                Event e = head();
                if (e == null || e.time > deadline) {
                    nowNanos = Math.max(nowNanos, deadline);
                    String why = e == null
                            ? "the simulation went idle: no events left that could complete it"
                            : "the next event is due at " + epoch.plusNanos(e.time);
                    throw new RuntimeTimeoutException("Timed out waiting for " + what + ": not done after "
                            + timeout + " of virtual time (simulated engine, seed " + seed
                            + ", virtual time now " + now() + "; " + why + ")", what, timeout, seed);
                }
                processed = step(e, processed, budget, "await(" + what + ")");
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
    public synchronized void close() {
        if (closed) {
            return;
        }
        for (Slot slot : slots.values()) {
            if (slot.alive) {
                trace.record(now(), TraceEvent.Kind.CRASH, slot.name, null, null,
                        Map.of("incarnation", slot.incarnation, "reason", "engine closed"));
                try {
                    stop(slot, false);
                } catch (RuntimeException e) {
                    log.warn("node {} failed to stop on close (seed {})", slot.name, seed, e);
                }
            }
        }
        queue.clear();
        foregroundPending = 0;
        closed = true;
        log.debug("simulated engine closed at {} after {} events, seed {}", now(), eventsProcessed, seed);
    }

    @Override
    public String toString() {
        return "SimulatedEngine[seed=" + seed + ", now=" + epoch.plusNanos(nowNanos) + ", nodes=" + slots.size()
                + "]";
    }

    // ---------------------------------------------------------------- internals

    private boolean isRegistered(String name) {
        synchronized (this) {
            return slots.containsKey(name);
        }
    }

    private void onFault(Fault fault) {
        synchronized (this) {
            trace.record(now(), TraceEvent.Kind.FAULT, null, null, fault.getClass().getSimpleName(),
                    Map.of("fault", fault.toString()));
        }
    }

    private void start(Slot slot, int incarnation) {
        slot.incarnation = incarnation;
        slot.alive = true;
        SimContext ctx = new SimContext(slot, incarnation);
        Node node = dispatch(slot.name, "start (factory)", () -> slot.factory.get());
        if (node == null) {
            slot.alive = false;
            throw new NodeFailureException(slot.name, "the factory of node " + slot.name + " returned null (seed "
                    + seed + ")", seed, null);
        }
        slot.node = node;
        dispatch(slot.name, "onStart", () -> {
            node.onStart(ctx);
            return null;
        });
    }

    private void stop(Slot slot, boolean throwOnFailure) {
        slot.alive = false;
        for (SimTimer t : new ArrayList<>(slot.timers)) {
            t.cancel();
        }
        slot.timers.clear();
        Node node = slot.node;
        slot.node = null;
        if (node != null) {
            try {
                dispatch(slot.name, "onStop", () -> {
                    node.onStop();
                    return null;
                });
            } catch (NodeFailureException e) {
                if (throwOnFailure) {
                    throw e;
                }
                log.warn("{}", e.getMessage(), e.getCause());
            }
        }
    }

    /** Runs a node callback, turning what it throws into a {@link NodeFailureException}. */
    private <R> R dispatch(String node, String event, Supplier<R> callback) {
        String outer = dispatching;
        dispatching = node;
        try {
            return callback.get();
        } catch (RuntimeException | Error e) {
            String message = "node " + node + " failed in " + event + " at virtual time " + now() + " (seed "
                    + seed + "): " + e;
            trace.record(now(), TraceEvent.Kind.FAILURE, node, null, e.getClass().getSimpleName(),
                    Map.of("event", event, "error", String.valueOf(e.getMessage())));
            throw new NodeFailureException(node, message, seed, e);
        } finally {
            dispatching = outer;
        }
    }

    /** Sends one message through the network and schedules its deliveries. */
    private void transmit(String from, String to, Object message) {
        Objects.requireNonNull(message, "message");
        Slot target = slot(to);
        long id = nextMessageId++;
        String type = typeName(message);
        if (!target.alive) {
            traceSend(from, to, type, message, id, "dropped", "receiver down", List.of());
            return;
        }
        NetworkFaults.Plan plan = network.plan(from, to, nowNanos);
        if (plan.dropReason != null) {
            traceSend(from, to, type, message, id, "dropped", plan.dropReason, List.of());
            return;
        }
        List<Long> delays = new ArrayList<>(plan.deliveryNanos.length);
        for (long at : plan.deliveryNanos) {
            delays.add(at - nowNanos);
            enqueue(new Delivery(at, nextSequence++, target, target.incarnation, from, message, id, type));
        }
        traceSend(from, to, type, message, id, plan.deliveryNanos.length > 1 ? "duplicated" : "sent", null,
                delays);
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
        long size = sizeOf(message);
        if (size >= 0) {
            d.put("size", size);
        }
        trace.record(now(), TraceEvent.Kind.SEND, from, to, type, d);
    }

    private void enqueue(Event e) {
        queue.add(e);
        if (e.foreground) {
            foregroundPending++;
        }
    }

    /** The next live event, discarding cancelled ones at the head. */
    private Event head() {
        Event e = queue.peek();
        while (e != null && e.settled) {
            queue.poll();
            if (cancelledInQueue > 0) {
                cancelledInQueue--;
            }
            e = queue.peek();
        }
        return e;
    }

    /** Counts a timer cancelled while queued; removes all settled events once they are half the queue. */
    private void cancelledWhileQueued() {
        cancelledInQueue++;
        if (cancelledInQueue > COMPACT_THRESHOLD && cancelledInQueue > queue.size() / 2) {
            // The heap orders by (time, sequence), a total order: which events are live and the order in
            // which they are taken do not depend on the heap's layout, so removal changes no run.
            queue.removeIf(e -> e.settled);
            cancelledInQueue = 0;
        }
    }

    private static final int COMPACT_THRESHOLD = 4096;

    /** Processes {@code e} (the live head) and returns the updated count for the runaway guard. */
    private long step(Event e, long processed, long budget, String call) {
        if (processed >= budget) {
            throw new EventLimitExceededException("Simulation exceeded " + budget + " events in one " + call
                    + " (seed " + seed + ", virtual time now " + now() + ", next event " + e
                    + "): a runaway loop? Raise EngineConfig.maxEventsPerRun if the workload is legitimate;"
                    + " use NodeContext.scheduleBackground for periodic timers under runUntilIdle.", seed);
        }
        queue.poll();
        e.settle();
        if (e.time > nowNanos) {
            nowNanos = e.time;
        }
        eventsProcessed++;
        e.run();
        return processed + 1;
    }

    private Slot slot(String name) {
        Objects.requireNonNull(name, "node name");
        Slot slot = slots.get(name);
        if (slot == null) {
            throw new IllegalArgumentException("unknown node: " + name + " (registered: " + slots.keySet() + ")");
        }
        return slot;
    }

    private NodeUnavailableException unavailable(String node) {
        return new NodeUnavailableException(node, "node " + node + " is down (crashed) at virtual time " + now()
                + " (seed " + seed + ")");
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("engine is closed (seed " + seed + ")");
        }
    }

    private void checkRunnable(String call) {
        checkOpen();
        if (dispatching != null) {
            throw new IllegalStateException(call + " called from inside a callback of node " + dispatching
                    + ": nodes and call actions must never block or wait (seed " + seed + ")");
        }
    }

    static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }

    private static long plusSaturated(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    static String typeName(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.getClass().getSimpleName();
        return s.isEmpty() ? o.getClass().getName() : s;
    }

    static long sizeOf(Object message) {
        if (message instanceof SizedMessage sized) {
            return sized.sizeBytes();
        }
        if (message instanceof byte[] bytes) {
            return bytes.length;
        }
        return -1;
    }

    /** A timer key's text for the trace, only when it is deterministic. */
    static String keyText(Object key) {
        if (key instanceof String || key instanceof Number || key instanceof Enum<?> || key instanceof Boolean
                || key instanceof Character || key instanceof Record) {
            return String.valueOf(key);
        }
        return null;
    }

    // ---------------------------------------------------------------- nodes

    /** A registered node: its factory and current incarnation. */
    private static final class Slot {
        final String name;
        final Supplier<? extends Node> factory;
        int incarnation;
        boolean alive;
        Node node;
        final Set<SimTimer> timers = new LinkedHashSet<>();

        Slot(String name, Supplier<? extends Node> factory) {
            this.name = name;
            this.factory = factory;
        }
    }

    private final class SimContext implements NodeContext {
        private final Slot slot;
        private final int incarnation;
        private final RandomGenerator random;

        SimContext(Slot slot, int incarnation) {
            this.slot = slot;
            this.incarnation = incarnation;
            this.random = Seeds.random(seed, "node/" + slot.name + "/" + incarnation);
        }

        private boolean dead() {
            return !slot.alive || slot.incarnation != incarnation;
        }

        @Override
        public String self() {
            return slot.name;
        }

        @Override
        public Instant now() {
            return SimulatedEngine.this.now();
        }

        @Override
        public RandomGenerator random() {
            return random;
        }

        @Override
        public void send(String to, Object message) {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(message, "message");
            synchronized (SimulatedEngine.this) {
                if (dead()) {
                    return;
                }
                if (!slots.containsKey(to)) {
                    log.warn("node {} sent {} to unknown node {}: dropped (seed {})", slot.name, typeName(message),
                            to, seed);
                    traceSend(slot.name, to, typeName(message), message, nextMessageId++, "dropped", "unknown node",
                            List.of());
                    return;
                }
                transmit(slot.name, to, message);
            }
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
            requireNonNegative(delay, "delay");
            Objects.requireNonNull(timerKey, "timerKey");
            synchronized (SimulatedEngine.this) {
                SimTimer t = new SimTimer(plusSaturated(nowNanos, delay.toNanos()), nextSequence++, slot, incarnation,
                        timerKey, background);
                if (dead()) {
                    t.settled = true;
                    t.cancelled = true;
                    return t;
                }
                slot.timers.add(t);
                enqueue(t);
                return t;
            }
        }

        @Override
        public void record(String event, Map<String, ?> details) {
            Objects.requireNonNull(event, "event");
            synchronized (SimulatedEngine.this) {
                trace.record(SimulatedEngine.this.now(), TraceEvent.Kind.STATE, slot.name, null, event, details);
            }
        }

        @Override
        public <T> void offload(Supplier<? extends T> work, Consumer<Supplier<T>> then) {
            Objects.requireNonNull(work, "work");
            Objects.requireNonNull(then, "then");
            if (dead()) {
                return;
            }
            then.accept(NodeContext.outcomeOf(work));
        }

        @Override
        public String toString() {
            return "NodeContext[" + slot.name + "#" + incarnation + "]";
        }
    }

    // ---------------------------------------------------------------- events

    /** A queued event, ordered by (time, sequence). */
    private abstract class Event implements Comparable<Event> {
        /** When it is due; moved only by {@link #suspendFor}, which shifts every queued event alike. */
        long time;
        final long sequence;
        final boolean foreground;
        /** Taken off the books: processed, or cancelled. */
        boolean settled;

        Event(long time, long sequence, boolean foreground) {
            this.time = time;
            this.sequence = sequence;
            this.foreground = foreground;
        }

        /** Marks it processed or cancelled; idempotent. */
        final void settle() {
            if (!settled) {
                settled = true;
                if (foreground) {
                    foregroundPending--;
                }
            }
        }

        abstract void run();

        @Override
        public final int compareTo(Event o) {
            int c = Long.compare(time, o.time);
            return c != 0 ? c : Long.compare(sequence, o.sequence);
        }
    }

    private final class Delivery extends Event {
        final Slot target;
        final int incarnation;
        final String from;
        final Object message;
        final long id;
        final String type;

        Delivery(long time, long sequence, Slot target, int incarnation, String from, Object message, long id,
                String type) {
            super(time, sequence, true);
            this.target = target;
            this.incarnation = incarnation;
            this.from = from;
            this.message = message;
            this.id = id;
            this.type = type;
        }

        @Override
        void run() {
            if (!target.alive || target.incarnation != incarnation) {
                trace.record(now(), TraceEvent.Kind.DISCARD, target.name, from, type,
                        Map.of("what", "message", "id", id));
                return;
            }
            trace.record(now(), TraceEvent.Kind.DELIVER, target.name, from, type, Map.of("id", id));
            Node node = target.node;
            dispatch(target.name, "onMessage(" + type + " #" + id + " from " + from + ")", () -> {
                node.onMessage(from, message);
                return null;
            });
        }

        @Override
        public String toString() {
            return "message " + type + " #" + id + " " + from + " -> " + target.name + " at " + epoch.plusNanos(time);
        }
    }

    private final class SimTimer extends Event implements TimerHandle {
        final Slot slot;
        final int incarnation;
        final Object key;
        final boolean background;
        boolean cancelled;

        SimTimer(long time, long sequence, Slot slot, int incarnation, Object key, boolean background) {
            super(time, sequence, !background);
            this.slot = slot;
            this.incarnation = incarnation;
            this.key = key;
            this.background = background;
        }

        @Override
        public void cancel() {
            synchronized (SimulatedEngine.this) {
                if (!settled) {
                    cancelled = true;
                    settle();
                    slot.timers.remove(this);
                    cancelledWhileQueued();
                }
            }
        }

        @Override
        public boolean isCancelled() {
            synchronized (SimulatedEngine.this) {
                return cancelled;
            }
        }

        @Override
        void run() {
            slot.timers.remove(this);
            if (!slot.alive || slot.incarnation != incarnation) {
                return; // unreachable: timers are cancelled on crash
            }
            if (trace.isEnabled()) {
                Map<String, Object> d = new LinkedHashMap<>();
                String text = keyText(key);
                if (text != null) {
                    d.put("key", text);
                }
                d.put("background", background);
                trace.record(now(), TraceEvent.Kind.TIMER, slot.name, null, typeName(key), d);
            }
            Node node = slot.node;
            dispatch(slot.name, "onTimer(" + typeName(key) + ")", () -> {
                node.onTimer(key);
                return null;
            });
        }

        @Override
        public String toString() {
            return (background ? "background " : "") + "timer " + typeName(key) + " of " + slot.name + " at "
                    + epoch.plusNanos(time);
        }
    }

    private final class CallEvent<T> extends Event {
        final Slot slot;
        final int incarnation;
        final Function<? super Node, ? extends T> action;
        final CompletableFuture<T> future;

        CallEvent(long time, long sequence, Slot slot, int incarnation, Function<? super Node, ? extends T> action,
                CompletableFuture<T> future) {
            super(time, sequence, true);
            this.slot = slot;
            this.incarnation = incarnation;
            this.action = action;
            this.future = future;
        }

        @Override
        void run() {
            if (!slot.alive || slot.incarnation != incarnation) {
                trace.record(now(), TraceEvent.Kind.DISCARD, slot.name, null, null, Map.of("what", "call"));
                future.completeExceptionally(unavailable(slot.name));
                return;
            }
            trace.record(now(), TraceEvent.Kind.CALL, slot.name, null, null, Map.of());
            Node node = slot.node;
            String outer = dispatching;
            dispatching = slot.name;
            T result;
            try {
                result = action.apply(node);
            } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
                return;
            } finally {
                dispatching = outer;
            }
            future.complete(result);
        }

        @Override
        public String toString() {
            return "call on " + slot.name + " at " + epoch.plusNanos(time);
        }
    }
}
