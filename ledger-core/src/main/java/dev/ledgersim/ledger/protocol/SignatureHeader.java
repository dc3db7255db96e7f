package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code common.SignatureHeader}: who signs, and a nonce that makes the txid unique.
 *
 * @param creator the serialized identity of the signer (MSP id + PEM certificate)
 * @param nonce random bytes from the seeded source
 */
public record SignatureHeader(Bytes creator, Bytes nonce) {
    /** Validates. */
    public SignatureHeader {
        Objects.requireNonNull(creator, "creator");
        Objects.requireNonNull(nonce, "nonce");
    }
}
