package dev.ledgersim.ledger;

/**
 * Why a transaction in a block is valid or not, with Fabric's names and numbers
 * ({@code peer.TxValidationCode}). The committing peer stores one code byte per transaction in the
 * block's {@code TRANSACTIONS_FILTER} metadata; only {@link #VALID} transactions change the state.
 */
public enum TxValidationCode {
    /** The transaction is valid and its writes were applied. */
    VALID(0),
    /** The envelope is missing. */
    NIL_ENVELOPE(1),
    /** The payload cannot be decoded. */
    BAD_PAYLOAD(2),
    /** The channel or signature header is malformed (type, epoch, nonce, creator). */
    BAD_COMMON_HEADER(3),
    /** The creator is unknown to the channel, not valid, or did not sign the envelope. */
    BAD_CREATOR_SIGNATURE(4),
    /** The endorser transaction is malformed (actions, proposal hash). */
    INVALID_ENDORSER_TRANSACTION(5),
    /** The config transaction is malformed. */
    INVALID_CONFIG_TRANSACTION(6),
    /** The payload type is not supported here. */
    UNSUPPORTED_TX_PAYLOAD(7),
    /** The txid is not hex(SHA-256(nonce || creator)). */
    BAD_PROPOSAL_TXID(8),
    /** The txid was already used, in the ledger or earlier in the block. */
    DUPLICATE_TXID(9),
    /** The endorsements do not satisfy the endorsement policy of a written namespace, collection or key. */
    ENDORSEMENT_POLICY_FAILURE(10),
    /** A key read was written since the read, in the ledger or earlier in the block. */
    MVCC_READ_CONFLICT(11),
    /** A range read would now return different keys or versions. */
    PHANTOM_READ_CONFLICT(12),
    /** The header type is unknown. */
    UNKNOWN_TX_TYPE(13),
    /** The channel is not known to the peer. */
    TARGET_CHAIN_NOT_FOUND(14),
    /** The envelope cannot be re-encoded. */
    MARSHAL_TX_ERROR(15),
    /** The transaction action is missing. */
    NIL_TXACTION(16),
    /** Pre-v2 only: the chaincode expired. */
    EXPIRED_CHAINCODE(17),
    /** Pre-v2 only: the chaincode version changed. */
    CHAINCODE_VERSION_CONFLICT(18),
    /** The chaincode header extension is malformed. */
    BAD_HEADER_EXTENSION(19),
    /** The channel header is malformed. */
    BAD_CHANNEL_HEADER(20),
    /** The proposal response payload is malformed. */
    BAD_RESPONSE_PAYLOAD(21),
    /** The read-write set is malformed. */
    BAD_RWSET(22),
    /** A namespace appears twice in the read-write set. */
    ILLEGAL_WRITESET(23),
    /** A write cannot be stored. */
    INVALID_WRITESET(24),
    /** The chaincode is not defined, or its name or version in the transaction is inconsistent. */
    INVALID_CHAINCODE(25),
    /** The transaction has not been validated yet. */
    NOT_VALIDATED(254),
    /** Any other reason. */
    INVALID_OTHER_REASON(255);

    private static final TxValidationCode[] BY_NUMBER = new TxValidationCode[256];

    static {
        for (TxValidationCode code : values()) {
            BY_NUMBER[code.number] = code;
        }
    }

    private final int number;

    TxValidationCode(int number) {
        this.number = number;
    }

    /** Fabric's number for this code, as stored in the transactions filter. */
    public int number() {
        return number;
    }

    /** Whether this is {@link #VALID}. */
    public boolean isValid() {
        return this == VALID;
    }

    /**
     * The code with Fabric number {@code number}.
     *
     * @throws IllegalArgumentException for a number Fabric does not define
     */
    public static TxValidationCode ofNumber(int number) {
        TxValidationCode code = number >= 0 && number < 256 ? BY_NUMBER[number] : null;
        if (code == null) {
            throw new IllegalArgumentException("no TxValidationCode has number " + number);
        }
        return code;
    }
}
