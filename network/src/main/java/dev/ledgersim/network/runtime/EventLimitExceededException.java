package dev.ledgersim.network.runtime;

/**
 * The simulated engine processed more than {@link EngineConfig#maxEventsPerRun()} events in one
 * {@code runFor}, {@code runUntilIdle} or {@code await}: most likely a runaway loop (nodes messaging
 * each other forever, or a foreground timer rescheduled forever under {@code runUntilIdle}). The
 * message names the call, the virtual time and the seed.
 */
public final class EventLimitExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long seed;

    /** Creates the exception; {@code message} is the full text. */
    public EventLimitExceededException(String message, long seed) {
        super(message);
        this.seed = seed;
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }
}
