package dev.ledgersim.network;

import dev.ledgersim.ledger.Block;
import dev.ledgersim.ledger.LedgerIntegrityException;
import dev.ledgersim.ledger.TxValidationCode;

/**
 * One peer's ledger of one channel, read-only: what it holds right now. Reads go to the peer's own
 * storage, so peers that have not caught up show less. Heights and block numbers are {@code long}.
 */
public interface LedgerView {

    /** Number of blocks, genesis included. */
    long height();

    /**
     * Block {@code number}.
     *
     * @throws IllegalArgumentException when the peer does not have it
     */
    Block block(long number);

    /** The committed value of {@code key} in chaincode {@code chaincode}'s namespace, or {@code null}. */
    byte[] worldState(String chaincode, String key);

    /** The private value held by this peer, or {@code null} (non-member, not yet received, or purged). */
    byte[] privateData(String chaincode, String collection, String key);

    /** The SHA-256 of the committed private value, held by every peer of the channel, or {@code null}. */
    byte[] privateDataHash(String chaincode, String collection, String key);

    /** The validation code of transaction {@code txId}, or {@code null} when the peer has not committed it. */
    TxValidationCode validationCode(String txId);

    /**
     * Why transaction {@code txId} was judged as it was: for an MVCC conflict the key, the version read, the
     * committed version and the writer; for a policy failure the policy's explanation; empty for valid
     * transactions; {@code null} when the peer has not committed it.
     */
    String validationReason(String txId);

    /**
     * Recomputes every block's data hash and the hash chain.
     *
     * @throws LedgerIntegrityException naming the first bad block
     */
    void verifyChain();
}
