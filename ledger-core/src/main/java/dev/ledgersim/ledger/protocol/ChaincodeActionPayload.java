package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.ChaincodeActionPayload}: the proposal payload (without transient data) and the endorsed action.
 *
 * @param chaincodeProposalPayload the invocation, transient map empty
 * @param action the endorsed action
 */
public record ChaincodeActionPayload(ChaincodeProposalPayload chaincodeProposalPayload, ChaincodeEndorsedAction action) {
    /** Validates. */
    public ChaincodeActionPayload {
        Objects.requireNonNull(chaincodeProposalPayload, "chaincodeProposalPayload");
        Objects.requireNonNull(action, "action");
    }
}
