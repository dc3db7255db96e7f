package dev.ledgersim.contract;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** {@link KeyModification#of}: an immutable history entry with value equality. */
final class ImmutableKeyModification implements KeyModification {

    private final String txId;
    private final byte[] value;
    private final Instant timestamp;
    private final boolean deleted;

    ImmutableKeyModification(String txId, byte[] value, Instant timestamp, boolean deleted) {
        this.txId = Objects.requireNonNull(txId, "txId");
        this.value = value == null ? new byte[0] : value.clone();
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.deleted = deleted;
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public byte[] getValue() {
        return value.clone();
    }

    @Override
    public String getStringValue() {
        return new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public Instant getTimestamp() {
        return timestamp;
    }

    @Override
    public boolean isDeleted() {
        return deleted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImmutableKeyModification other && txId.equals(other.txId)
                && Arrays.equals(value, other.value) && timestamp.equals(other.timestamp) && deleted == other.deleted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(txId, Arrays.hashCode(value), timestamp, deleted);
    }

    @Override
    public String toString() {
        return "KeyModification[" + txId + ", " + (deleted ? "deleted" : value.length + " bytes") + ", " + timestamp + "]";
    }
}
