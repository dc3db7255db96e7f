package dev.ledgersim.ledger.protocol;

/** The slots of {@code common.BlockMetadata}, with Fabric's indices. */
public enum BlockMetadataIndex {
    /** Orderer signatures over value || signature header || header bytes. */
    SIGNATURES,
    /** Deprecated last-config index, still written. */
    LAST_CONFIG,
    /** One validation code byte per transaction, set by the committing peer. */
    TRANSACTIONS_FILTER,
    /** Deprecated consenter metadata. */
    ORDERER,
    /** The peer's commit hash chain. */
    COMMIT_HASH
}
