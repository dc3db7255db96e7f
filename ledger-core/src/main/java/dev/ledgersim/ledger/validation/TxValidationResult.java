package dev.ledgersim.ledger.validation;

import dev.ledgersim.ledger.TxValidationCode;
import java.util.Objects;

/**
 * The verdict on one transaction of a block, with the reason in words: for an MVCC conflict the key,
 * the version read, the committed version and the writer; for a policy failure the policy's own
 * explanation.
 *
 * @param txNum the transaction's index in the block
 * @param txId the txid, or empty when it could not be read
 * @param code the validation code
 * @param detail why; empty for valid transactions
 */
public record TxValidationResult(int txNum, String txId, TxValidationCode code, String detail) {
    /** Validates. */
    public TxValidationResult {
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(detail, "detail");
    }

    /** Whether the transaction is valid. */
    public boolean isValid() {
        return code.isValid();
    }
}
