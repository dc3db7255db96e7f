package dev.ledgersim.ledger.state;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KeyOrder;
import dev.ledgersim.ledger.protocol.Version;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The state changes of one block, computed by the committer and applied by
 * {@link StateDb#apply(UpdateBatch, long)} in one atomic write together with the savepoint. Holds,
 * for each of the three kinds of state — public {@code (namespace, key)}, hashed private
 * {@code (namespace, collection, keyHash)} and private {@code (namespace, collection, key)} — at most
 * one {@link Update} per key: the last one added wins.
 *
 * <p>A put stores the complete new {@link VersionedValue}. A metadata-only update is therefore a put of
 * the existing value with the new metadata and version; a value-only update a put carrying the existing
 * metadata. Working that out (Fabric's {@code tx_ops.go}) is the committer's job. A delete removes the
 * value and its metadata.
 *
 * <p>Names and keys are validated when added, so a batch that was built can be applied. Keys iterate in
 * UTF-8 byte order ({@link KeyOrder#UTF8}), the order of the store. Not thread-safe.
 */
public final class UpdateBatch {

    /** The change to one key. */
    public sealed interface Update permits Put, Delete {
        /** The height of the transaction making the change. */
        Version version();
    }

    /**
     * Sets a key to {@code value}.
     *
     * @param value the new value, version and metadata
     */
    public record Put(VersionedValue value) implements Update {
        /** Validates. */
        public Put {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public Version version() {
            return value.version();
        }
    }

    /**
     * Removes a key with its metadata.
     *
     * @param version the height of the deleting transaction
     */
    public record Delete(Version version) implements Update {
        /** Validates. */
        public Delete {
            Objects.requireNonNull(version, "version");
        }
    }

    private final Map<String, NavigableMap<String, Update>> publicUpdates = new TreeMap<>();
    private final Map<CollectionId, NavigableMap<Bytes, Update>> hashedUpdates = new TreeMap<>();
    private final Map<CollectionId, NavigableMap<String, Update>> privateUpdates = new TreeMap<>();

    /** Sets public key {@code (namespace, key)}; the value must not be empty (an empty write is a delete). */
    public UpdateBatch put(String namespace, String key, VersionedValue value) {
        Names.namespace(namespace);
        checkKey(key);
        checkPut(value, key);
        publicUpdates.computeIfAbsent(namespace, n -> new TreeMap<>(KeyOrder.UTF8)).put(key, new Put(value));
        return this;
    }

    /** Deletes public key {@code (namespace, key)} at {@code version}. */
    public UpdateBatch delete(String namespace, String key, Version version) {
        Names.namespace(namespace);
        checkKey(key);
        Delete delete = new Delete(version);
        publicUpdates.computeIfAbsent(namespace, n -> new TreeMap<>(KeyOrder.UTF8)).put(key, delete);
        return this;
    }

    /** Sets hashed private key {@code (namespace, collection, keyHash)}; {@code value.value()} is the value hash. */
    public UpdateBatch putHashed(String namespace, String collection, Bytes keyHash, VersionedValue value) {
        CollectionId id = new CollectionId(namespace, collection);
        checkKeyHash(keyHash);
        checkPut(value, keyHash.toString());
        hashedUpdates.computeIfAbsent(id, n -> new TreeMap<>()).put(keyHash, new Put(value));
        return this;
    }

    /** Deletes hashed private key {@code (namespace, collection, keyHash)} at {@code version}. */
    public UpdateBatch deleteHashed(String namespace, String collection, Bytes keyHash, Version version) {
        CollectionId id = new CollectionId(namespace, collection);
        checkKeyHash(keyHash);
        Delete delete = new Delete(version);
        hashedUpdates.computeIfAbsent(id, n -> new TreeMap<>()).put(keyHash, delete);
        return this;
    }

    /** Sets private key {@code (namespace, collection, key)}; the value must not be empty. */
    public UpdateBatch putPrivate(String namespace, String collection, String key, VersionedValue value) {
        CollectionId id = new CollectionId(namespace, collection);
        checkKey(key);
        checkPut(value, key);
        privateUpdates.computeIfAbsent(id, n -> new TreeMap<>(KeyOrder.UTF8)).put(key, new Put(value));
        return this;
    }

    /** Deletes private key {@code (namespace, collection, key)} at {@code version}. */
    public UpdateBatch deletePrivate(String namespace, String collection, String key, Version version) {
        CollectionId id = new CollectionId(namespace, collection);
        checkKey(key);
        Delete delete = new Delete(version);
        privateUpdates.computeIfAbsent(id, n -> new TreeMap<>(KeyOrder.UTF8)).put(key, delete);
        return this;
    }

    /** The update of public key {@code (namespace, key)} in this batch, if any. */
    public Optional<Update> get(String namespace, String key) {
        NavigableMap<String, Update> ns = publicUpdates.get(namespace);
        return Optional.ofNullable(ns == null ? null : ns.get(key));
    }

    /** The update of hashed private key {@code (namespace, collection, keyHash)} in this batch, if any. */
    public Optional<Update> getHashed(String namespace, String collection, Bytes keyHash) {
        NavigableMap<Bytes, Update> coll = hashedUpdates.get(new CollectionId(namespace, collection));
        return Optional.ofNullable(coll == null ? null : coll.get(keyHash));
    }

    /** The update of private key {@code (namespace, collection, key)} in this batch, if any. */
    public Optional<Update> getPrivate(String namespace, String collection, String key) {
        NavigableMap<String, Update> coll = privateUpdates.get(new CollectionId(namespace, collection));
        return Optional.ofNullable(coll == null ? null : coll.get(key));
    }

    /** The public updates of {@code namespace} by key, in UTF-8 byte order; unmodifiable. */
    public SortedMap<String, Update> publicUpdates(String namespace) {
        NavigableMap<String, Update> ns = publicUpdates.get(namespace);
        return ns == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(ns);
    }

    /** Number of updates of all kinds. */
    public int size() {
        int n = 0;
        for (NavigableMap<String, Update> m : publicUpdates.values()) {
            n += m.size();
        }
        for (NavigableMap<Bytes, Update> m : hashedUpdates.values()) {
            n += m.size();
        }
        for (NavigableMap<String, Update> m : privateUpdates.values()) {
            n += m.size();
        }
        return n;
    }

    /** Whether the batch holds no update. */
    public boolean isEmpty() {
        return size() == 0;
    }

    Map<String, NavigableMap<String, Update>> publicUpdates() {
        return publicUpdates;
    }

    Map<CollectionId, NavigableMap<Bytes, Update>> hashedUpdates() {
        return hashedUpdates;
    }

    Map<CollectionId, NavigableMap<String, Update>> privateUpdates() {
        return privateUpdates;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UpdateBatch other && publicUpdates.equals(other.publicUpdates)
                && hashedUpdates.equals(other.hashedUpdates) && privateUpdates.equals(other.privateUpdates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(publicUpdates, hashedUpdates, privateUpdates);
    }

    @Override
    public String toString() {
        return "UpdateBatch{public=" + publicUpdates + ", hashed=" + hashedUpdates + ", private=" + privateUpdates + "}";
    }

    private static void checkKey(String key) {
        Names.key(key);
    }

    private static void checkKeyHash(Bytes keyHash) {
        Objects.requireNonNull(keyHash, "keyHash");
        if (keyHash.isEmpty()) {
            throw new IllegalArgumentException("keyHash must not be empty");
        }
    }

    private static void checkPut(VersionedValue value, String key) {
        Objects.requireNonNull(value, "value");
        if (value.value().isEmpty()) {
            throw new IllegalArgumentException("empty value for key '" + Names.printable(key) + "'"
                    + ": in Fabric an empty write is a delete, so use a delete method instead");
        }
    }
}
