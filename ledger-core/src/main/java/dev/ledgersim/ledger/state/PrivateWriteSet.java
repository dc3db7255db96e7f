package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Version;
import java.util.Objects;

/**
 * The committed private write set of one collection in one transaction: the encoded private
 * {@code KvRwSet} (clear keys and values) whose hash the block carries.
 *
 * @param blockNum the block that committed it
 * @param txNum the transaction's index in the block
 * @param namespace the chaincode
 * @param collection the collection
 * @param rwSet the encoded private {@code KvRwSet}, opaque to the store
 */
public record PrivateWriteSet(long blockNum, long txNum, String namespace, String collection, Bytes rwSet) {

    /** Validates. */
    public PrivateWriteSet {
        if (blockNum < 0 || txNum < 0) {
            throw new IllegalArgumentException("block and tx numbers must be non-negative, got (" + blockNum + ", " + txNum + ")");
        }
        Names.namespace(namespace);
        Names.collection(collection);
        Objects.requireNonNull(rwSet, "rwSet");
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
