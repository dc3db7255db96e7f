package dev.ledgersim.ledger.protocol;

import java.util.List;
import java.util.Objects;

/**
 * {@code kvrwset.KVMetadataWriteHash}: metadata written for a private key, by key hash.
 *
 * @param keyHash SHA-256 of the key
 * @param entries the entries, sorted by name
 */
public record KvMetadataWriteHash(Bytes keyHash, List<KvMetadataEntry> entries) {
    /** Validates and copies. */
    public KvMetadataWriteHash {
        Objects.requireNonNull(keyHash, "keyHash");
        entries = List.copyOf(entries);
    }
}
