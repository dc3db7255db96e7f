package dev.ledgersim.ledger.codec;

import java.util.List;
import java.util.Objects;

/**
 * {@code rwset.NsPvtReadWriteSet}: one namespace's private rw-sets, by collection (sorted by name when
 * built by the simulator).
 *
 * @param namespace the chaincode
 * @param collectionPvtRwSets the collections
 */
public record NsPvtReadWriteSet(String namespace, List<CollectionPvtReadWriteSet> collectionPvtRwSets) {
    /** Validates and copies. */
    public NsPvtReadWriteSet {
        Objects.requireNonNull(namespace, "namespace");
        collectionPvtRwSets = List.copyOf(collectionPvtRwSets);
    }
}
