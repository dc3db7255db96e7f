package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.Proposal}: a request to endorse, signed by the client as a {@link SignedProposal}.
 *
 * @param header channel header (type ENDORSER_TRANSACTION, txid, chaincode) and signature header
 * @param payload the invocation and the transient map
 */
public record Proposal(Header header, ChaincodeProposalPayload payload) {
    /** Validates. */
    public Proposal {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }
}
