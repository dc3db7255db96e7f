package dev.ledgersim.contract;

import java.nio.charset.StandardCharsets;

/**
 * The exception a contract throws to fail a transaction with a message (and optionally a payload)
 * for the client, as Fabric Java's {@code ChaincodeException}.
 *
 * <p>When a transaction function, a hook or the contract's context factory throws it, the endorser
 * returns an error response carrying {@link #getMessage()} and {@link #getPayload()}, and produces no
 * endorsement. Every other exception a contract throws, {@link Error}s included, is contained by
 * LedgerSim: it is wrapped into a {@code ChaincodeException} whose message names the transaction and
 * the exception, so a buggy contract never crashes a peer.
 *
 * <p>Subclasses may carry application-specific error details; they should make {@link #getPayload()}
 * return a serialized form a client in any language can read.
 */
public class ChaincodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The response payload; {@code null} when there is none. Never exposed without copying. */
    private final byte[] payload;

    /** A failure with {@code message} and no payload. */
    public ChaincodeException(String message) {
        super(message);
        this.payload = null;
    }

    /** A failure with {@code message} and {@code payload} (its UTF-8 bytes); a null payload means none. */
    public ChaincodeException(String message, String payload) {
        super(message);
        this.payload = payload == null ? null : payload.getBytes(StandardCharsets.UTF_8);
    }

    /** A failure with {@code message} and a copy of {@code payload}; a null payload means none. */
    public ChaincodeException(String message, byte[] payload) {
        super(message);
        this.payload = payload == null ? null : payload.clone();
    }

    /** A failure caused by {@code cause}; the message is the cause's {@code toString()}, as {@link RuntimeException}. */
    public ChaincodeException(Throwable cause) {
        super(cause);
        this.payload = null;
    }

    /** A failure with {@code message}, caused by {@code cause}, with no payload. */
    public ChaincodeException(String message, Throwable cause) {
        super(message, cause);
        this.payload = null;
    }

    /** A failure with {@code message}, a copy of {@code payload} (null means none) and {@code cause}. */
    public ChaincodeException(String message, byte[] payload, Throwable cause) {
        super(message, cause);
        this.payload = payload == null ? null : payload.clone();
    }

    /** A failure with {@code message}, {@code payload} as UTF-8 (null means none) and {@code cause}. */
    public ChaincodeException(String message, String payload, Throwable cause) {
        super(message, cause);
        this.payload = payload == null ? null : payload.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The response payload for the client: a fresh copy on each call, or {@code null} when the
     * exception carries none.
     */
    public byte[] getPayload() {
        return payload == null ? null : payload.clone();
    }
}
