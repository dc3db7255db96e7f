package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code common.Envelope}: an encoded {@link Payload} and the creator's signature over exactly those bytes.
 *
 * @param payload the encoded payload
 * @param signature the creator's signature
 */
public record Envelope(Bytes payload, Bytes signature) {
    /** Validates. */
    public Envelope {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(signature, "signature");
    }
}
