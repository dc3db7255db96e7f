package dev.ledgersim.ledger.protocol;

import java.util.List;

/**
 * {@code kvrwset.HashedRWSet}: a collection's reads and writes as hashes, all sorted by key hash.
 *
 * @param hashedReads private reads
 * @param hashedWrites private writes
 * @param metadataWrites private metadata writes
 */
public record HashedRwSet(List<KvReadHash> hashedReads, List<KvWriteHash> hashedWrites,
                          List<KvMetadataWriteHash> metadataWrites) {
    /** Validates and copies. */
    public HashedRwSet {
        hashedReads = List.copyOf(hashedReads);
        hashedWrites = List.copyOf(hashedWrites);
        metadataWrites = List.copyOf(metadataWrites);
    }
}
