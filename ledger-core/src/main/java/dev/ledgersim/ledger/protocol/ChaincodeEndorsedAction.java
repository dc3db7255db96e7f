package dev.ledgersim.ledger.protocol;

import java.util.List;
import java.util.Objects;

/**
 * {@code peer.ChaincodeEndorsedAction}: the endorsed response payload, kept as the exact bytes the
 * endorsers signed, and the endorsements.
 *
 * @param proposalResponsePayload the encoded {@link ProposalResponsePayload}
 * @param endorsements one per endorser, de-duplicated by endorser
 */
public record ChaincodeEndorsedAction(Bytes proposalResponsePayload, List<Endorsement> endorsements) {
    /** Validates and copies. */
    public ChaincodeEndorsedAction {
        Objects.requireNonNull(proposalResponsePayload, "proposalResponsePayload");
        endorsements = List.copyOf(endorsements);
    }
}
