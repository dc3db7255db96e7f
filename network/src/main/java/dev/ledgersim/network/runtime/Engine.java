package dev.ledgersim.network.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The runtime that drives every {@link Node}: it delivers messages through a simulated network with
 * faults ({@link #faults()}), fires timers, runs actions on nodes, crashes and restarts them, and records
 * a {@link #trace()}. Two backends implement it with the same node code:
 * <ul>
 *   <li>{@link SimulatedEngine}: one thread (the caller's), virtual time, one event queue ordered by
 *   (time, sequence), every random decision derived from the seed. Nothing happens between calls: time
 *   advances only inside {@link #runFor}, {@link #runUntilIdle} and {@link #await}. Same seed and same
 *   calls give the same event order and the same trace.</li>
 *   <li>{@link ConcurrentEngine}: wall-clock time, every node an actor on a thread pool. Events happen
 *   all the time; {@code runFor}/{@code runUntilIdle}/{@code await} only wait.</li>
 * </ul>
 * Build one with {@link Engines#create}.
 *
 * <p><b>Threads.</b> The simulated engine must be used by one thread at a time (its methods are
 * synchronized, but a second thread destroys determinism). The concurrent engine is thread-safe.
 * Neither may be waited on ({@code runFor}, {@code runUntilIdle}, {@code await}) from inside a node
 * callback or a {@link #call} action: that throws {@link IllegalStateException}.
 *
 * <p><b>Errors.</b> Every exception raised by an engine names the seed, so a failing run can be
 * reproduced from it.
 */
public interface Engine extends AutoCloseable {

    /** The seed every random decision of this run derives from. */
    long seed();

    /** Whether this is the deterministic, virtual-time engine. */
    boolean isSimulated();

    /**
     * Adds a node and starts it: builds an instance with {@code factory} and calls
     * {@link Node#onStart}. The simulated engine does so before returning; the concurrent engine
     * enqueues it as the first event of the node. The factory is kept for {@link #restart}; it is called
     * on the node's turn and must return a new instance each time.
     *
     * @throws IllegalArgumentException if the name is blank or already registered
     */
    void register(String name, Supplier<? extends Node> factory);

    /**
     * Crashes a running node: {@link Node#onStop} is called and the instance dropped; messages in flight
     * to it, its queued events and its timers are discarded; {@link #call}s queued for it fail with
     * {@link NodeUnavailableException}. A no-op if it is already down. Messages it sent before are still
     * delivered. The concurrent engine returns once {@code onStop} has run (unless called from a node
     * thread).
     *
     * @throws IllegalArgumentException for an unknown node
     */
    void crash(String name);

    /**
     * Restarts a node with a fresh instance from its factory ({@link Node#onStart} with a new
     * {@link NodeContext}); it recovers from its own storage. Restarting a running node crashes it first
     * (a reboot).
     *
     * @throws IllegalArgumentException for an unknown node
     */
    void restart(String name);

    /** Whether the node is registered and not crashed. */
    boolean isAlive(String name);

    /** The registered node names (alive or crashed), sorted; an unmodifiable snapshot. */
    Set<String> nodes();

    /**
     * Runs {@code action} on the node's turn, as an event of its own (after the events already due now):
     * how API code talks to a node. The future completes with the action's result, or exceptionally with
     * what it threw, or with {@link NodeUnavailableException} if the node is down (or crashes before the
     * action runs). The future is completed on the node's thread: do not block in dependent stages.
     * In the simulated engine the action runs only while the engine runs ({@link #await},
     * {@link #runFor}, {@link #runUntilIdle}).
     *
     * @throws IllegalArgumentException for an unknown node
     */
    <T> CompletableFuture<T> call(String node, Function<? super Node, ? extends T> action);

    /**
     * {@link #call(String, Function)} with the node cast to {@code type}; the future fails with
     * {@link ClassCastException} naming both types if the node is of another class.
     */
    default <N extends Node, T> CompletableFuture<T> call(String node, Class<N> type,
            Function<? super N, ? extends T> action) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(action, "action");
        return call(node, n -> {
            if (!type.isInstance(n)) {
                throw new ClassCastException("node " + node + " is a " + n.getClass().getName()
                        + ", not a " + type.getName());
            }
            return action.apply(type.cast(n));
        });
    }

    /**
     * Injects a message from outside, through the network link {@code from -> to} (latency and faults
     * apply). {@code from} need not be a registered node (e.g. a client's name); {@code to} must be.
     *
     * @throws IllegalArgumentException if {@code to} is not registered
     */
    void send(String from, String to, Object message);

    /** The engine's current time: virtual (simulated) or wall clock (concurrent). */
    Instant now();

    /**
     * Simulated: processes every event due within the next {@code duration} of virtual time, then sets
     * the clock to exactly {@code now + duration}. Concurrent: waits {@code duration} of wall time.
     *
     * @throws IllegalArgumentException if negative
     * @throws EventLimitExceededException (simulated) if more than the configured
     *     {@link EngineConfig#maxEventsPerRun()} events are processed
     */
    void runFor(Duration duration);

    /**
     * Switches the whole network off for {@code duration} and back on, as a data centre powered down
     * over a holiday: nothing happens meanwhile — no timer fires, no message moves — and afterwards the
     * clock reads {@code duration} later and every pending timer and message is due that much later,
     * in the same order. Lets a test cross years (retention periods, certificate expiry) without
     * simulating every heartbeat in between. Identities enrolled afterwards are valid from the new time;
     * those enrolled before keep their validity dates.
     *
     * @throws IllegalArgumentException if negative
     * @throws UnsupportedOperationException in the concurrent runtime, whose clock is the wall clock
     */
    void suspendFor(Duration duration);

    /**
     * Runs until nothing is left to do but background timers ({@link NodeContext#scheduleBackground}):
     * no message in flight or queued, no call pending, no foreground timer pending. Background timers due
     * in between fire as usual. Simulated: virtual time stops at the last event processed. Concurrent:
     * waits for that state, up to {@link EngineConfig#idleTimeout()} of wall time.
     *
     * @throws EventLimitExceededException (simulated) on a runaway loop
     * @throws RuntimeTimeoutException (concurrent) if not idle within the idle timeout
     */
    void runUntilIdle();

    /** {@link #await(CompletableFuture, Duration, String)} describing the wait as "a future". */
    default <T> T await(CompletableFuture<T> future, Duration timeout) {
        return await(future, timeout, "a future");
    }

    /**
     * Waits for {@code future} and returns its value. Simulated: processes events (advancing virtual
     * time) until the future completes; if virtual time would pass {@code now + timeout}, or no event is
     * left, the clock is set to the deadline and {@link RuntimeTimeoutException} is thrown. Concurrent:
     * waits up to {@code timeout} of wall time.
     *
     * <p>If the future failed, its cause is rethrown as is when unchecked (a
     * {@link RuntimeException} or {@link Error}), wrapped in {@link java.util.concurrent.CompletionException}
     * otherwise.
     *
     * @param what describes the awaited result for the timeout message, e.g. {@code "commit of tx 1a2b"}
     * @throws RuntimeTimeoutException naming {@code what}, the timeout, the time and the seed
     */
    <T> T await(CompletableFuture<T> future, Duration timeout, String what);

    /** The simulated network: link configurations, partitions; thread-safe. */
    NetworkFaults faults();

    /** The trace of this run. */
    TraceRecorder trace();

    /**
     * Applies a typed fault: crash and restart through this engine, the others through
     * {@link #faults()}.
     */
    default void inject(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        if (fault instanceof Fault.Crash crash) {
            crash(crash.node());
        } else if (fault instanceof Fault.Restart restart) {
            restart(restart.node());
        } else {
            faults().apply(fault);
        }
    }

    /**
     * Stops every running node ({@link Node#onStop}) and releases the engine; the concurrent engine shuts
     * its pools down and joins their threads. Idempotent; never throws for node failures (they are
     * logged).
     */
    @Override
    void close();
}
