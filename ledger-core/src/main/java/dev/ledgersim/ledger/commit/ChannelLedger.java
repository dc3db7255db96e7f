package dev.ledgersim.ledger.commit;

import dev.ledgersim.ledger.Block;
import dev.ledgersim.ledger.LedgerIntegrityException;
import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.blocks.BlockStore;
import dev.ledgersim.ledger.blocks.StoredTransaction;
import dev.ledgersim.ledger.blocks.TxLocation;
import dev.ledgersim.ledger.codec.CodecException;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.protocol.BlockMetadataIndex;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.state.CollectionId;
import dev.ledgersim.ledger.state.ExpiryKeeper;
import dev.ledgersim.ledger.state.HistoryIndex;
import dev.ledgersim.ledger.state.KeyModification;
import dev.ledgersim.ledger.state.MissingPrivateData;
import dev.ledgersim.ledger.state.PrivateDataStore;
import dev.ledgersim.ledger.state.PrivateWriteSet;
import dev.ledgersim.ledger.state.ResultsIterator;
import dev.ledgersim.ledger.state.StateDb;
import dev.ledgersim.ledger.state.StateEntry;
import dev.ledgersim.ledger.state.UpdateBatch;
import dev.ledgersim.ledger.state.VersionedValue;
import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.ledger.storage.WriteBatch;
import dev.ledgersim.ledger.validation.BlockValidation;
import dev.ledgersim.ledger.validation.BlockValidation.ValidTx;
import dev.ledgersim.ledger.validation.BlockValidator;
import dev.ledgersim.ledger.validation.CommittedState;
import dev.ledgersim.ledger.validation.TxValidationResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel's ledger on one peer: the block store (the source of truth) and the state derived from
 * it — world state with its savepoint, history index and private data store.
 *
 * <p><b>Commit.</b> {@link #commit} validates a block with a {@link BlockValidator} against the
 * committed state, then writes, in this order: the private write sets of valid transactions (and the
 * record of the private data this peer should have but lacks); the block with its validation codes;
 * and, in one atomic batch, the state updates, the history entries, the private data purges and the
 * savepoint. A crash between the block and the state leaves the state one block behind, and the next
 * {@link #open} replays the missing blocks from the block store with their stored codes, computing the
 * same updates ({@link BlockUpdates}): commit is idempotent on replay. A peer that must fetch private
 * data between validation and commit uses {@link #validate} and {@link #commitValidated} instead.
 *
 * <p><b>Private data lifetime</b> (FABRIC.md §6.4, §6.5). Data written in block N of a collection
 * with BlockToLive b &gt; 0 is purged from the private and hashed state and from the private data
 * store in the batch of block N + b + 1, unless the key was written again since ({@link ExpiryKeeper}).
 * {@code PurgePrivateData} removes the key from the state and every earlier version of it from the
 * private data store. Private data that arrives after its block committed is applied by
 * {@link #reconcile} if it is still current.
 *
 * <p><b>Concurrency.</b> Commits hold the write lock; code that needs a consistent view of the state
 * across several reads (a transaction simulation, a query) runs under {@link #read}, as Fabric's peer
 * holds its commit lock. Single reads are safe without it.
 */
public final class ChannelLedger implements AutoCloseable {

    /** Columns of the block store. */
    public static final Set<String> BLOCK_COLUMNS = BlockStore.COLUMNS;
    /** Columns of the state store: world state, history, private data. */
    public static final Set<String> STATE_COLUMNS = union(StateDb.COLUMNS, HistoryIndex.COLUMNS, PrivateDataStore.COLUMNS,
            ExpiryKeeper.COLUMNS);

    private static final Logger LOG = LoggerFactory.getLogger(ChannelLedger.class);

    private final String channelId;
    private final KvStore blockKv;
    private final KvStore stateKv;
    private final BlockStore blocks;
    private final StateDb state;
    private final HistoryIndex history;
    private final PrivateDataStore privateStore;
    private final ExpiryKeeper expiry;
    private final BlockToLive blockToLive;
    private final LedgerStateView view;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final int replayedOnOpen;

    /** What {@link #reconcile} did with late private data. */
    public enum ReconcileOutcome {
        /** Stored, and applied to the private state where still current. */
        STORED,
        /** Nothing was missing there (already reconciled, or never eligible): ignored. */
        NOT_MISSING,
        /** It expired (BlockToLive) meanwhile: the missing record is dropped, nothing stored. */
        EXPIRED,
        /** It does not match the hash in the block (or the transaction is not valid): ignored. */
        MISMATCH
    }

    private ChannelLedger(String channelId, KvStore blockKv, KvStore stateKv, BlockToLive blockToLive) {
        this.channelId = Objects.requireNonNull(channelId, "channelId");
        this.blockKv = blockKv;
        this.stateKv = stateKv;
        this.blocks = new BlockStore(blockKv);
        this.state = new StateDb(stateKv);
        this.history = new HistoryIndex(stateKv);
        this.privateStore = new PrivateDataStore(stateKv);
        this.expiry = new ExpiryKeeper(stateKv);
        this.blockToLive = Objects.requireNonNull(blockToLive, "blockToLive");
        this.view = new LedgerStateView(state, blocks);
        this.replayedOnOpen = replayMissingBlocks();
    }

    /**
     * Opens (or creates) the ledger of {@code channelId} stored under {@code name} in {@code storage}
     * ({@code name + ".blocks"} and {@code name + ".state"}), replaying any block whose state was not
     * committed before a crash. No private data ever expires ({@link BlockToLive#NEVER}).
     */
    public static ChannelLedger open(String channelId, KvStoreFactory storage, String name) {
        return open(channelId, storage, name, BlockToLive.NEVER);
    }

    /**
     * Opens (or creates) the ledger of {@code channelId} stored under {@code name} in {@code storage},
     * purging private data as {@code blockToLive} says, replaying any block whose state was not
     * committed before a crash.
     */
    public static ChannelLedger open(String channelId, KvStoreFactory storage, String name, BlockToLive blockToLive) {
        KvStore blockKv = storage.open(name + ".blocks", BLOCK_COLUMNS);
        KvStore stateKv;
        try {
            stateKv = storage.open(name + ".state", STATE_COLUMNS);
        } catch (RuntimeException e) {
            blockKv.close();
            throw e;
        }
        try {
            return new ChannelLedger(channelId, blockKv, stateKv, blockToLive);
        } catch (RuntimeException e) {
            stateKv.close();
            blockKv.close();
            throw e;
        }
    }

    /** The channel. */
    public String channelId() {
        return channelId;
    }

    /** Number of blocks, genesis included. */
    public long height() {
        return blocks.height();
    }

    /** How many blocks were replayed into the state when this ledger was opened (crash recovery). */
    public int replayedOnOpen() {
        return replayedOnOpen;
    }

    /** The block store. */
    public BlockStore blockStore() {
        return blocks;
    }

    /** The world state. */
    public StateDb stateDb() {
        return state;
    }

    /** The history index. */
    public HistoryIndex historyIndex() {
        return history;
    }

    /** The private data store. */
    public PrivateDataStore privateDataStore() {
        return privateStore;
    }

    /** The committed state as the validator reads it. */
    public CommittedState committedState() {
        return view;
    }

    /** Runs {@code reads} while no block is being committed. */
    public <T> T read(Supplier<T> reads) {
        lock.readLock().lock();
        try {
            return reads.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Commits the genesis (configuration) block: every transaction recorded valid, no state change.
     *
     * @throws IllegalStateException if the ledger already has blocks
     */
    public void commitGenesis(ProtocolBlock genesis) {
        lock.writeLock().lock();
        try {
            if (blocks.height() != 0) {
                throw new IllegalStateException("channel " + channelId + " already has " + blocks.height() + " blocks");
            }
            List<TxValidationResult> results = new ArrayList<>();
            List<ValidTx> none = new ArrayList<>();
            for (int i = 0; i < genesis.data().size(); i++) {
                results.add(new TxValidationResult(i, StoredTransaction.txIdOf(genesis.data().get(i)),
                        TxValidationCode.VALID, ""));
                none.add(null);
            }
            BlockValidation validation = new BlockValidation(genesis.number(), results, none);
            write(genesis, validation, Map.of(), List.of());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Validates {@code block} and commits it with its validation codes.
     *
     * @param privateData the private rw-sets this peer holds for transactions of the block, by tx number
     * @return the validation results
     * @throws IllegalArgumentException if the block is not the next one (number or previous hash)
     */
    public BlockValidation commit(ProtocolBlock block, BlockValidator validator, Map<Integer, TxPvtReadWriteSet> privateData) {
        lock.writeLock().lock();
        try {
            requireNext(block);
            BlockValidation validation = validator.validate(block, view);
            write(block, validation, privateData, List.of());
            return validation;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Validates {@code block}, the next one, against the committed state without committing it: the first
     * half of a commit whose private data must be gathered before {@link #commitValidated}. The state
     * validated against does not change until then, as long as this peer commits nothing else.
     *
     * @throws IllegalArgumentException if the block is not the next one
     */
    public BlockValidation validate(ProtocolBlock block, BlockValidator validator) {
        lock.readLock().lock();
        try {
            requireNext(block);
            return validator.validate(block, view);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Commits a block validated by the caller against this ledger's current committed state (for callers
     * that time validation separately). The caller guarantees nothing was committed in between.
     *
     * @throws IllegalArgumentException if the block is not the next one or the validation is of another block
     */
    public void commitValidated(ProtocolBlock block, BlockValidation validation, Map<Integer, TxPvtReadWriteSet> privateData) {
        commitValidated(block, validation, privateData, List.of());
    }

    /**
     * Commits {@code block} with the results {@link #validate} gave for it.
     *
     * @param privateData the private rw-sets this peer holds for transactions of the block, by tx number
     * @param missing private data this peer is eligible for but could not get; recorded for reconciliation
     *     (entries of invalid transactions, or of write sets given in {@code privateData}, are ignored)
     * @throws IllegalArgumentException if the block is not the next one or the results are of another block
     */
    public void commitValidated(ProtocolBlock block, BlockValidation validation, Map<Integer, TxPvtReadWriteSet> privateData,
                                List<MissingPrivateData> missing) {
        lock.writeLock().lock();
        try {
            requireNext(block);
            if (validation.blockNumber() != block.number() || validation.results().size() != block.data().size()) {
                throw new IllegalArgumentException("the validation results of block " + validation.blockNumber()
                        + " do not belong to block " + block.number() + " of channel " + channelId);
            }
            write(block, validation, privateData, missing);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void requireNext(ProtocolBlock block) {
        if (block.number() != blocks.height()) {
            throw new IllegalArgumentException("block " + block.number() + " of channel " + channelId
                    + " cannot be committed: the next block is " + blocks.height());
        }
    }

    private void write(ProtocolBlock block, BlockValidation validation, Map<Integer, TxPvtReadWriteSet> privateData,
                       List<MissingPrivateData> missing) {
        BlockUpdates updates = BlockUpdates.compute(block.number(), validation.validTransactions(), privateData, state);
        updates.privateDataProblems().forEach(problem -> LOG.warn("channel {} block {}: {}", channelId, block.number(), problem));
        WriteBatch pvt = stateKv.newBatch();
        Set<MissingPrivateData> stored = new HashSet<>();
        for (PrivateWriteSet set : updates.privateWriteSets()) {
            privateStore.put(pvt, set);
            stored.add(new MissingPrivateData(set.blockNum(), set.txNum(), set.namespace(), set.collection()));
        }
        for (MissingPrivateData m : missing) {
            boolean valid = m.blockNum() == block.number() && m.txNum() < validation.validTransactions().size()
                    && validation.validTransactions().get((int) m.txNum()) != null;
            if (valid && !stored.contains(m)) {
                privateStore.markMissing(pvt, m);
            }
        }
        if (!pvt.isEmpty()) {
            stateKv.write(pvt);
        }
        ProtocolBlock withCodes = block.withMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER, validation.transactionsFilter());
        blocks.append(withCodes, validation.results());
        applyState(block.number(), updates);
    }

    /**
     * Writes the state of block {@code blockNumber} in one batch: history, the BlockToLive purges due at
     * this block and the schedule of its own writes, explicit purges from the private data store, the
     * private data store's expiry, the state updates and the savepoint. Shared by commit and replay.
     */
    private void applyState(long blockNumber, BlockUpdates updates) {
        WriteBatch batch = stateKv.newBatch();
        for (BlockUpdates.HistoryEntry entry : updates.history()) {
            history.add(batch, entry.namespace(), entry.key(), entry.modification());
        }
        expireState(blockNumber, updates.updates(), batch);
        for (ExpiryKeeper.Entry put : updates.hashedPuts()) {
            long btl = blockToLive.blockToLive(state, put.namespace(), put.collection());
            if (btl > 0) {
                expiry.schedule(batch, PrivateDataStore.expiringBlock(blockNumber, btl), put);
            }
        }
        if (!updates.purges().isEmpty()) {
            privateStore.purgeKeys(batch, updates.purges(), PrivateWriteSets::withoutKeys);
        }
        privateStore.purgeExpired(batch, blockNumber, this::blockToLiveOf);
        state.apply(updates.updates(), blockNumber, batch);
    }

    private long blockToLiveOf(CollectionId id) {
        return blockToLive.blockToLive(state, id.namespace(), id.collection());
    }

    /**
     * Adds to {@code updates} the deletes of the hashed and private keys whose BlockToLive ends with block
     * {@code blockNumber}: those still at the version that scheduled them and not written by this block
     * (Fabric's {@code purge_mgr.go DeleteExpiredAndUpdateBookkeeping}, delete version (E, max)).
     */
    private void expireState(long blockNumber, UpdateBatch updates, WriteBatch batch) {
        for (ExpiryKeeper.Entry e : expiry.expiringAt(blockNumber)) {
            expiry.remove(batch, blockNumber, e);
            if (updates.getHashed(e.namespace(), e.collection(), e.keyHash()).isPresent()) {
                continue;
            }
            Optional<VersionedValue> hashed = state.getHashed(e.namespace(), e.collection(), e.keyHash());
            if (hashed.isEmpty() || !hashed.get().version().equals(e.version())) {
                continue;
            }
            Version at = new Version(blockNumber, Long.MAX_VALUE);
            updates.deleteHashed(e.namespace(), e.collection(), e.keyHash(), at);
            privateKey(e).ifPresent(key -> {
                if (updates.getPrivate(e.namespace(), e.collection(), key).isEmpty()
                        && state.getPrivate(e.namespace(), e.collection(), key).isPresent()) {
                    updates.deletePrivate(e.namespace(), e.collection(), key, at);
                }
            });
        }
    }

    /** The clear key of an expiring hashed key: from the write set that scheduled it, else by a scan of the private state. */
    private Optional<String> privateKey(ExpiryKeeper.Entry e) {
        Optional<String> key = privateStore.get(e.version().blockNum(), e.version().txNum(), e.namespace(), e.collection())
                .flatMap(set -> PrivateWriteSets.keyOf(set, e.keyHash()));
        if (key.isPresent()) {
            return key;
        }
        try (ResultsIterator<StateEntry> it = state.privateRange(e.namespace(), e.collection(), "", "")) {
            while (it.hasNext()) {
                String candidate = it.next().key();
                if (PrivateWriteSets.hash(candidate).equals(e.keyHash())) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Stores private data this peer recorded as missing ({@link PrivateDataStore#missing()}) and got
     * later from another member (Fabric's reconciliation). It must match the {@code pvt_rwset_hash} of
     * its (valid) transaction and not have expired; it then goes into the private data store, the missing
     * record is dropped, and each write is applied to the private state if it is still current: its
     * hashed key is at the write's version (or, after a metadata-only update, holds the hash of its
     * value), or, for a delete, the hashed key is absent (Fabric's {@code checkIfPvtWriteIsStale}).
     */
    public ReconcileOutcome reconcile(MissingPrivateData missing, KvRwSet rwSet) {
        Objects.requireNonNull(missing, "missing");
        Objects.requireNonNull(rwSet, "rwSet");
        lock.writeLock().lock();
        try {
            if (!privateStore.isMissing(missing)) {
                return ReconcileOutcome.NOT_MISSING;
            }
            long last = state.lastCommittedBlock().orElse(-1);
            long btl = blockToLive.blockToLive(state, missing.namespace(), missing.collection());
            if (PrivateDataStore.expiringBlock(missing.blockNum(), btl) <= last) {
                WriteBatch batch = stateKv.newBatch();
                privateStore.clearMissing(batch, missing);
                stateKv.write(batch);
                return ReconcileOutcome.EXPIRED;
            }
            Optional<Bytes> expected = expectedHash(missing);
            Bytes encoded = ProtoCodec.encode(rwSet);
            if (expected.isEmpty() || !expected.get().equals(Hashes.sha256(encoded))) {
                return ReconcileOutcome.MISMATCH;
            }
            WriteBatch batch = stateKv.newBatch();
            privateStore.put(batch, new PrivateWriteSet(missing.blockNum(), missing.txNum(), missing.namespace(),
                    missing.collection(), encoded));
            privateStore.clearMissing(batch, missing);
            state.stage(currentWrites(missing, rwSet), batch);
            stateKv.write(batch);
            return ReconcileOutcome.STORED;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The {@code pvt_rwset_hash} the block carries for the missing data, if its transaction is valid. */
    private Optional<Bytes> expectedHash(MissingPrivateData missing) {
        long n = missing.blockNum();
        int txNum = (int) missing.txNum();
        Optional<ProtocolBlock> block = blocks.block(n);
        List<TxValidationResult> results = blocks.validationResults(n);
        if (block.isEmpty() || txNum >= block.get().data().size() || txNum >= results.size() || !results.get(txNum).isValid()) {
            return Optional.empty();
        }
        return StoredTransaction.effects(n, txNum, block.get().data().get(txNum)).flatMap(tx -> {
            for (NsReadWriteSet ns : tx.rwset().nsRwSets()) {
                if (ns.namespace().equals(missing.namespace())) {
                    for (CollectionHashedRwSet coll : ns.collectionHashedRwSets()) {
                        if (coll.collectionName().equals(missing.collection())) {
                            return Optional.of(coll.pvtRwSetHash());
                        }
                    }
                }
            }
            return Optional.empty();
        });
    }

    /** The private state updates of late data: only the writes still current (see {@link #reconcile}). */
    private UpdateBatch currentWrites(MissingPrivateData missing, KvRwSet rwSet) {
        String ns = missing.namespace();
        String coll = missing.collection();
        Version written = missing.version();
        UpdateBatch updates = new UpdateBatch();
        Set<String> valueWritten = new HashSet<>();
        for (KvWrite write : rwSet.writes()) {
            valueWritten.add(write.key());
            Optional<VersionedValue> hashed = state.getHashed(ns, coll, PrivateWriteSets.hash(write.key()));
            if (hashed.isEmpty()) {
                if (write.deletes()) {
                    updates.deletePrivate(ns, coll, write.key(), written);
                }
                continue;
            }
            if (write.deletes()) {
                continue;
            }
            VersionedValue current = hashed.get();
            if (current.version().equals(written) || current.value().equals(Hashes.sha256(write.value()))) {
                updates.putPrivate(ns, coll, write.key(), new VersionedValue(write.value(), current.version(), current.metadata()));
            }
        }
        for (KvMetadataWrite meta : rwSet.metadataWrites()) {
            if (valueWritten.contains(meta.key())) {
                continue;
            }
            Optional<VersionedValue> hashed = state.getHashed(ns, coll, PrivateWriteSets.hash(meta.key()));
            Optional<VersionedValue> held = state.getPrivate(ns, coll, meta.key());
            if (hashed.isPresent() && held.isPresent() && hashed.get().value().equals(Hashes.sha256(held.get().value()))) {
                updates.putPrivate(ns, coll, meta.key(), new VersionedValue(held.get().value(), hashed.get().version(),
                        hashed.get().metadata()));
            }
        }
        return updates;
    }

    /** Replays the stored blocks above the state's savepoint; returns how many. */
    private int replayMissingBlocks() {
        OptionalLong savepoint = state.lastCommittedBlock();
        long next = savepoint.isPresent() ? savepoint.getAsLong() + 1 : 0;
        int replayed = 0;
        for (long n = next; n < blocks.height(); n++) {
            replay(n);
            replayed++;
        }
        if (replayed > 0) {
            LOG.info("channel {}: replayed {} block(s) into the state (savepoint was {})", channelId, replayed,
                    savepoint.isPresent() ? savepoint.getAsLong() : "none");
        }
        return replayed;
    }

    private void replay(long number) {
        ProtocolBlock block = blocks.block(number).orElseThrow();
        Bytes filter = block.metadata(BlockMetadataIndex.TRANSACTIONS_FILTER);
        List<ValidTx> valid = new ArrayList<>(block.data().size());
        for (int i = 0; i < block.data().size(); i++) {
            boolean isValid = i < filter.size() && filter.byteAt(i) == 0;
            valid.add(isValid ? StoredTransaction.effects(number, i, block.data().get(i)).orElse(null) : null);
        }
        Map<Integer, TxPvtReadWriteSet> pvt = storedPrivateData(number);
        applyState(number, BlockUpdates.compute(number, valid, pvt, state, true));
    }

    /** The private write sets stored for block {@code number}, grouped per transaction. */
    private Map<Integer, TxPvtReadWriteSet> storedPrivateData(long number) {
        Map<Integer, SortedMap<String, SortedMap<String, KvRwSet>>> byTx = new TreeMap<>();
        for (PrivateWriteSet set : privateStore.getByBlock(number)) {
            byTx.computeIfAbsent((int) set.txNum(), t -> new TreeMap<>())
                    .computeIfAbsent(set.namespace(), n -> new TreeMap<>())
                    .put(set.collection(), ProtoCodec.decodeKvRwSet(set.rwSet()));
        }
        Map<Integer, TxPvtReadWriteSet> out = new TreeMap<>();
        byTx.forEach((tx, nss) -> out.put(tx, TxPvtReadWriteSet.of(nss)));
        return out;
    }

    /**
     * Rebuilds the world state and the history index from the block store (and the private data
     * store), as Fabric's rebuild does: derived data is wiped and every block replayed.
     */
    public void rebuildDerivedState() {
        lock.writeLock().lock();
        try {
            Set<String> derived = union(StateDb.COLUMNS, HistoryIndex.COLUMNS, ExpiryKeeper.COLUMNS);
            for (String column : derived) {
                WriteBatch batch = stateKv.newBatch();
                try (KvIterator it = stateKv.iterate(column, null, null)) {
                    while (it.next()) {
                        batch.delete(column, it.key());
                    }
                }
                stateKv.write(batch);
            }
            for (long n = 0; n < blocks.height(); n++) {
                replay(n);
            }
            LOG.info("channel {}: rebuilt state and history from {} blocks", channelId, blocks.height());
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Recomputes every block's data hash and the hash chain.
     *
     * @throws LedgerIntegrityException naming the first block whose bytes, number, data hash or previous
     *     hash are not what was committed
     */
    public void verifyChain() {
        Bytes previous = Bytes.EMPTY;
        for (long n = 0; n < blocks.height(); n++) {
            Bytes stored = blocks.blockBytes(n).orElseThrow(() -> new IllegalStateException("missing block"));
            ProtocolBlock block;
            try {
                block = ProtoCodec.decodeBlock(stored);
            } catch (CodecException e) {
                throw new LedgerIntegrityException(n, "block " + n + " of channel " + channelId
                        + " cannot be decoded: " + e.getMessage());
            }
            if (block.number() != n) {
                throw new LedgerIntegrityException(n, "block " + n + " of channel " + channelId + " says it is block "
                        + block.number());
            }
            Bytes dataHash = Hashes.blockDataHash(block.data());
            if (!dataHash.equals(block.header().dataHash())) {
                throw new LedgerIntegrityException(n, "block " + n + " of channel " + channelId
                        + ": its transactions hash to " + dataHash + " but its header says " + block.header().dataHash());
            }
            if (n > 0 && !block.header().previousHash().equals(previous)) {
                throw new LedgerIntegrityException(n, "block " + n + " of channel " + channelId + ": previous hash "
                        + block.header().previousHash() + " but block " + (n - 1) + " hashes to " + previous);
            }
            previous = Hashes.blockHeaderHash(block.header());
        }
    }

    /** Block {@code number} as users see it. */
    public Optional<Block> block(long number) {
        return blocks.block(number).map(Block::of);
    }

    /** The code of the first transaction with {@code txId}, if stored. */
    public Optional<TxValidationCode> validationCode(String txId) {
        return blocks.transaction(txId).map(TxLocation::code);
    }

    /** The committed value of a public key, or {@code null} when absent. */
    public byte[] worldState(String namespace, String key) {
        return state.get(namespace, key).map(VersionedValue::value).map(Bytes::toByteArray).orElse(null);
    }

    /** The committed changes of a public key, newest first. */
    public List<KeyModification> history(String namespace, String key) {
        try (ResultsIterator<KeyModification> it = history.getHistoryForKey(namespace, key)) {
            return it.toList();
        }
    }

    /** Closes both stores; idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            stateKv.close();
            blockKv.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new HashSet<>();
        for (Set<String> set : sets) {
            all.addAll(set);
        }
        return Set.copyOf(all);
    }
}
