package dev.ledgersim.msp;

import java.util.Objects;

/**
 * An identity was refused by an MSP, or could not be read at all. The message says what was wrong and
 * with which identity; {@link #reason()} says it in a form a program can match on.
 */
public final class MspException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an identity was refused. */
    public enum Reason {
        /** The bytes are not a serialized identity with one PEM certificate. */
        MALFORMED,
        /** No MSP of that id is known here (e.g. an org that is not a channel member). */
        UNKNOWN_MSP,
        /** The certificate is a CA certificate, which cannot act as an identity. */
        CA_CERTIFICATE,
        /** The certificate does not chain to a CA of the MSP (or chains to a non-leaf CA). */
        BAD_CHAIN,
        /** The certificate's serial is on a CRL issued by its CA. */
        REVOKED,
        /** The certificate's validity has ended (checked only where Fabric checks it). */
        EXPIRED,
        /** The certificate does not carry exactly one of the client/peer/admin/orderer OUs. */
        ROLE,
        /** An identity that only verifies was asked to sign. */
        NO_SIGNING_KEY
    }

    private final Reason reason;

    /** An MSP failure for {@code reason}, described by {@code message}. */
    public MspException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** An MSP failure for {@code reason}, described by {@code message}, caused by {@code cause}. */
    public MspException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** Why the identity was refused. */
    public Reason reason() {
        return reason;
    }
}
