package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.SignedProposal}: the encoded proposal and the creator's signature over exactly those bytes.
 *
 * @param proposalBytes the canonical encoding of a {@link Proposal}
 * @param signature the creator's signature over {@code proposalBytes}
 */
public record SignedProposal(Bytes proposalBytes, Bytes signature) {
    /** Validates. */
    public SignedProposal {
        Objects.requireNonNull(proposalBytes, "proposalBytes");
        Objects.requireNonNull(signature, "signature");
    }
}
