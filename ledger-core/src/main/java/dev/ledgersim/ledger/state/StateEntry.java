package dev.ledgersim.ledger.state;

import java.util.Objects;

/**
 * One key of a range scan with its committed value.
 *
 * @param key the key (within the namespace, or within the collection for private state)
 * @param value its value, version and metadata
 */
public record StateEntry(String key, VersionedValue value) {
    /** Validates. */
    public StateEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
