package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Bytes;
import java.util.Objects;

/**
 * Private data produced by simulating a transaction, kept until the transaction commits.
 *
 * @param txId the transaction
 * @param blockHeight the ledger height when it was endorsed
 * @param privateRwSet the encoded private read-write set ({@code TxPvtReadWriteSet}), opaque to the store
 */
public record TransientEntry(String txId, long blockHeight, Bytes privateRwSet) {
    /** Validates. */
    public TransientEntry {
        Names.txId(txId);
        if (blockHeight < 0) {
            throw new IllegalArgumentException("blockHeight must be non-negative, got " + blockHeight);
        }
        Objects.requireNonNull(privateRwSet, "privateRwSet");
    }
}
