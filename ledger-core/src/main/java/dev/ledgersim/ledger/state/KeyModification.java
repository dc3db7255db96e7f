package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.Version;
import java.util.Objects;

/**
 * One committed change of a public key, as {@code GetHistoryForKey} reports it (Fabric's
 * {@code queryresult.KeyModification}, with the height of the change).
 *
 * @param version the {@code (blockNum, txNum)} of the transaction that made the change
 * @param txId that transaction's id
 * @param value the value written; empty for a delete
 * @param timestamp the transaction's timestamp (from its channel header)
 * @param isDelete whether the change deleted the key
 */
public record KeyModification(Version version, String txId, Bytes value, Timestamp timestamp, boolean isDelete) {

    /** Validates. */
    public KeyModification {
        Objects.requireNonNull(version, "version");
        Names.txId(txId);
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(timestamp, "timestamp");
        if (isDelete && !value.isEmpty()) {
            throw new IllegalArgumentException("a delete carries no value, got " + value.size() + " byte(s) for tx " + txId);
        }
    }
}
