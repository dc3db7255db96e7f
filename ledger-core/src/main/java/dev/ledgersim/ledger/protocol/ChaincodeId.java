package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code peer.ChaincodeID}: names a chaincode (path is unused in Fabric v2 and omitted here).
 *
 * @param name the chaincode name, e.g. {@code emrcc}
 * @param version the definition version, or empty in a proposal header
 */
public record ChaincodeId(String name, String version) {
    /** Validates. */
    public ChaincodeId {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
    }
}
