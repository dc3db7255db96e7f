package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.KvRwSet;
import java.util.Objects;

/**
 * {@code rwset.CollectionPvtReadWriteSet}: one collection's private reads and writes, as member peers
 * receive them off-block. {@code CollectionHashedRwSet.pvtRwSetHash} is SHA-256 of
 * {@code ProtoCodec.encode(rwset)}.
 *
 * @param collectionName the collection
 * @param rwset the private reads and writes (clear keys and values)
 */
public record CollectionPvtReadWriteSet(String collectionName, KvRwSet rwset) {
    /** Validates. */
    public CollectionPvtReadWriteSet {
        Objects.requireNonNull(collectionName, "collectionName");
        Objects.requireNonNull(rwset, "rwset");
    }
}
