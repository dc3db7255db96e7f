package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code rwset.CollectionHashedReadWriteSet}: one collection's hashed reads and writes, and the hash of
 * the private rw-set that member peers receive off-block.
 *
 * @param collectionName the collection
 * @param hashedRwSet the hashed reads and writes
 * @param pvtRwSetHash SHA-256 of the encoded private {@link KvRwSet} of this collection
 */
public record CollectionHashedRwSet(String collectionName, HashedRwSet hashedRwSet, Bytes pvtRwSetHash) {
    /** Validates. */
    public CollectionHashedRwSet {
        Objects.requireNonNull(collectionName, "collectionName");
        Objects.requireNonNull(hashedRwSet, "hashedRwSet");
        Objects.requireNonNull(pvtRwSetHash, "pvtRwSetHash");
    }
}
