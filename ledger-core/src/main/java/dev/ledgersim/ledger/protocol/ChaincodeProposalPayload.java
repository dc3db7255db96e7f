package dev.ledgersim.ledger.protocol;

import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code peer.ChaincodeProposalPayload}: the invocation ({@code ChaincodeInvocationSpec{ChaincodeSpec{
 * chaincode_id, input}}}, flattened here) and the transient map. The transient map reaches the endorser
 * only: it is excluded from the proposal hash and never copied into the transaction.
 *
 * @param chaincodeId the chaincode invoked
 * @param input function and arguments
 * @param transientMap private inputs, sorted by key; empty in transactions
 */
public record ChaincodeProposalPayload(ChaincodeId chaincodeId, ChaincodeInput input, SortedMap<String, Bytes> transientMap) {
    /** Validates and copies. */
    public ChaincodeProposalPayload {
        Objects.requireNonNull(chaincodeId, "chaincodeId");
        Objects.requireNonNull(input, "input");
        transientMap = Collections.unmodifiableSortedMap(new TreeMap<>(transientMap));
    }

    /** This payload with an empty transient map, as it is hashed and placed into a transaction. */
    public ChaincodeProposalPayload withoutTransient() {
        return transientMap.isEmpty() ? this : new ChaincodeProposalPayload(chaincodeId, input, new TreeMap<>());
    }
}
