package dev.ledgersim.network.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * An {@link Engine#await} (or a concurrent {@link Engine#runUntilIdle}) gave up: the awaited result did
 * not exist within the timeout, of virtual time in the simulated engine, of wall time in the concurrent
 * one. The message names what waited, how long, the engine's time and the seed.
 */
public final class RuntimeTimeoutException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String what;
    private final transient Duration timeout;
    private final long seed;

    /** Creates the exception; {@code message} is the full text. */
    public RuntimeTimeoutException(String message, String what, Duration timeout, long seed) {
        super(message);
        this.what = Objects.requireNonNull(what, "what");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.seed = seed;
    }

    /** What was awaited. */
    public String what() {
        return what;
    }

    /** How long it was awaited. */
    public Duration timeout() {
        return timeout;
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }
}
