package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.ProposalResponsePayload}: what every endorser signs (followed by its own serialized identity).
 *
 * @param proposalHash {@code SHA-256(channelHeaderBytes || signatureHeaderBytes || proposalPayloadBytes without transient)}
 * @param extension the chaincode action
 */
public record ProposalResponsePayload(Bytes proposalHash, ChaincodeAction extension) {
    /** Validates. */
    public ProposalResponsePayload {
        Objects.requireNonNull(proposalHash, "proposalHash");
        Objects.requireNonNull(extension, "extension");
    }
}
