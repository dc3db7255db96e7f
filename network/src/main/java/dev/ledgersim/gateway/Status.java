package dev.ledgersim.gateway;

import dev.ledgersim.ledger.TxValidationCode;

/** How a submitted transaction was committed. */
public interface Status {
    /** The transaction id. */
    String getTransactionId();

    /** The block it was committed in. */
    long getBlockNumber();

    /** Its validation code. */
    TxValidationCode getCode();

    /** Whether it committed valid. */
    boolean isSuccessful();
}
