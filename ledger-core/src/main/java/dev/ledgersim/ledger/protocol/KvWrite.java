package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code kvrwset.KVWrite}: a key written during simulation. A write with an empty value is a delete.
 *
 * @param key the key
 * @param isDelete whether the write deletes the key
 * @param value the new value (empty for deletes)
 */
public record KvWrite(String key, boolean isDelete, Bytes value) {
    /** Validates. */
    public KvWrite {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }

    /** Whether committing this write removes the key: {@code isDelete || value is empty}, as Fabric. */
    public boolean deletes() {
        return isDelete || value.isEmpty();
    }
}
