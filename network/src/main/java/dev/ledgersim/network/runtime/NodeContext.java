package dev.ledgersim.network.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * What a {@link Node} instance may do, handed to it in {@link Node#onStart}. One context per node
 * instance (incarnation): after a crash the old context is dead — its sends are discarded and its
 * timers never fire — and the restarted instance receives a new one.
 *
 * <p>Call these methods only from the node's own callbacks ({@code onStart}, {@code onMessage},
 * {@code onTimer}, or an action run by {@link Engine#call}). Nothing here blocks.
 */
public interface NodeContext {

    /** This node's name, as registered. */
    String self();

    /**
     * The current time: virtual time in the simulated engine (it starts at the configured epoch and
     * moves only between events), the wall clock in the concurrent engine. The only clock a node may
     * read.
     */
    Instant now();

    /**
     * This node instance's random source. In the simulated engine it is derived from the run's seed,
     * the node's name and its incarnation number, so the same seed gives the same draws; it is not
     * shared with any other node. Not thread-safe: use it only from the node's callbacks.
     */
    RandomGenerator random();

    /**
     * Sends {@code message} to node {@code to} through the simulated network: the link
     * {@code self() -> to} applies its latency, loss, duplication, reordering and partitions
     * ({@link NetworkFaults}). Sending to oneself is allowed and also goes through a link. Fire and
     * forget: there is no error when the message is lost or the receiver is down. Until faults are
     * configured every link is reliable and FIFO.
     *
     * <p>A message to a name that is not registered (yet) is dropped like one to a crashed node: traced
     * as a dropped {@link TraceEvent.Kind#SEND} with reason {@code "unknown node"} and logged as a
     * warning. So nodes may be registered in any order, even if one sends to another from
     * {@code onStart}.
     *
     * @param to a node name
     * @param message an immutable object (a {@code record}); passed by reference, never copied. If it
     *     implements {@link SizedMessage} its size appears in the trace.
     */
    void send(String to, Object message);

    /**
     * Schedules {@link Node#onTimer}{@code (timerKey)} after {@code delay} (zero allowed: after the
     * events already due now). A <em>foreground</em> timer: {@link Engine#runUntilIdle()} keeps running
     * while it is pending. Use it for work whose completion matters (a batch timeout, a retry of a
     * request in flight), and cancel it once it is moot (the reply came): a forgotten 30 s request
     * timeout makes {@code runUntilIdle} advance virtual time by 30 s.
     *
     * @throws IllegalArgumentException if {@code delay} is negative
     */
    TimerHandle schedule(Duration delay, Object timerKey);

    /**
     * Like {@link #schedule}, but a <em>background</em> timer: pending background timers alone do not
     * keep {@link Engine#runUntilIdle()} running (they still fire, in order, while it runs and during
     * {@link Engine#runFor}). Use it for periodic housekeeping that would otherwise never let the network
     * be idle: Raft ticks, heartbeats, gossip anti-entropy, deliver polling.
     */
    TimerHandle scheduleBackground(Duration delay, Object timerKey);

    /**
     * Records a state change in the trace ({@link TraceEvent.Kind#STATE}): e.g. {@code "block cut"},
     * {@code "leader elected"}. Values are copied at once: numbers, booleans, strings, enums, byte arrays
     * (as hex), durations, instants, collections and maps of those; anything else as
     * {@code String.valueOf}. Map keys are sorted in the output. A no-op when tracing is disabled.
     */
    void record(String event, Map<String, ?> details);

    /** {@link #record(String, Map)} without details. */
    default void record(String event) {
        record(event, Map.of());
    }

    /**
     * Runs {@code work} away from this node's events where the engine can, then {@code then} as an event of
     * this node, given the outcome: a supplier that returns {@code work}'s result or throws what it threw.
     * The concurrent engine runs {@code work} on its pool while the node goes on handling other events (as
     * a Fabric peer endorses while it validates a block), and drops {@code then} if the node crashed
     * meanwhile; pending work keeps {@link Engine#runUntilIdle()} running. The simulated engine, which has
     * no model of CPU time, runs both at once as part of the current event, so runs stay deterministic.
     *
     * <p>{@code work} runs on another thread in the concurrent engine: it must only read state that is
     * thread-safe to read and that the node leaves unchanged until {@code then} runs, and must not use this
     * context.
     */
    <T> void offload(Supplier<? extends T> work, Consumer<Supplier<T>> then);

    /** The outcome of running {@code work}: a supplier of its result, or one that throws what it threw. */
    static <T> Supplier<T> outcomeOf(Supplier<? extends T> work) {
        try {
            T result = work.get();
            return () -> result;
        } catch (RuntimeException e) {
            return () -> {
                throw e;
            };
        } catch (Error e) {
            return () -> {
                throw e;
            };
        }
    }
}
