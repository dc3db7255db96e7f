package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code kvrwset.KVReadHash}: a private key read, by the SHA-256 of the key.
 *
 * @param keyHash SHA-256 of the key
 * @param version the committed version, or {@code null} when absent
 */
public record KvReadHash(Bytes keyHash, Version version) {
    /** Validates. */
    public KvReadHash {
        Objects.requireNonNull(keyHash, "keyHash");
    }
}
