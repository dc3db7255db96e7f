package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code kvrwset.KVRead}: a key read during simulation and the committed version seen.
 *
 * @param key the key
 * @param version the committed version, or {@code null} when the key was absent
 */
public record KvRead(String key, Version version) {
    /** Validates. */
    public KvRead {
        Objects.requireNonNull(key, "key");
    }
}
