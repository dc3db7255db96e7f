package dev.ledgersim.network.runtime;

/** A {@link Engine#call} could not run because the node is crashed (or crashed before its turn). */
public final class NodeUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String node;

    /** Creates the exception for {@code node}; {@code message} is the full text. */
    public NodeUnavailableException(String node, String message) {
        super(message);
        this.node = node;
    }

    /** The node that was down. */
    public String node() {
        return node;
    }
}
