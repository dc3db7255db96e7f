package dev.ledgersim.ledger.protocol;

import java.util.List;
import java.util.Objects;

/**
 * {@code rwset.NsReadWriteSet}: one namespace (chaincode) of a transaction's rw-set.
 *
 * @param namespace the chaincode name
 * @param rwset the public reads and writes
 * @param collectionHashedRwSets hashed private reads and writes, by collection name (sorted)
 */
public record NsReadWriteSet(String namespace, KvRwSet rwset, List<CollectionHashedRwSet> collectionHashedRwSets) {
    /** Validates and copies. */
    public NsReadWriteSet {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(rwset, "rwset");
        collectionHashedRwSets = List.copyOf(collectionHashedRwSets);
    }
}
