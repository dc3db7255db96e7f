package dev.ledgersim.ledger.validation;

import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The verdict on every transaction of one block, in block order, and what the committer needs of the
 * valid ones (their decoded rw-sets and timestamps), so that it does not decode them again.
 *
 * @param blockNumber the block
 * @param results one result per transaction
 * @param validTransactions per transaction: its rw-set and timestamp when valid, else {@code null}
 */
public record BlockValidation(long blockNumber, List<TxValidationResult> results, List<ValidTx> validTransactions) {

    /** A valid transaction's effects: its txid, rw-set and the proposal timestamp (for history). */
    public record ValidTx(String txId, TxReadWriteSet rwset, Timestamp timestamp) {
        /** Validates. */
        public ValidTx {
            Objects.requireNonNull(txId, "txId");
            Objects.requireNonNull(rwset, "rwset");
            Objects.requireNonNull(timestamp, "timestamp");
        }
    }

    /** Validates and copies ({@code validTransactions} may hold nulls). */
    public BlockValidation {
        results = List.copyOf(results);
        validTransactions = Collections.unmodifiableList(new ArrayList<>(validTransactions));
        if (results.size() != validTransactions.size()) {
            throw new IllegalArgumentException("results and transactions differ in size");
        }
    }

    /** The validation codes in block order. */
    public List<TxValidationCode> codes() {
        return results.stream().map(TxValidationResult::code).toList();
    }

    /** The {@code TRANSACTIONS_FILTER} metadata: one code byte per transaction. */
    public Bytes transactionsFilter() {
        byte[] filter = new byte[results.size()];
        for (int i = 0; i < filter.length; i++) {
            filter[i] = (byte) results.get(i).code().number();
        }
        return Bytes.wrap(filter);
    }
}
