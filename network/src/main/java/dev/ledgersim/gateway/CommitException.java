package dev.ledgersim.gateway;

import dev.ledgersim.ledger.TxValidationCode;

/** The transaction committed invalid: its code, e.g. {@code MVCC_READ_CONFLICT}, and the validator's reason. */
public class CommitException extends GatewayException {

    private static final long serialVersionUID = 1L;

    private final TxValidationCode code;
    private final long blockNumber;

    /** {@code transactionId} committed in {@code blockNumber} with {@code code}, for the reason {@code detail}. */
    public CommitException(String transactionId, long blockNumber, TxValidationCode code, String detail) {
        super(transactionId, "transaction " + transactionId + " committed with status " + code + " (" + code.number()
                + ") in block " + blockNumber + (detail.isEmpty() ? "" : ": " + detail));
        this.code = code;
        this.blockNumber = blockNumber;
    }

    /** The validation code. */
    public TxValidationCode getCode() {
        return code;
    }

    /** The block it was committed in. */
    public long getBlockNumber() {
        return blockNumber;
    }
}
