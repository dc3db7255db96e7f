package dev.ledgersim.ledger;

/**
 * The stored ledger is not what was committed: a block's hashes do not chain, or stored bytes were
 * altered. The message names the first bad block and what did not match.
 */
public final class LedgerIntegrityException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long blockNumber;

    /** An integrity failure found at {@code blockNumber}. */
    public LedgerIntegrityException(long blockNumber, String message) {
        super(message);
        this.blockNumber = blockNumber;
    }

    /** The number of the first block found bad. */
    public long blockNumber() {
        return blockNumber;
    }
}
