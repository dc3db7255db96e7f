package dev.ledgersim.network.runtime;

import dev.ledgersim.msp.CaConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How to build an {@link Engine}; a validated value with {@link #defaults()} and withers.
 *
 * @param seed the seed every random decision derives from
 * @param epoch where virtual time starts (simulated engine); default {@link CaConfig#DEFAULT_VALID_FROM}
 *     (2025-01-01T00:00:00Z), so certificates issued with the default CA configuration are valid
 * @param defaultLink the behaviour of every link not configured otherwise; default reliable FIFO, 1 ms
 * @param maxEventsPerRun the runaway-loop guard of the simulated engine: the most events one
 *     {@code runFor}, {@code runUntilIdle} or {@code await} may process before
 *     {@link EventLimitExceededException}; default 10,000,000
 * @param traceEnabled whether the trace records anything (disable it for throughput runs); default true
 * @param traceCapacity the most trace events kept in memory; beyond it the oldest are discarded (and
 *     counted); default {@link TraceRecorder#DEFAULT_CAPACITY}
 * @param idleTimeout how long the concurrent engine's {@code runUntilIdle} waits (wall time) before
 *     {@link RuntimeTimeoutException}; default 5 minutes
 */
public record EngineConfig(long seed, Instant epoch, LinkConfig defaultLink, long maxEventsPerRun,
        boolean traceEnabled, int traceCapacity, Duration idleTimeout) {

    /** Default of {@link #maxEventsPerRun()}. */
    public static final long DEFAULT_MAX_EVENTS_PER_RUN = 10_000_000L;

    /** Validates. */
    public EngineConfig {
        Objects.requireNonNull(epoch, "epoch");
        Objects.requireNonNull(defaultLink, "defaultLink");
        if (maxEventsPerRun < 1) {
            throw new IllegalArgumentException("maxEventsPerRun must be positive: " + maxEventsPerRun);
        }
        if (traceCapacity < 1) {
            throw new IllegalArgumentException("traceCapacity must be positive: " + traceCapacity);
        }
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
    }

    /** Seed 0 and the defaults documented on the components. */
    public static EngineConfig defaults() {
        return new EngineConfig(0L, CaConfig.DEFAULT_VALID_FROM, LinkConfig.defaults(),
                DEFAULT_MAX_EVENTS_PER_RUN, true, TraceRecorder.DEFAULT_CAPACITY, Duration.ofMinutes(5));
    }

    /** With another seed. */
    public EngineConfig withSeed(long newSeed) {
        return new EngineConfig(newSeed, epoch, defaultLink, maxEventsPerRun, traceEnabled, traceCapacity,
                idleTimeout);
    }

    /** With another start of virtual time. */
    public EngineConfig withEpoch(Instant newEpoch) {
        return new EngineConfig(seed, newEpoch, defaultLink, maxEventsPerRun, traceEnabled, traceCapacity,
                idleTimeout);
    }

    /** With another default link. */
    public EngineConfig withDefaultLink(LinkConfig link) {
        return new EngineConfig(seed, epoch, link, maxEventsPerRun, traceEnabled, traceCapacity, idleTimeout);
    }

    /** With another runaway-loop guard. */
    public EngineConfig withMaxEventsPerRun(long max) {
        return new EngineConfig(seed, epoch, defaultLink, max, traceEnabled, traceCapacity, idleTimeout);
    }

    /** With tracing on or off. */
    public EngineConfig withTraceEnabled(boolean enabled) {
        return new EngineConfig(seed, epoch, defaultLink, maxEventsPerRun, enabled, traceCapacity,
                idleTimeout);
    }

    /** With another trace capacity. */
    public EngineConfig withTraceCapacity(int capacity) {
        return new EngineConfig(seed, epoch, defaultLink, maxEventsPerRun, traceEnabled, capacity,
                idleTimeout);
    }

    /** With another concurrent idle timeout. */
    public EngineConfig withIdleTimeout(Duration timeout) {
        return new EngineConfig(seed, epoch, defaultLink, maxEventsPerRun, traceEnabled, traceCapacity,
                timeout);
    }
}
