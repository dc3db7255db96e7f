package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.storage.KvIterator;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToLongFunction;

/**
 * The private data store of a peer: the committed private write sets of the collections it is a
 * member of, by {@code (blockNum, txNum, namespace, collection)}, the record of eligible data it is
 * still missing, and their removal when their BlockToLive expires or when a key is purged.
 *
 * <p><b>Layout.</b> Three columns ({@link #COLUMNS}); heights are 8-byte big-endian:
 * <pre>
 * pvt_data     be64(block) be64(tx) utf8(ns) 0x00 utf8(coll)              → the encoded private KvRwSet
 * pvt_missing  be64(block) be64(tx) utf8(ns) 0x00 utf8(coll)              → (empty)
 * pvt_expiry   kind utf8(ns) 0x00 utf8(coll) 0x00 be64(block) be64(tx)    → (empty); kind 'D' = data, 'M' = missing
 * </pre>
 * {@code pvt_expiry} orders each collection's entries by height, so expiry reads only what expires
 * (plus one seek per collection), and explicit purge only that collection's entries.
 *
 * <p><b>BlockToLive</b> (FABRIC.md §6.4). Data committed in block N with BTL b &gt; 0 expires when
 * block {@link #expiringBlock N + b + 1} commits; b = 0 means never. The committer calls
 * {@link #purgeExpired} with every block it commits, so expired data is never served.
 *
 * <p><b>Atomicity.</b> Every change is staged into a {@link WriteBatch} the caller writes, normally
 * the commit batch of the block ({@link StateDb#apply(UpdateBatch, long, WriteBatch)}), or a batch of
 * its own (reconciliation: {@link #put} plus {@link #clearMissing} together). Staging methods read only
 * committed data, not what is already staged, so stage at most one {@link #purgeKeys} and then one
 * {@link #purgeExpired} per batch.
 * Thread-safe as the store is.
 */
public final class PrivateDataStore {

    /** The columns the store must have. */
    public static final Set<String> COLUMNS = Set.of("pvt_data", "pvt_missing", "pvt_expiry");

    static final String DATA = "pvt_data";
    static final String MISSING = "pvt_missing";
    static final String EXPIRY = "pvt_expiry";
    private static final byte KIND_DATA = 'D';
    private static final byte KIND_MISSING = 'M';
    private static final byte[] ZERO = {0};
    private static final byte[] EMPTY = {};

    /**
     * A key purged by {@code PurgePrivateData} (FABRIC.md §6.5): every stored version of it below
     * {@code purgedAt} is removed.
     *
     * @param namespace the chaincode
     * @param collection the collection
     * @param keyHash {@code H(key)}
     * @param purgedAt the height of the purging transaction
     */
    public record KeyPurge(String namespace, String collection, Bytes keyHash, Version purgedAt) {
        /** Validates. */
        public KeyPurge {
            Names.namespace(namespace);
            Names.collection(collection);
            Objects.requireNonNull(keyHash, "keyHash");
            Objects.requireNonNull(purgedAt, "purgedAt");
        }
    }

    /**
     * Removes keys from an encoded private write set. The store keeps write sets opaque, so the caller,
     * which has the codec, rewrites them.
     */
    @FunctionalInterface
    public interface KeyRemover {
        /**
         * {@code stored.rwSet()} without the reads and writes of the keys whose hashes are in
         * {@code keyHashes}: the same bytes if it has none of them, {@link Bytes#EMPTY} if nothing remains
         * (the entry is then deleted).
         */
        Bytes withoutKeys(PrivateWriteSet stored, Set<Bytes> keyHashes);
    }

    private final KvStore store;

    /**
     * The private data held in {@code store}.
     *
     * @throws IllegalArgumentException if the store lacks one of {@link #COLUMNS}
     */
    public PrivateDataStore(KvStore store) {
        this.store = StateDb.requireColumns(store, COLUMNS, "PrivateDataStore");
    }

    /**
     * The block in which data committed in {@code committingBlock} with {@code blockToLive} expires:
     * {@code committingBlock + blockToLive + 1}, or {@link Long#MAX_VALUE} (never) when
     * {@code blockToLive} is 0 or the sum overflows.
     */
    public static long expiringBlock(long committingBlock, long blockToLive) {
        checkBlockToLive(blockToLive, null);
        if (blockToLive == 0) {
            return Long.MAX_VALUE;
        }
        long expiring = committingBlock + blockToLive + 1;
        return expiring < committingBlock || expiring <= 0 ? Long.MAX_VALUE : expiring;
    }

    /** Stages the private write set {@code writeSet}; it replaces one stored at the same place. */
    public void put(WriteBatch batch, PrivateWriteSet writeSet) {
        Objects.requireNonNull(writeSet, "writeSet");
        CollectionId id = writeSet.collectionId();
        batch.put(DATA, dataKey(writeSet.blockNum(), writeSet.txNum(), id), writeSet.rwSet().unsafeArray());
        batch.put(EXPIRY, expiryKey(KIND_DATA, id, writeSet.blockNum(), writeSet.txNum()), EMPTY);
    }

    /** The write sets committed in {@code blockNum}, ordered by transaction, then namespace and collection. */
    public List<PrivateWriteSet> getByBlock(long blockNum) {
        checkBlock(blockNum);
        byte[] from = new ByteWriter(8).fixed64(blockNum).toByteArray();
        List<PrivateWriteSet> result = new ArrayList<>();
        try (KvIterator it = store.iterate(DATA, from, ByteWriter.prefixEnd(from))) {
            while (it.next()) {
                result.add(decodeData(it.key(), it.value()));
            }
        }
        return result;
    }

    /** The write set of one collection in one transaction, if stored. */
    public Optional<PrivateWriteSet> get(long blockNum, long txNum, String namespace, String collection) {
        CollectionId id = new CollectionId(namespace, collection);
        checkBlock(blockNum);
        checkBlock(txNum);
        byte[] value = store.get(DATA, dataKey(blockNum, txNum, id));
        return value == null ? Optional.empty()
                : Optional.of(new PrivateWriteSet(blockNum, txNum, namespace, collection, Bytes.wrap(value)));
    }

    /**
     * Stages the removal of the data and missing-data records that expire when block
     * {@code committedBlock} commits: those committed in a block N with
     * {@code expiringBlock(N, btl) <= committedBlock}.
     *
     * @param blockToLive the BlockToLive of each collection that has data (0 = never expires)
     * @return the number of write sets and missing-data records removed
     */
    public int purgeExpired(WriteBatch batch, long committedBlock, ToLongFunction<CollectionId> blockToLive) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(blockToLive, "blockToLive");
        checkBlock(committedBlock);
        int purged = 0;
        for (byte kind : new byte[] {KIND_DATA, KIND_MISSING}) {
            byte[] cursor = {kind};
            byte[] kindEnd = {(byte) (kind + 1)};
            while (true) {
                byte[] collPrefix;
                try (KvIterator it = store.iterate(EXPIRY, cursor, kindEnd)) {
                    if (!it.next()) {
                        break;
                    }
                    collPrefix = expiryCollectionPrefix(it.key());
                }
                CollectionId id = expiryCollection(collPrefix);
                long btl = blockToLive.applyAsLong(id);
                checkBlockToLive(btl, id);
                // Expired: N + btl + 1 <= committedBlock, i.e. N <= committedBlock - btl - 1 (no overflow: btl >= 1).
                long lastExpired = btl == 0 ? -1 : committedBlock - btl - 1;
                if (lastExpired >= 0) {
                    byte[] end = new ByteWriter(collPrefix.length + 8).raw(collPrefix).fixed64(lastExpired + 1).toByteArray();
                    try (KvIterator it = store.iterate(EXPIRY, collPrefix, end)) {
                        while (it.next()) {
                            byte[] key = it.key();
                            Version v = new ByteReader(key, collPrefix.length, () -> "expiry key of " + id).version();
                            batch.delete(EXPIRY, key);
                            batch.delete(kind == KIND_DATA ? DATA : MISSING, dataKey(v.blockNum(), v.txNum(), id));
                            purged++;
                        }
                    }
                }
                cursor = ByteWriter.prefixEnd(collPrefix);
            }
        }
        return purged;
    }

    /**
     * Stages the removal of every stored version of the purged keys below their purge height: each
     * <em>committed</em> write set of the collection below it is rewritten by {@code remover} (deleted if
     * nothing remains). Give all the purges of a block in one call, and stage it before
     * {@link #purgeExpired} in the same batch. Write sets of the block being committed are not seen here:
     * the committer, which holds them, drops the purged keys from those below the purging transaction
     * itself before {@link #put}.
     *
     * @return the number of write sets rewritten or deleted
     */
    public int purgeKeys(WriteBatch batch, Collection<KeyPurge> purges, KeyRemover remover) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(remover, "remover");
        Map<CollectionId, List<KeyPurge>> byCollection = new TreeMap<>();
        for (KeyPurge purge : purges) {
            byCollection.computeIfAbsent(new CollectionId(purge.namespace(), purge.collection()), c -> new ArrayList<>()).add(purge);
        }
        int changed = 0;
        for (Map.Entry<CollectionId, List<KeyPurge>> entry : byCollection.entrySet()) {
            CollectionId id = entry.getKey();
            List<KeyPurge> collPurges = entry.getValue();
            Version highest = collPurges.stream().map(KeyPurge::purgedAt).max(Version::compareTo).orElseThrow();
            byte[] prefix = expiryPrefix(KIND_DATA, id);
            byte[] end = new ByteWriter(prefix.length + 16).raw(prefix).fixed64(highest.blockNum()).fixed64(highest.txNum()).toByteArray();
            try (KvIterator it = store.iterate(EXPIRY, prefix, end)) {
                while (it.next()) {
                    byte[] indexKey = it.key();
                    Version stored = new ByteReader(indexKey, prefix.length, () -> "expiry key of " + id).version();
                    Set<Bytes> keyHashes = new TreeSet<>();
                    for (KeyPurge purge : collPurges) {
                        if (stored.compareTo(purge.purgedAt()) < 0) {
                            keyHashes.add(purge.keyHash());
                        }
                    }
                    if (keyHashes.isEmpty()) {
                        continue;
                    }
                    byte[] dataKey = dataKey(stored.blockNum(), stored.txNum(), id);
                    byte[] rwSet = store.get(DATA, dataKey);
                    if (rwSet == null) {
                        continue;
                    }
                    PrivateWriteSet ws = new PrivateWriteSet(stored.blockNum(), stored.txNum(), id.namespace(), id.collection(), Bytes.wrap(rwSet));
                    Bytes rewritten = Objects.requireNonNull(remover.withoutKeys(ws, Set.copyOf(keyHashes)), "rewritten rwSet");
                    if (rewritten.equals(ws.rwSet())) {
                        continue;
                    }
                    if (rewritten.isEmpty()) {
                        batch.delete(DATA, dataKey);
                        batch.delete(EXPIRY, indexKey);
                    } else {
                        batch.put(DATA, dataKey, rewritten.unsafeArray());
                        batch.put(EXPIRY, indexKey, EMPTY); // keeps data and index together whatever is staged after
                    }
                    changed++;
                }
            }
        }
        return changed;
    }

    /** Stages a record that this peer is missing {@code missing}. */
    public void markMissing(WriteBatch batch, MissingPrivateData missing) {
        Objects.requireNonNull(missing, "missing");
        CollectionId id = missing.collectionId();
        batch.put(MISSING, dataKey(missing.blockNum(), missing.txNum(), id), EMPTY);
        batch.put(EXPIRY, expiryKey(KIND_MISSING, id, missing.blockNum(), missing.txNum()), EMPTY);
    }

    /** Stages the removal of the record {@code missing} (reconciled, or given up). */
    public void clearMissing(WriteBatch batch, MissingPrivateData missing) {
        Objects.requireNonNull(missing, "missing");
        CollectionId id = missing.collectionId();
        batch.delete(MISSING, dataKey(missing.blockNum(), missing.txNum(), id));
        batch.delete(EXPIRY, expiryKey(KIND_MISSING, id, missing.blockNum(), missing.txNum()));
    }

    /** Whether the record {@code missing} is (still) stored. */
    public boolean isMissing(MissingPrivateData missing) {
        Objects.requireNonNull(missing, "missing");
        return store.get(MISSING, dataKey(missing.blockNum(), missing.txNum(), missing.collectionId())) != null;
    }

    /** Every missing-data record, ordered by block, transaction, namespace and collection. */
    public List<MissingPrivateData> missing() {
        List<MissingPrivateData> result = new ArrayList<>();
        try (KvIterator it = store.iterate(MISSING, null, null)) {
            while (it.next()) {
                PrivateWriteSet decoded = decodeData(it.key(), EMPTY);
                result.add(new MissingPrivateData(decoded.blockNum(), decoded.txNum(), decoded.namespace(), decoded.collection()));
            }
        }
        return result;
    }

    private static byte[] dataKey(long blockNum, long txNum, CollectionId id) {
        byte[] ns = Names.namespace(id.namespace());
        byte[] coll = Names.collection(id.collection());
        return new ByteWriter(16 + ns.length + 1 + coll.length).fixed64(blockNum).fixed64(txNum).raw(ns).raw(ZERO).raw(coll).toByteArray();
    }

    private static PrivateWriteSet decodeData(byte[] key, byte[] value) {
        ByteReader r = new ByteReader(key, () -> "private data key " + HexFormat.of().formatHex(key));
        Version v = r.version();
        String ns = new String(r.untilZero(), StandardCharsets.US_ASCII);
        String coll = new String(r.rest(), StandardCharsets.US_ASCII);
        return new PrivateWriteSet(v.blockNum(), v.txNum(), ns, coll, Bytes.wrap(value));
    }

    private static byte[] expiryPrefix(byte kind, CollectionId id) {
        return ByteWriter.concat(new byte[] {kind}, Names.namespace(id.namespace()), ZERO, Names.collection(id.collection()), ZERO);
    }

    private static byte[] expiryKey(byte kind, CollectionId id, long blockNum, long txNum) {
        byte[] prefix = expiryPrefix(kind, id);
        return new ByteWriter(prefix.length + 16).raw(prefix).fixed64(blockNum).fixed64(txNum).toByteArray();
    }

    /** {@code kind ns 0x00 coll 0x00} of an expiry key. */
    private static byte[] expiryCollectionPrefix(byte[] key) {
        ByteReader r = new ByteReader(key, 1, () -> "expiry key " + HexFormat.of().formatHex(key));
        r.untilZero();
        r.untilZero();
        return Arrays.copyOf(key, r.position());
    }

    private static CollectionId expiryCollection(byte[] collPrefix) {
        ByteReader r = new ByteReader(collPrefix, 1, () -> "expiry key prefix");
        return new CollectionId(new String(r.untilZero(), StandardCharsets.US_ASCII), new String(r.untilZero(), StandardCharsets.US_ASCII));
    }

    private static void checkBlock(long number) {
        if (number < 0) {
            throw new IllegalArgumentException("block and tx numbers must be non-negative, got " + number);
        }
    }

    private static void checkBlockToLive(long blockToLive, CollectionId id) {
        if (blockToLive < 0) {
            throw new IllegalArgumentException("BlockToLive must be non-negative (0 = never expires), got " + blockToLive
                    + (id == null ? "" : " for " + id));
        }
    }
}
