package dev.ledgersim.network.runtime;

/**
 * A node callback threw: a bug in the node. The message names the node, the event it was handling, the
 * engine's time and the seed; the cause is what it threw.
 */
public final class NodeFailureException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String node;
    private final long seed;

    /** Creates the exception; {@code message} is the full text. */
    public NodeFailureException(String node, String message, long seed, Throwable cause) {
        super(message, cause);
        this.node = node;
        this.seed = seed;
    }

    /** The node that failed. */
    public String node() {
        return node;
    }

    /** The run's seed. */
    public long seed() {
        return seed;
    }
}
