package dev.ledgersim.ledger.blocks;

import dev.ledgersim.ledger.TxValidationCode;
import java.util.Objects;

/**
 * Where a transaction is in the block store, and how it was judged.
 *
 * @param blockNumber its block
 * @param txNum its index in the block
 * @param code its validation code
 */
public record TxLocation(long blockNumber, int txNum, TxValidationCode code) {
    /** Validates. */
    public TxLocation {
        Objects.requireNonNull(code, "code");
    }
}
