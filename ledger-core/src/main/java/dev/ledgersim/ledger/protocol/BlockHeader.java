package dev.ledgersim.ledger.protocol;

import java.util.Objects;

/**
 * {@code common.BlockHeader}. The block hash is SHA-256 of the ASN.1 DER encoding of this header.
 *
 * @param number the block number (genesis is 0)
 * @param previousHash the previous block's header hash (empty for genesis)
 * @param dataHash SHA-256 of the concatenated envelope bytes
 */
public record BlockHeader(long number, Bytes previousHash, Bytes dataHash) {
    /** Validates. */
    public BlockHeader {
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(dataHash, "dataHash");
    }
}
