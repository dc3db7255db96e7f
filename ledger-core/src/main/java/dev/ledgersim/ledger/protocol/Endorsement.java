package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.Endorsement}: an endorser's identity and its signature over
 * {@code proposalResponsePayloadBytes || endorser}.
 *
 * @param endorser the endorsing peer's serialized identity
 * @param signature the signature
 */
public record Endorsement(Bytes endorser, Bytes signature) {
    /** Validates. */
    public Endorsement {
        Objects.requireNonNull(endorser, "endorser");
        Objects.requireNonNull(signature, "signature");
    }
}
