package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code kvrwset.KVWriteHash}: a private write as it appears in the block: hashes only.
 *
 * @param keyHash SHA-256 of the key
 * @param isDelete whether it deletes
 * @param valueHash SHA-256 of the value; empty for deletes
 * @param isPurge whether it purges (also a delete)
 */
public record KvWriteHash(Bytes keyHash, boolean isDelete, Bytes valueHash, boolean isPurge) {
    /** Validates. */
    public KvWriteHash {
        Objects.requireNonNull(keyHash, "keyHash");
        Objects.requireNonNull(valueHash, "valueHash");
    }
}
