package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.StorageException;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The versioned world state of one channel: public state, hashed private state and private state,
 * plus the savepoint (the last committed block), on top of a {@link KvStore}.
 *
 * <p><b>Layout.</b> Four columns ({@link #COLUMNS}); names are ASCII without 0x00 (see
 * {@link CollectionId}), keys are UTF-8 and may contain 0x00:
 * <pre>
 * state          utf8(namespace) 0x00 utf8(key)                       → VersionedValue
 * state_hashed   utf8(namespace) 0x00 utf8(collection) 0x00 keyHash   → VersionedValue (value = H(value))
 * state_private  utf8(namespace) 0x00 utf8(collection) 0x00 utf8(key) → VersionedValue
 * state_meta     "savepoint"                                          → 8-byte big-endian block number
 * </pre>
 * Because a namespace (and collection) contains no 0x00 and is followed by one, every key of a
 * namespace lies in {@code [ns 0x00, ns 0x01)} and no other namespace's key does; keys within it sort
 * in UTF-8 byte order, as in Fabric. Values are encoded as {@link ValueCodec} documents.
 *
 * <p><b>Atomicity.</b> {@link #apply(UpdateBatch, long, WriteBatch)} writes a block's updates and the
 * new savepoint in one {@link KvStore#write}, together with anything else the caller put in the same
 * batch (history entries, private data), so after a crash the state is exactly that of the savepoint
 * block. The savepoint only moves forward.
 *
 * <p><b>Concurrency.</b> Thread-safe as the store is; reads are not isolated from a concurrent
 * {@code apply} beyond single keys, so peers hold a read lock while simulating and a write lock while
 * committing, as Fabric does.
 */
public final class StateDb {

    /** The columns the store must have. */
    public static final Set<String> COLUMNS = Set.of("state", "state_hashed", "state_private", "state_meta");

    static final String PUBLIC = "state";
    static final String HASHED = "state_hashed";
    static final String PRIVATE = "state_private";
    static final String META = "state_meta";
    private static final byte[] SAVEPOINT = "savepoint".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ZERO = {0};

    private final KvStore store;
    private final Set<String> cachedNamespaces = ConcurrentHashMap.newKeySet();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    /** Bumped before and after every write that touches a cached namespace; odd while one is pending. */
    private final AtomicLong cacheGeneration = new AtomicLong();
    private volatile boolean cacheDisabled;

    /**
     * The state held in {@code store}.
     *
     * @throws IllegalArgumentException if the store lacks one of {@link #COLUMNS}
     */
    public StateDb(KvStore store) {
        this.store = requireColumns(store, COLUMNS, "StateDb");
    }

    /** The store below, e.g. to create the {@link WriteBatch} of a commit. */
    public KvStore store() {
        return store;
    }

    /**
     * Keeps the committed public values of {@code namespace} in memory once read, as Fabric's lifecycle
     * cache keeps chaincode definitions: for a small namespace read by every transaction (such as
     * {@code _lifecycle}) and written rarely. A commit that writes to it empties the cache; while such a
     * write is staged and not yet written, reads go to the store. Idempotent.
     */
    public void cacheNamespace(String namespace) {
        cachedNamespaces.add(Objects.requireNonNull(namespace, "namespace"));
    }

    /** The committed value of public key {@code (namespace, key)}. */
    public Optional<VersionedValue> get(String namespace, String key) {
        if (!cachedNamespaces.isEmpty() && !cacheDisabled && cachedNamespaces.contains(namespace)) {
            return cachedGet(namespace, key);
        }
        return readPublic(namespace, key);
    }

    private Optional<VersionedValue> readPublic(String namespace, String key) {
        byte[] k = ByteWriter.concat(Names.namespace(namespace), ZERO, Names.key(key));
        return read(PUBLIC, k, () -> "public state value of (" + namespace + ", " + Names.printable(key) + ")");
    }

    private Optional<VersionedValue> cachedGet(String namespace, String key) {
        String cacheKey = namespace + '\u0000' + key;
        long generation = cacheGeneration.get();
        Cached cached = cache.get(cacheKey);
        if (cached != null && cached.generation() == generation) {
            return cached.value();
        }
        Optional<VersionedValue> value = readPublic(namespace, key);
        // An entry counts only in the generation it was read in: one read before a write that touched the
        // namespace is never served after it. Nothing is kept while such a write is pending (odd).
        if ((generation & 1) == 0) {
            cache.put(cacheKey, new Cached(generation, value));
        }
        return value;
    }

    /** A cached public value and the cache generation it was read in. */
    private record Cached(long generation, Optional<VersionedValue> value) {
    }

    /** The committed hash state of private key {@code (namespace, collection, keyHash)}; the value is {@code H(value)}. */
    public Optional<VersionedValue> getHashed(String namespace, String collection, Bytes keyHash) {
        byte[] k = ByteWriter.concat(collectionPrefix(namespace, collection), keyHash(keyHash));
        return read(HASHED, k, () -> "hashed state value of (" + namespace + ", " + collection + ", " + keyHash + ")");
    }

    /** The committed private value of {@code (namespace, collection, key)}. */
    public Optional<VersionedValue> getPrivate(String namespace, String collection, String key) {
        byte[] k = ByteWriter.concat(collectionPrefix(namespace, collection), Names.key(key));
        return read(PRIVATE, k, () -> "private state value of (" + namespace + ", " + collection + ", "
                + Names.printable(key) + ")");
    }

    /**
     * The public keys of {@code namespace} in {@code [startKey, endKey)}, in UTF-8 byte order.
     * {@code startKey} empty: from the first key (composite keys, which start with U+0000, included);
     * {@code endKey} {@code null} or empty: to the last key of the namespace. Never returns another
     * namespace's keys.
     *
     * @throws IllegalArgumentException if {@code startKey > endKey}
     */
    public ResultsIterator<StateEntry> range(String namespace, String startKey, String endKey) {
        byte[] prefix = ByteWriter.concat(Names.namespace(namespace), ZERO);
        return scan(PUBLIC, prefix, startKey, endKey, namespace);
    }

    /** The private keys of a collection in {@code [startKey, endKey)}, with {@link #range}'s conventions. */
    public ResultsIterator<StateEntry> privateRange(String namespace, String collection, String startKey, String endKey) {
        return scan(PRIVATE, collectionPrefix(namespace, collection), startKey, endKey, namespace + "/" + collection);
    }

    /** The number of the last block applied, or empty before the first commit. */
    public OptionalLong lastCommittedBlock() {
        byte[] bytes = store.get(META, SAVEPOINT);
        if (bytes == null) {
            return OptionalLong.empty();
        }
        ByteReader r = new ByteReader(bytes, () -> "savepoint in column " + META);
        long block = r.fixed64();
        r.expectEnd();
        return OptionalLong.of(block);
    }

    /** Applies {@code updates} of block {@code blockNumber} and moves the savepoint to it, atomically. */
    public void apply(UpdateBatch updates, long blockNumber) {
        apply(updates, blockNumber, store.newBatch());
    }

    /**
     * Adds {@code updates} and the savepoint {@code blockNumber} to {@code batch} and writes the batch:
     * whatever else the caller added (history, private data, purges) commits atomically with them, or
     * nothing does. {@code batch} must come from this state's {@link #store()}.
     *
     * @throws IllegalStateException if {@code blockNumber} is not above the savepoint; nothing is written
     * @throws IllegalArgumentException if {@code batch} belongs to a store without these columns
     * @throws StorageException if the write fails; nothing is written
     */
    public void apply(UpdateBatch updates, long blockNumber, WriteBatch batch) {
        Objects.requireNonNull(updates, "updates");
        Objects.requireNonNull(batch, "batch");
        if (blockNumber < 0) {
            throw new IllegalArgumentException("block number must be non-negative, got " + blockNumber);
        }
        OptionalLong savepoint = lastCommittedBlock();
        if (savepoint.isPresent() && blockNumber <= savepoint.getAsLong()) {
            throw new IllegalStateException("cannot apply block " + blockNumber + ": the state is already at block "
                    + savepoint.getAsLong());
        }
        boolean touchesCache = touchesCachedNamespace(updates);
        if (touchesCache) {
            cacheGeneration.incrementAndGet(); // odd: nothing is cached until the write is done
            cache.clear();
        }
        try {
            stageInto(updates, batch);
            batch.put(META, SAVEPOINT, new ByteWriter(8).fixed64(blockNumber).toByteArray());
            store.write(batch);
        } finally {
            if (touchesCache) {
                cache.clear();
                cacheGeneration.incrementAndGet(); // even again: caching resumes with what the store holds
            }
        }
    }

    /** Whether {@code updates} write to a cached namespace. */
    private boolean touchesCachedNamespace(UpdateBatch updates) {
        if (cachedNamespaces.isEmpty()) {
            return false;
        }
        for (String namespace : updates.publicUpdates().keySet()) {
            if (cachedNamespaces.contains(namespace)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Adds {@code updates} to {@code batch} without moving the savepoint, for changes that belong to no
     * new block: private data of an already committed block that arrived late (reconciliation). The
     * caller writes the batch.
     *
     * @throws IllegalArgumentException if {@code batch} belongs to a store without these columns
     */
    public void stage(UpdateBatch updates, WriteBatch batch) {
        Objects.requireNonNull(updates, "updates");
        Objects.requireNonNull(batch, "batch");
        if (touchesCachedNamespace(updates)) {
            // The caller writes the batch, at a time this state does not learn: stop caching for good (it
            // never happens in practice: reconciliation stages private data only).
            cacheDisabled = true;
            cache.clear();
        }
        stageInto(updates, batch);
    }

    private void stageInto(UpdateBatch updates, WriteBatch batch) {
        for (Map.Entry<String, NavigableMap<String, UpdateBatch.Update>> ns : updates.publicUpdates().entrySet()) {
            byte[] prefix = ByteWriter.concat(Names.namespace(ns.getKey()), ZERO);
            ns.getValue().forEach((key, update) -> stage(batch, PUBLIC, ByteWriter.concat(prefix, Names.key(key)), update));
        }
        for (Map.Entry<CollectionId, NavigableMap<Bytes, UpdateBatch.Update>> coll : updates.hashedUpdates().entrySet()) {
            byte[] prefix = collectionPrefix(coll.getKey().namespace(), coll.getKey().collection());
            coll.getValue().forEach((keyHash, update) -> stage(batch, HASHED, ByteWriter.concat(prefix, keyHash.unsafeArray()), update));
        }
        for (Map.Entry<CollectionId, NavigableMap<String, UpdateBatch.Update>> coll : updates.privateUpdates().entrySet()) {
            byte[] prefix = collectionPrefix(coll.getKey().namespace(), coll.getKey().collection());
            coll.getValue().forEach((key, update) -> stage(batch, PRIVATE, ByteWriter.concat(prefix, Names.key(key)), update));
        }
    }

    private static void stage(WriteBatch batch, String column, byte[] key, UpdateBatch.Update update) {
        if (update instanceof UpdateBatch.Put put) {
            batch.put(column, key, ValueCodec.encode(put.value()));
        } else {
            batch.delete(column, key);
        }
    }

    private Optional<VersionedValue> read(String column, byte[] key, Supplier<String> what) {
        byte[] bytes = store.get(column, key);
        return bytes == null ? Optional.empty() : Optional.of(ValueCodec.decodeVersionedValue(bytes, what));
    }

    private ResultsIterator<StateEntry> scan(String column, byte[] prefix, String startKey, String endKey, String where) {
        Objects.requireNonNull(startKey, "startKey");
        byte[] from = ByteWriter.concat(prefix, Names.utf8(startKey, "start key"));
        byte[] to = endKey == null || endKey.isEmpty()
                ? ByteWriter.prefixEnd(prefix)
                : ByteWriter.concat(prefix, Names.utf8(endKey, "end key"));
        if (Arrays.compareUnsigned(from, to) > 0) {
            throw new IllegalArgumentException("range start '" + Names.printable(startKey) + "' is after its end '"
                    + Names.printable(endKey) + "' in " + where);
        }
        return new KvResults<>(store.iterate(column, from, to), (k, v) -> {
            String key = new String(k, prefix.length, k.length - prefix.length, StandardCharsets.UTF_8);
            return new StateEntry(key, ValueCodec.decodeVersionedValue(v,
                    () -> "value of key '" + Names.printable(key) + "' in " + where + " (column " + column + ")"));
        });
    }

    private static byte[] collectionPrefix(String namespace, String collection) {
        return ByteWriter.concat(Names.namespace(namespace), ZERO, Names.collection(collection), ZERO);
    }

    private static byte[] keyHash(Bytes keyHash) {
        Objects.requireNonNull(keyHash, "keyHash");
        if (keyHash.isEmpty()) {
            throw new IllegalArgumentException("keyHash must not be empty");
        }
        return keyHash.unsafeArray();
    }

    /** Checks that {@code store} has {@code columns}, for the typed stores' constructors. */
    static KvStore requireColumns(KvStore store, Set<String> columns, String who) {
        Objects.requireNonNull(store, "store");
        if (!store.columns().containsAll(columns)) {
            throw new IllegalArgumentException(who + " needs columns " + new TreeSet<>(columns)
                    + " but the store has " + new TreeSet<>(store.columns()));
        }
        return store;
    }
}
