package dev.ledgersim.contract;

/**
 * One key and its value, as returned by range, partial-composite-key and rich queries (Fabric Java's
 * {@code KeyValue}). Values are the committed ones: queries never see the current transaction's own
 * writes.
 */
public interface KeyValue {

    /** The key (a simple key, or a composite key in its {@link CompositeKey#toString() encoded form}). */
    String getKey();

    /** A copy of the value's bytes (never null; values in state are never empty). */
    byte[] getValue();

    /** The value decoded as UTF-8. */
    String getStringValue();

    /**
     * An immutable key-value pair; {@code value} is copied. Equality is by key and value bytes.
     *
     * @throws NullPointerException if {@code key} or {@code value} is null
     */
    static KeyValue of(String key, byte[] value) {
        return new ImmutableKeyValue(key, value);
    }
}
