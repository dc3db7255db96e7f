package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.Response}: the outcome of running a chaincode. Status 200 is success; 400..499 an error
 * the endorser returns without endorsing; 500 and above a chaincode error.
 *
 * @param status HTTP-like status
 * @param message error message, empty on success
 * @param payload the function's result
 */
public record Response(int status, String message, Bytes payload) {
    /** Fabric's OK status. */
    public static final int OK = 200;
    /** Statuses from here on are errors returned without an endorsement. */
    public static final int ERROR_THRESHOLD = 400;
    /** Fabric's (shim) ERROR status. */
    public static final int ERROR = 500;

    /** Validates. */
    public Response {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(payload, "payload");
    }

    /** A 200 response with {@code payload}. */
    public static Response ok(Bytes payload) {
        return new Response(OK, "", payload);
    }

    /** A 500 response with {@code message}. */
    public static Response error(String message) {
        return new Response(ERROR, message, Bytes.EMPTY);
    }
}
