package dev.ledgersim.ledger.protocol;

/**
 * The height at which a key was last written: the block number and the transaction's index in that
 * block's data (invalid transactions count toward the index). Fabric's {@code kvrwset.Version}.
 *
 * @param blockNum block number
 * @param txNum index of the transaction in the block
 */
public record Version(long blockNum, long txNum) implements Comparable<Version> {

    /** Validates. */
    public Version {
        if (blockNum < 0 || txNum < 0) {
            throw new IllegalArgumentException("version numbers must be non-negative, got (" + blockNum + ", " + txNum + ")");
        }
    }

    @Override
    public int compareTo(Version o) {
        int c = Long.compareUnsigned(blockNum, o.blockNum);
        return c != 0 ? c : Long.compareUnsigned(txNum, o.txNum);
    }

    @Override
    public String toString() {
        return "(" + blockNum + ", " + txNum + ")";
    }
}
