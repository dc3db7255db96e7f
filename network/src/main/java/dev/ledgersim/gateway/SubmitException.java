package dev.ledgersim.gateway;

/** The orderer refused the transaction (e.g. 403 FORBIDDEN, 400 BAD_REQUEST, 503 SERVICE_UNAVAILABLE). */
public class SubmitException extends GatewayException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** The orderer answered {@code status} with {@code message}. */
    public SubmitException(String transactionId, int status, String message) {
        super(transactionId, message);
        this.status = status;
    }

    /** The broadcast status code. */
    public int getStatus() {
        return status;
    }
}
