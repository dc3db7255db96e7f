package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.TransactionAction}: the proposal's signature header and the action payload.
 *
 * @param header the proposal's signature header
 * @param payload the endorsed chaincode action
 */
public record TransactionAction(SignatureHeader header, ChaincodeActionPayload payload) {
    /** Validates. */
    public TransactionAction {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }
}
