package dev.ledgersim.gateway;

/** A gateway call failed; subclasses say at which step. */
public class GatewayException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String transactionId;

    /** A failure of transaction {@code transactionId} (may be empty) described by {@code message}. */
    public GatewayException(String transactionId, String message) {
        super(message);
        this.transactionId = transactionId == null ? "" : transactionId;
    }

    /** The transaction concerned, or empty. */
    public String getTransactionId() {
        return transactionId;
    }
}
