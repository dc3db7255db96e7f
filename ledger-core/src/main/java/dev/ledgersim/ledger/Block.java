package dev.ledgersim.ledger;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.blocks.StoredTransaction;
import dev.ledgersim.ledger.protocol.BlockMetadataIndex;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A committed block as a user sees it: number, hashes, a summary of each transaction and the
 * validation code the committing peer gave it. Immutable; byte arrays are returned as copies.
 */
public final class Block {

    /**
     * One transaction of the block, as far as its envelope could be read (empty strings otherwise).
     *
     * @param txId the transaction id
     * @param creatorMspId the MSP of the client that created it
     * @param chaincode the invoked chaincode
     * @param function the invoked function, as the client named it
     */
    public record TransactionInfo(String txId, String creatorMspId, String chaincode, String function) {
    }

    private final ProtocolBlock block;
    private final List<TransactionInfo> transactions;
    private final List<TxValidationCode> codes;

    private Block(ProtocolBlock block) {
        this.block = block;
        List<TransactionInfo> txs = new ArrayList<>(block.data().size());
        for (Bytes envelope : block.data()) {
            StoredTransaction tx = StoredTransaction.read(envelope);
            txs.add(new TransactionInfo(tx.txId(), tx.creatorMspId(), tx.chaincode(), tx.function()));
        }
        this.transactions = List.copyOf(txs);
        Bytes filter = block.metadata(BlockMetadataIndex.TRANSACTIONS_FILTER);
        List<TxValidationCode> list = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            list.add(i < filter.size() ? TxValidationCode.ofNumber(filter.byteAt(i) & 0xFF)
                    : TxValidationCode.NOT_VALIDATED);
        }
        this.codes = List.copyOf(list);
    }

    /** The public view of a stored block. */
    public static Block of(ProtocolBlock block) {
        return new Block(Objects.requireNonNull(block, "block"));
    }

    /** The block number (the genesis block is 0). */
    public long number() {
        return block.number();
    }

    /** SHA-256 of the ASN.1 DER block header: what the next block's previous hash must be. */
    public byte[] hash() {
        return Hashes.blockHeaderHash(block.header()).toByteArray();
    }

    /** The previous block's header hash (empty for the genesis block). */
    public byte[] previousHash() {
        return block.header().previousHash().toByteArray();
    }

    /** SHA-256 of the concatenated envelopes. */
    public byte[] dataHash() {
        return block.header().dataHash().toByteArray();
    }

    /** The transactions, in block order. */
    public List<TransactionInfo> transactions() {
        return transactions;
    }

    /** The validation code of each transaction, in block order. */
    public List<TxValidationCode> validationCodes() {
        return codes;
    }

    /** The block as stored and transmitted (for tools that need the protocol form). */
    public ProtocolBlock protocolBlock() {
        return block;
    }

    @Override
    public String toString() {
        return "Block " + number() + " (" + transactions.size() + " transactions, hash "
                + Hashes.blockHeaderHash(block.header()).toHex().substring(0, 16) + "…)";
    }
}
