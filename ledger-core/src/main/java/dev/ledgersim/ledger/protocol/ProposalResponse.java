package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.ProposalResponse}: an endorser's answer.
 *
 * @param version protocol version (1)
 * @param timestamp when the endorser answered (simulated clock)
 * @param response the chaincode's status, message and result
 * @param payload the encoded {@link ProposalResponsePayload}; byte-identical across agreeing endorsers
 * @param endorsement the endorsement, or {@code null} when the status is 400 or more
 */
public record ProposalResponse(int version, Timestamp timestamp, Response response, Bytes payload, Endorsement endorsement) {
    /** Validates. */
    public ProposalResponse {
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(payload, "payload");
    }
}
