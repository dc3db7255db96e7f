package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.ChaincodeEvent}: the one event a transaction may set (the last {@code setEvent} wins).
 *
 * @param chaincodeId the chaincode that set it
 * @param txId the transaction
 * @param eventName the name given by the contract
 * @param payload the contract's bytes
 */
public record ChaincodeEvent(String chaincodeId, String txId, String eventName, Bytes payload) {
    /** Validates. */
    public ChaincodeEvent {
        Objects.requireNonNull(chaincodeId, "chaincodeId");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(eventName, "eventName");
        Objects.requireNonNull(payload, "payload");
    }
}
