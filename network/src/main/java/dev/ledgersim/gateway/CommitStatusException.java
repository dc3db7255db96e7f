package dev.ledgersim.gateway;

/**
 * The commit status could not be obtained: the transaction did not commit in time (it may have been
 * dropped by an orderer leader change — resubmitting is safe: a second copy commits as DUPLICATE_TXID) or
 * the gateway peer is down.
 */
public class CommitStatusException extends GatewayException {

    private static final long serialVersionUID = 1L;

    /** The status of {@code transactionId} is unknown, for the reason {@code message}. */
    public CommitStatusException(String transactionId, String message) {
        super(transactionId, message);
    }
}
