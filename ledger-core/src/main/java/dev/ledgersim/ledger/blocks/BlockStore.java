package dev.ledgersim.ledger.blocks;

import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.BlockMetadataIndex;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.WriteBatch;
import dev.ledgersim.ledger.validation.TxValidationResult;
import dev.ledgersim.msp.internal.Protobuf;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The chain of blocks of one channel on one node: the source of truth from which state, history and
 * indexes can be rebuilt.
 *
 * <p>Columns: {@code blocks} (block number, 8 bytes big-endian → the canonical block bytes, validation
 * codes included in {@code TRANSACTIONS_FILTER}), {@code block_txids} (txid → block number, tx number
 * and code of its first occurrence, valid or not, as Fabric's index answers duplicate checks; found by a
 * point lookup, which RocksDB's Bloom filters answer without reading a block when the txid is new; later
 * occurrences, which validation has marked {@code DUPLICATE_TXID}, are not indexed there but found through
 * {@code block_txnums}; blocks appended unvalidated — an orderer's — are not in this index at all, as
 * Fabric's orderer ledger indexes blocks by number only; a {@link TxIdFilter} in memory answers most
 * lookups of txids never stored without reading), {@code block_txnums} (block number, tx number
 * → txid) and
 * {@code block_details} (block number → why each invalid transaction was invalid). A block and its index
 * entries are written in one atomic batch.
 *
 * <p>{@link #append} accepts only the next block: its number must be the height, its previous hash the
 * hash of the last block's header and its data hash that of its envelopes. Reads are thread-safe;
 * appends are serialised by the caller (the committer).
 */
public final class BlockStore {

    /** The columns this store needs in its {@link KvStore}. */
    public static final Set<String> COLUMNS = Set.of("blocks", "block_txids", "block_txnums", "block_details");

    private static final String BLOCKS = "blocks";
    private static final String TXIDS = "block_txids";
    private static final String TXNUMS = "block_txnums";
    private static final String DETAILS = "block_details";

    private final KvStore store;
    private final TxIdFilter txIds = new TxIdFilter();
    private volatile long height;
    private volatile Bytes lastHeaderHash = Bytes.EMPTY;

    /** A block store over {@code store}, which must have {@link #COLUMNS}; reads the height from it. */
    public BlockStore(KvStore store) {
        this.store = Objects.requireNonNull(store, "store");
        if (!store.columns().containsAll(COLUMNS)) {
            throw new IllegalArgumentException("a block store needs columns " + COLUMNS + ", the store has " + store.columns());
        }
        try (KvIterator ids = store.iterate(TXIDS, null, null)) {
            while (ids.next()) {
                txIds.add(new String(ids.key(), StandardCharsets.UTF_8));
            }
        }
        try (KvIterator last = store.iterateDescending(BLOCKS, null, null)) {
            if (last.next()) {
                long number = ByteBuffer.wrap(last.key()).getLong();
                ProtocolBlock block = decode(number, last.value());
                this.height = number + 1;
                this.lastHeaderHash = Hashes.blockHeaderHash(block.header());
            }
        }
    }

    /** Number of blocks stored (the next block's number). */
    public long height() {
        return height;
    }

    /** The header hash of the last block, empty before the genesis block. */
    public Bytes lastHeaderHash() {
        return lastHeaderHash;
    }

    /**
     * Appends the next block with the validation results of its transactions (one per transaction;
     * their codes must equal the block's {@code TRANSACTIONS_FILTER}).
     *
     * @throws IllegalArgumentException naming what does not fit: number, previous hash, data hash, results
     */
    public void append(ProtocolBlock block, List<TxValidationResult> results) {
        long number = block.number();
        if (number != height) {
            throw new IllegalArgumentException("block " + number + " cannot be appended: the next block is " + height);
        }
        if (number > 0 && !block.header().previousHash().equals(lastHeaderHash)) {
            throw new IllegalArgumentException("block " + number + " has previous hash " + block.header().previousHash()
                    + " but block " + (number - 1) + " hashes to " + lastHeaderHash);
        }
        Bytes dataHash = Hashes.blockDataHash(block);
        if (!block.header().dataHash().equals(dataHash)) {
            throw new IllegalArgumentException("block " + number + " has data hash " + block.header().dataHash()
                    + " but its envelopes hash to " + dataHash);
        }
        if (results.size() != block.data().size()) {
            throw new IllegalArgumentException("block " + number + " has " + block.data().size()
                    + " transactions but " + results.size() + " validation results");
        }
        Bytes filter = block.metadata(BlockMetadataIndex.TRANSACTIONS_FILTER);
        boolean notValidatedYet = filter.isEmpty()
                && results.stream().allMatch(r -> r.code() == TxValidationCode.NOT_VALIDATED);
        if (!notValidatedYet) {
            for (TxValidationResult result : results) {
                if (filter.size() != results.size()
                        || (filter.byteAt(result.txNum()) & 0xFF) != result.code().number()) {
                    throw new IllegalArgumentException("block " + number + ": the transactions filter does not match "
                            + "the validation result of transaction " + result.txNum());
                }
            }
        }
        WriteBatch batch = store.newBatch();
        batch.putOwned(BLOCKS, blockKey(number), ProtoCodec.encode(block).unsafeArray());
        Protobuf.Writer details = new Protobuf.Writer();
        java.util.Set<String> firstInBlock = new java.util.HashSet<>();
        for (TxValidationResult result : results) {
            if (!result.txId().isEmpty()) {
                // Validation has marked every txid already stored DUPLICATE_TXID; an orderer's unvalidated
                // blocks are indexed by number only, as Fabric's orderer ledger is.
                if (!notValidatedYet && result.code() != TxValidationCode.DUPLICATE_TXID && firstInBlock.add(result.txId())) {
                    batch.putOwned(TXIDS, txIdKey(result.txId()), location(number, result.txNum(), result.code()));
                }
                batch.putOwned(TXNUMS, txNumKey(number, result.txNum()), result.txId().getBytes(StandardCharsets.UTF_8));
            }
            if (!result.detail().isEmpty()) {
                details.bytes(1, new Protobuf.Writer().uint64(1, result.txNum() + 1L).string(2, result.detail()).toByteArray());
            }
        }
        batch.putOwned(DETAILS, blockKey(number), details.toByteArray());
        // Into the filter first: until the batch is written a "maybe" only costs a read that finds nothing.
        firstInBlock.forEach(txIds::add);
        store.write(batch);
        lastHeaderHash = Hashes.blockHeaderHash(block.header());
        height = number + 1;
    }

    /**
     * Appends the next block as an orderer stores it: no validation codes yet (its transactions filter
     * is empty and every transaction is indexed as {@code NOT_VALIDATED}).
     *
     * @throws IllegalArgumentException naming what does not fit: number, previous hash, data hash
     */
    public void appendOrdered(ProtocolBlock block) {
        List<TxValidationResult> results = new ArrayList<>(block.data().size());
        for (int i = 0; i < block.data().size(); i++) {
            results.add(new TxValidationResult(i, StoredTransaction.txIdOf(block.data().get(i)),
                    TxValidationCode.NOT_VALIDATED, ""));
        }
        append(block, results);
    }

    /** Block {@code number}, if stored. */
    public Optional<ProtocolBlock> block(long number) {
        byte[] bytes = number < 0 ? null : store.get(BLOCKS, blockKey(number));
        return bytes == null ? Optional.empty() : Optional.of(decode(number, bytes));
    }

    /** The stored bytes of block {@code number}, if stored. */
    public Optional<Bytes> blockBytes(long number) {
        byte[] bytes = number < 0 ? null : store.get(BLOCKS, blockKey(number));
        return bytes == null ? Optional.empty() : Optional.of(Bytes.wrap(bytes));
    }

    /** Whether any transaction with {@code txId} is stored, valid or not (in validated blocks: see {@link #transaction}). */
    public boolean txIdExists(String txId) {
        return transaction(txId).isPresent();
    }

    /**
     * The first stored transaction with {@code txId} among the blocks appended validated (a peer's); an
     * orderer's store, whose blocks are appended by {@link #appendOrdered}, always answers empty.
     */
    public Optional<TxLocation> transaction(String txId) {
        if (!txIds.mightContain(txId)) {
            return Optional.empty();
        }
        byte[] value = store.get(TXIDS, txIdKey(txId));
        if (value == null) {
            return Optional.empty();
        }
        ByteBuffer v = ByteBuffer.wrap(value);
        return Optional.of(new TxLocation(v.getLong(), v.getInt(), TxValidationCode.ofNumber(v.get() & 0xFF)));
    }

    /** The txid of transaction {@code txNum} of block {@code blockNumber}, if it has one. */
    public Optional<String> txIdAt(long blockNumber, long txNum) {
        if (blockNumber < 0 || txNum < 0 || txNum > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        byte[] id = store.get(TXNUMS, txNumKey(blockNumber, (int) txNum));
        return id == null ? Optional.empty() : Optional.of(new String(id, StandardCharsets.UTF_8));
    }

    /** The validation results of block {@code number}: codes from its filter, reasons as recorded at commit. */
    public List<TxValidationResult> validationResults(long number) {
        ProtocolBlock block = block(number).orElseThrow(() ->
                new IllegalArgumentException("block " + number + " is not stored (height " + height + ")"));
        Bytes filter = block.metadata(BlockMetadataIndex.TRANSACTIONS_FILTER);
        String[] reasons = new String[block.data().size()];
        forEachDetail(number, (reason, txNum) -> {
            if (txNum < reasons.length) {
                reasons[txNum] = reason;
            }
        });
        List<TxValidationResult> results = new ArrayList<>(reasons.length);
        for (int i = 0; i < reasons.length; i++) {
            TxValidationCode code = i < filter.size() ? TxValidationCode.ofNumber(filter.byteAt(i) & 0xFF)
                    : TxValidationCode.NOT_VALIDATED;
            results.add(new TxValidationResult(i, txIdAt(number, i).orElse(""), code, reasons[i] == null ? "" : reasons[i]));
        }
        return results;
    }

    /**
     * The validator's explanation of transaction {@code txNum} of block {@code number} as recorded at
     * commit, or {@code ""} when none was (a valid transaction); reads the explanations only, not the block.
     */
    public String validationDetail(long number, int txNum) {
        String[] found = {""};
        forEachDetail(number, (reason, i) -> {
            if (i == txNum) {
                found[0] = reason;
            }
        });
        return found[0];
    }

    /** Calls {@code action} with each recorded (explanation, txNum) of block {@code number}. */
    private void forEachDetail(long number, java.util.function.ObjIntConsumer<String> action) {
        byte[] details = store.get(DETAILS, blockKey(number));
        if (details == null) {
            return;
        }
        Protobuf.Reader reader = new Protobuf.Reader(details);
        while (reader.hasNext()) {
            reader.next();
            Protobuf.Reader entry = new Protobuf.Reader(reader.bytes());
            int txNum = -1;
            String reason = "";
            while (entry.hasNext()) {
                if (entry.next() == 1) {
                    txNum = (int) entry.uint64() - 1;
                } else {
                    reason = entry.string();
                }
            }
            if (txNum >= 0) {
                action.accept(reason, txNum);
            }
        }
    }

    private static ProtocolBlock decode(long number, byte[] bytes) {
        try {
            return ProtoCodec.decodeBlock(Bytes.wrap(bytes));
        } catch (CodecException e) {
            throw new dev.ledgersim.ledger.LedgerIntegrityException(number,
                    "stored block " + number + " cannot be decoded: " + e.getMessage());
        }
    }

    static byte[] blockKey(long number) {
        return ByteBuffer.allocate(8).putLong(number).array();
    }

    private static byte[] txNumKey(long number, int txNum) {
        return ByteBuffer.allocate(12).putLong(number).putInt(txNum).array();
    }

    private static byte[] txIdKey(String txId) {
        return txId.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] location(long number, int txNum, TxValidationCode code) {
        return ByteBuffer.allocate(13).putLong(number).putInt(txNum).put((byte) code.number()).array();
    }
}
