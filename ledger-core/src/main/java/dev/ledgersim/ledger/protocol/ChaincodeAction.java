package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.ChaincodeAction}: what a simulation produced, endorsed by the peers.
 *
 * @param results the read-write set
 * @param event the chaincode event, or {@code null}
 * @param response the chaincode's response
 * @param chaincodeId the invoked chaincode with its definition version
 */
public record ChaincodeAction(TxReadWriteSet results, ChaincodeEvent event, Response response, ChaincodeId chaincodeId) {
    /** Validates. */
    public ChaincodeAction {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(response, "response");
        Objects.requireNonNull(chaincodeId, "chaincodeId");
    }
}
