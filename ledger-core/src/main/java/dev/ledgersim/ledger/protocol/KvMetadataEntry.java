package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code kvrwset.KVMetadataEntry}: one named metadata value of a key, such as
 * {@code VALIDATION_PARAMETER} (the key-level endorsement policy).
 *
 * @param name the entry name
 * @param value the entry value; empty removes the entry
 */
public record KvMetadataEntry(String name, Bytes value) {
    /** The metadata entry holding a key-level endorsement policy. */
    public static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";

    /** Validates. */
    public KvMetadataEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
