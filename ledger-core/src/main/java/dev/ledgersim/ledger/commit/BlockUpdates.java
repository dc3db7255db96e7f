package dev.ledgersim.ledger.commit;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.codec.CollectionPvtReadWriteSet;
import dev.ledgersim.ledger.codec.NsPvtReadWriteSet;
import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvMetadataWriteHash;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.KvWriteHash;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.state.CollectionId;
import dev.ledgersim.ledger.state.ExpiryKeeper;
import dev.ledgersim.ledger.state.KeyModification;
import dev.ledgersim.ledger.state.PrivateDataStore;
import dev.ledgersim.ledger.state.PrivateWriteSet;
import dev.ledgersim.ledger.state.ResultsIterator;
import dev.ledgersim.ledger.state.StateDb;
import dev.ledgersim.ledger.state.StateEntry;
import dev.ledgersim.ledger.state.UpdateBatch;
import dev.ledgersim.ledger.state.VersionedValue;
import dev.ledgersim.ledger.validation.BlockValidation.ValidTx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state changes of one block: computed from its valid transactions, in block order, over the
 * committed state before the block (Fabric's {@code validation/tx_ops.go prepareTxOps} and
 * {@code batch_preparer.go}). The same computation serves a normal commit and the replay of stored
 * blocks after a crash or for a rebuild, so both give the same bytes.
 *
 * <ul>
 *   <li>A write sets the value (keeping the key's existing metadata); an empty value or the delete flag
 *       removes the key and its metadata.</li>
 *   <li>A metadata-only write on an existing key keeps its value, replaces its metadata and gives it a
 *       new version; on an absent key it does nothing.</li>
 *   <li>Hashed private writes update the hashed state the same way; a purge removes the key.</li>
 *   <li>Private write sets given for valid transactions are checked against the block's
 *       {@code pvt_rwset_hash}; matching ones update the private state and are kept for the private data
 *       store, others are reported as mismatched and ignored.</li>
 *   <li>Every public write of a valid transaction becomes a history entry.</li>
 *   <li>A purge ({@code PurgePrivateData}) deletes the hashed and private key; when this peer lacks the
 *       purging transaction's private data, the private key is found by its hash. It is reported in
 *       {@link #purges()} so that the committer removes the key's earlier versions from the private data
 *       store, and earlier write sets of this very block lose the key before they are stored.</li>
 *   <li>The final hashed puts of the block are reported in {@link #hashedPuts()}, for the BlockToLive
 *       schedule.</li>
 * </ul>
 */
public final class BlockUpdates {

    /** One history entry to index. */
    public record HistoryEntry(String namespace, String key, KeyModification modification) {
    }

    private final UpdateBatch updates = new UpdateBatch();
    private final List<HistoryEntry> history = new ArrayList<>();
    private final List<PrivateWriteSet> privateWriteSets = new ArrayList<>();
    private final List<String> privateDataProblems = new ArrayList<>();
    private final List<PrivateDataStore.KeyPurge> purges = new ArrayList<>();
    private final SortedMap<CollectionId, SortedMap<Bytes, Version>> hashedPuts = new TreeMap<>();
    private final StateDb committed;
    private final boolean privateDataVerified;

    private BlockUpdates(StateDb committed, boolean privateDataVerified) {
        this.committed = committed;
        this.privateDataVerified = privateDataVerified;
    }

    /**
     * The changes of block {@code blockNumber}.
     *
     * @param validTransactions by transaction number: the valid ones, {@code null} for the others
     * @param privateData by transaction number: the private rw-sets available to this peer (may be empty)
     * @param committed the state as of the previous block
     */
    public static BlockUpdates compute(long blockNumber, List<ValidTx> validTransactions,
                                       Map<Integer, TxPvtReadWriteSet> privateData, StateDb committed) {
        return compute(blockNumber, validTransactions, privateData, committed, false);
    }

    /**
     * The changes of block {@code blockNumber}.
     *
     * @param privateDataVerified whether {@code privateData} comes from this peer's private data store,
     *     where it was checked against the block when stored and may since have lost purged keys: it is
     *     then applied without comparing it with {@code pvt_rwset_hash} (replay, rebuild)
     */
    public static BlockUpdates compute(long blockNumber, List<ValidTx> validTransactions,
                                       Map<Integer, TxPvtReadWriteSet> privateData, StateDb committed,
                                       boolean privateDataVerified) {
        BlockUpdates result = new BlockUpdates(committed, privateDataVerified);
        for (int txNum = 0; txNum < validTransactions.size(); txNum++) {
            ValidTx tx = validTransactions.get(txNum);
            if (tx != null) {
                result.apply(new Version(blockNumber, txNum), tx, privateData.get(txNum));
            }
        }
        result.dropPurgedKeysFromEarlierWriteSets();
        return result;
    }

    /** The state changes, for {@link StateDb#apply}. */
    public UpdateBatch updates() {
        return updates;
    }

    /** The history entries, in block order. */
    public List<HistoryEntry> history() {
        return history;
    }

    /** The private write sets that matched their hashes, for the private data store. */
    public List<PrivateWriteSet> privateWriteSets() {
        return privateWriteSets;
    }

    /** Private rw-sets that were given but did not match the block's hashes (ignored). */
    public List<String> privateDataProblems() {
        return privateDataProblems;
    }

    /** The keys purged by valid transactions of the block, in block order. */
    public List<PrivateDataStore.KeyPurge> purges() {
        return purges;
    }

    /** The hashed keys the block leaves set, with the height of their last write (BlockToLive schedule). */
    public List<ExpiryKeeper.Entry> hashedPuts() {
        List<ExpiryKeeper.Entry> out = new ArrayList<>();
        hashedPuts.forEach((id, keys) -> keys.forEach((keyHash, version) ->
                out.add(new ExpiryKeeper.Entry(id.namespace(), id.collection(), keyHash, version))));
        return out;
    }

    private void apply(Version version, ValidTx tx, TxPvtReadWriteSet privateData) {
        for (NsReadWriteSet ns : tx.rwset().nsRwSets()) {
            String namespace = ns.namespace();
            SortedMap<String, KvMetadataWrite> metadataByKey = new TreeMap<>();
            for (KvMetadataWrite meta : ns.rwset().metadataWrites()) {
                metadataByKey.put(meta.key(), meta);
            }
            for (KvWrite write : ns.rwset().writes()) {
                KvMetadataWrite meta = metadataByKey.remove(write.key());
                if (write.deletes()) {
                    updates.delete(namespace, write.key(), version);
                } else {
                    SortedMap<String, Bytes> metadata = meta != null ? VersionedValue.metadataOf(meta.entries())
                            : latest(namespace, write.key()).map(VersionedValue::metadata).orElse(new TreeMap<>());
                    updates.put(namespace, write.key(), new VersionedValue(write.value(), version, metadata));
                }
                history.add(new HistoryEntry(namespace, write.key(),
                        new KeyModification(version, tx.txId(), write.deletes() ? Bytes.EMPTY : write.value(),
                                tx.timestamp(), write.deletes())));
            }
            for (KvMetadataWrite meta : metadataByKey.values()) {
                latest(namespace, meta.key()).ifPresent(existing -> updates.put(namespace, meta.key(),
                        new VersionedValue(existing.value(), version, VersionedValue.metadataOf(meta.entries()))));
            }
            for (CollectionHashedRwSet coll : ns.collectionHashedRwSets()) {
                applyHashed(version, namespace, coll);
            }
        }
        Set<CollectionId> applied = privateData == null ? Set.of() : applyPrivate(version, tx, privateData);
        for (NsReadWriteSet ns : tx.rwset().nsRwSets()) {
            for (CollectionHashedRwSet coll : ns.collectionHashedRwSets()) {
                for (KvWriteHash write : coll.hashedRwSet().hashedWrites()) {
                    if (!write.isPurge()) {
                        continue;
                    }
                    purges.add(new PrivateDataStore.KeyPurge(ns.namespace(), coll.collectionName(), write.keyHash(), version));
                    if (!applied.contains(new CollectionId(ns.namespace(), coll.collectionName()))) {
                        // Without the purging transaction's private data, find the clear key by its hash.
                        privateKeyOf(ns.namespace(), coll.collectionName(), write.keyHash()).ifPresent(key ->
                                updates.deletePrivate(ns.namespace(), coll.collectionName(), key, version));
                    }
                }
            }
        }
    }

    /** The committed private key of a collection whose hash is {@code keyHash}, found by a scan. */
    private Optional<String> privateKeyOf(String namespace, String collection, Bytes keyHash) {
        try (ResultsIterator<StateEntry> it = committed.privateRange(namespace, collection, "", "")) {
            while (it.hasNext()) {
                String key = it.next().key();
                if (PrivateWriteSets.hash(key).equals(keyHash)) {
                    return Optional.of(key);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * A purge removes the key from every earlier version in the private data store, including the write
     * sets of earlier transactions of this block, which are not stored yet.
     */
    private void dropPurgedKeysFromEarlierWriteSets() {
        if (purges.isEmpty() || privateWriteSets.isEmpty()) {
            return;
        }
        ListIterator<PrivateWriteSet> it = privateWriteSets.listIterator();
        while (it.hasNext()) {
            PrivateWriteSet set = it.next();
            Set<Bytes> purged = new HashSet<>();
            for (PrivateDataStore.KeyPurge purge : purges) {
                if (purge.namespace().equals(set.namespace()) && purge.collection().equals(set.collection())
                        && set.version().compareTo(purge.purgedAt()) < 0) {
                    purged.add(purge.keyHash());
                }
            }
            if (purged.isEmpty()) {
                continue;
            }
            Bytes rewritten = PrivateWriteSets.withoutKeys(set, purged);
            if (rewritten.isEmpty()) {
                it.remove();
            } else if (!rewritten.equals(set.rwSet())) {
                it.set(new PrivateWriteSet(set.blockNum(), set.txNum(), set.namespace(), set.collection(), rewritten));
            }
        }
    }

    private void applyHashed(Version version, String namespace, CollectionHashedRwSet coll) {
        String collection = coll.collectionName();
        SortedMap<Bytes, KvMetadataWriteHash> metadataByKey = new TreeMap<>();
        for (KvMetadataWriteHash meta : coll.hashedRwSet().metadataWrites()) {
            metadataByKey.put(meta.keyHash(), meta);
        }
        for (KvWriteHash write : coll.hashedRwSet().hashedWrites()) {
            KvMetadataWriteHash meta = metadataByKey.remove(write.keyHash());
            if (write.isDelete() || write.isPurge()) {
                updates.deleteHashed(namespace, collection, write.keyHash(), version);
                trackHashed(namespace, collection, write.keyHash(), null);
            } else {
                SortedMap<String, Bytes> metadata = meta != null ? VersionedValue.metadataOf(meta.entries())
                        : latestHashed(namespace, collection, write.keyHash()).map(VersionedValue::metadata)
                        .orElse(new TreeMap<>());
                updates.putHashed(namespace, collection, write.keyHash(), new VersionedValue(write.valueHash(), version, metadata));
                trackHashed(namespace, collection, write.keyHash(), version);
            }
        }
        for (KvMetadataWriteHash meta : metadataByKey.values()) {
            latestHashed(namespace, collection, meta.keyHash()).ifPresent(existing -> {
                updates.putHashed(namespace, collection, meta.keyHash(),
                        new VersionedValue(existing.value(), version, VersionedValue.metadataOf(meta.entries())));
                trackHashed(namespace, collection, meta.keyHash(), version);
            });
        }
    }

    private void trackHashed(String namespace, String collection, Bytes keyHash, Version version) {
        SortedMap<Bytes, Version> keys = hashedPuts.computeIfAbsent(new CollectionId(namespace, collection), c -> new TreeMap<>());
        if (version == null) {
            keys.remove(keyHash);
        } else {
            keys.put(keyHash, version);
        }
    }

    private Set<CollectionId> applyPrivate(Version version, ValidTx tx, TxPvtReadWriteSet privateData) {
        Set<CollectionId> applied = new HashSet<>();
        for (NsPvtReadWriteSet ns : privateData.nsPvtRwSets()) {
            for (CollectionPvtReadWriteSet coll : ns.collectionPvtRwSets()) {
                Optional<CollectionHashedRwSet> hashed = tx.rwset().nsRwSets().stream()
                        .filter(n -> n.namespace().equals(ns.namespace()))
                        .flatMap(n -> n.collectionHashedRwSets().stream())
                        .filter(c -> c.collectionName().equals(coll.collectionName()))
                        .findFirst();
                Bytes encoded = ProtoCodec.encode(coll.rwset());
                boolean matches = hashed.isPresent() && (privateDataVerified || hashed.get().pvtRwSetHash().equals(Hashes.sha256(encoded)));
                if (!matches) {
                    privateDataProblems.add("transaction " + tx.txId() + ": private data of " + ns.namespace() + "/"
                            + coll.collectionName() + " does not match the hash in the block; ignored");
                    continue;
                }
                applyPrivateWrites(version, ns.namespace(), coll.collectionName(), coll.rwset());
                privateWriteSets.add(new PrivateWriteSet(version.blockNum(), version.txNum(), ns.namespace(),
                        coll.collectionName(), encoded));
                applied.add(new CollectionId(ns.namespace(), coll.collectionName()));
            }
        }
        return applied;
    }

    private void applyPrivateWrites(Version version, String namespace, String collection, KvRwSet rwset) {
        SortedMap<String, KvMetadataWrite> metadataByKey = new TreeMap<>();
        for (KvMetadataWrite meta : rwset.metadataWrites()) {
            metadataByKey.put(meta.key(), meta);
        }
        for (KvWrite write : rwset.writes()) {
            KvMetadataWrite meta = metadataByKey.remove(write.key());
            if (meta != null && !write.deletes()) {
                updates.putPrivate(namespace, collection, write.key(),
                        new VersionedValue(write.value(), version, VersionedValue.metadataOf(meta.entries())));
                continue;
            }
            if (write.deletes()) {
                updates.deletePrivate(namespace, collection, write.key(), version);
            } else {
                SortedMap<String, Bytes> metadata = latestPrivate(namespace, collection, write.key())
                        .map(VersionedValue::metadata).orElse(new TreeMap<>());
                updates.putPrivate(namespace, collection, write.key(), new VersionedValue(write.value(), version, metadata));
            }
        }
        // A metadata-only update moves the private version with the hashed one (Fabric's incrementPvtdataVersionIfNeeded).
        for (KvMetadataWrite meta : metadataByKey.values()) {
            latestPrivate(namespace, collection, meta.key()).ifPresent(existing -> updates.putPrivate(namespace, collection,
                    meta.key(), new VersionedValue(existing.value(), version, VersionedValue.metadataOf(meta.entries()))));
        }
    }

    private Optional<VersionedValue> latest(String namespace, String key) {
        Optional<UpdateBatch.Update> pending = updates.get(namespace, key);
        if (pending.isPresent()) {
            return pending.get() instanceof UpdateBatch.Put put ? Optional.of(put.value()) : Optional.empty();
        }
        return committed.get(namespace, key);
    }

    private Optional<VersionedValue> latestHashed(String namespace, String collection, Bytes keyHash) {
        Optional<UpdateBatch.Update> pending = updates.getHashed(namespace, collection, keyHash);
        if (pending.isPresent()) {
            return pending.get() instanceof UpdateBatch.Put put ? Optional.of(put.value()) : Optional.empty();
        }
        return committed.getHashed(namespace, collection, keyHash);
    }

    private Optional<VersionedValue> latestPrivate(String namespace, String collection, String key) {
        Optional<UpdateBatch.Update> pending = updates.getPrivate(namespace, collection, key);
        if (pending.isPresent()) {
            return pending.get() instanceof UpdateBatch.Put put ? Optional.of(put.value()) : Optional.empty();
        }
        return committed.getPrivate(namespace, collection, key);
    }
}
