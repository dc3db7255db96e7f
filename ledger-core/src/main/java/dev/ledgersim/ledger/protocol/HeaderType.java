package dev.ledgersim.ledger.protocol;

/** The header types of Fabric's {@code common.HeaderType} that a channel can carry, with their numbers. */
public enum HeaderType {
    /** An opaque message. */
    MESSAGE(0),
    /** A channel configuration (genesis or config block). */
    CONFIG(1),
    /** A request to update a channel configuration. */
    CONFIG_UPDATE(2),
    /** A chaincode transaction: proposal, endorsements, rw-set. */
    ENDORSER_TRANSACTION(3);

    private final int number;

    HeaderType(int number) {
        this.number = number;
    }

    /** Fabric's number for this type. */
    public int number() {
        return number;
    }

    /** The type of {@code number}, or {@code null} when it is not one LedgerSim knows. */
    public static HeaderType ofNumber(int number) {
        for (HeaderType t : values()) {
            if (t.number == number) {
                return t;
            }
        }
        return null;
    }
}
