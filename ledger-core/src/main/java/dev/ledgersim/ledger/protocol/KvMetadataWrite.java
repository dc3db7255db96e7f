package dev.ledgersim.ledger.protocol;

import java.util.List;
import java.util.Objects;

/**
 * {@code kvrwset.KVMetadataWrite}: the complete new metadata of a key.
 *
 * @param key the key
 * @param entries the entries, sorted by name
 */
public record KvMetadataWrite(String key, List<KvMetadataEntry> entries) {
    /** Validates and copies. */
    public KvMetadataWrite {
        Objects.requireNonNull(key, "key");
        entries = List.copyOf(entries);
    }
}
