package dev.ledgersim.contract;

import java.time.Instant;

/**
 * One committed change of a key, as returned by {@link ChaincodeStub#getHistoryForKey} (Fabric Java's
 * {@code KeyModification}): the transaction that made it, the value it wrote, the transaction's
 * client-set timestamp and whether it was a delete.
 */
public interface KeyModification {

    /** The id of the transaction that changed the key. */
    String getTxId();

    /** A copy of the value written; empty for a delete. */
    byte[] getValue();

    /** The value decoded as UTF-8 (empty for a delete). */
    String getStringValue();

    /** The timestamp of the transaction's proposal (set by the client, never validated, as on Fabric). */
    Instant getTimestamp();

    /** Whether the change deleted the key. */
    boolean isDeleted();

    /**
     * An immutable modification; {@code value} is copied, and null is taken as empty (a delete carries
     * no value). Equality is by all fields, the value by content.
     *
     * @throws NullPointerException if {@code txId} or {@code timestamp} is null
     */
    static KeyModification of(String txId, byte[] value, Instant timestamp, boolean isDeleted) {
        return new ImmutableKeyModification(txId, value, timestamp, isDeleted);
    }
}
