package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Version;

/**
 * Private data this peer is eligible for but did not have when the block committed ("eligible
 * missing" in Fabric), to be fetched from other members by reconciliation.
 *
 * @param blockNum the block that committed the transaction
 * @param txNum the transaction's index in the block
 * @param namespace the chaincode
 * @param collection the collection
 */
public record MissingPrivateData(long blockNum, long txNum, String namespace, String collection) {

    /** Validates. */
    public MissingPrivateData {
        if (blockNum < 0 || txNum < 0) {
            throw new IllegalArgumentException("block and tx numbers must be non-negative, got (" + blockNum + ", " + txNum + ")");
        }
        Names.namespace(namespace);
        Names.collection(collection);
    }

    /** {@code (blockNum, txNum)}. */
    public Version version() {
        return new Version(blockNum, txNum);
    }

    /** {@code (namespace, collection)}. */
    public CollectionId collectionId() {
        return new CollectionId(namespace, collection);
    }
}
