package dev.ledgersim.ledger.rwset;

import dev.ledgersim.ledger.codec.CollectionPvtReadWriteSet;
import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.NsPvtReadWriteSet;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.HashedRwSet;
import dev.ledgersim.ledger.protocol.KeyOrder;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvMetadataWriteHash;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvReadHash;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.KvWriteHash;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.protocol.Version;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Collects what a transaction simulation read and wrote and builds its rw-sets with Fabric's rules
 * ({@code rwsetutil/rwset_builder.go}):
 * <ul>
 *   <li>namespaces, keys, collections and key hashes come out sorted (keys in UTF-8 byte order);</li>
 *   <li>a key read twice gives one read; a key written twice keeps the last write;</li>
 *   <li>a write with an empty value is a delete;</li>
 *   <li>range queries keep their first-seen order and are de-duplicated on (start, end, exhausted);</li>
 *   <li>private reads and writes appear in the public rw-set only as hashes ({@code H(key)},
 *       {@code H(value)}, none for deletes; purges are deletes marked as purges), together with
 *       {@code pvt_rwset_hash = H(encoded private KVRWSet)} of each collection; the values go into the
 *       private rw-set.</li>
 * </ul>
 * The builder records; it does not read state. Not reading one's own writes is the simulator's rule:
 * it reads committed state only. Not thread-safe; one builder per simulation.
 */
public final class RwSetBuilder {

    private final SortedMap<String, NsBuilder> namespaces = new TreeMap<>(KeyOrder.UTF8);
    private boolean built;

    private static final class NsBuilder {
        final SortedMap<String, KvRead> reads = new TreeMap<>(KeyOrder.UTF8);
        final Map<RangeKey, RangeQueryInfo> ranges = new LinkedHashMap<>();
        final SortedMap<String, KvWrite> writes = new TreeMap<>(KeyOrder.UTF8);
        final SortedMap<String, KvMetadataWrite> metadataWrites = new TreeMap<>(KeyOrder.UTF8);
        final SortedMap<String, CollBuilder> collections = new TreeMap<>(KeyOrder.UTF8);
    }

    private static final class CollBuilder {
        final SortedMap<Bytes, KvReadHash> hashedReads = new TreeMap<>();
        final SortedMap<Bytes, KvWriteHash> hashedWrites = new TreeMap<>();
        final SortedMap<Bytes, KvMetadataWriteHash> hashedMetadata = new TreeMap<>();
        final SortedMap<String, KvWrite> privateWrites = new TreeMap<>(KeyOrder.UTF8);
        final SortedMap<String, KvMetadataWrite> privateMetadata = new TreeMap<>(KeyOrder.UTF8);
    }

    private record RangeKey(String start, String end, boolean exhausted) {
    }

    /** Records that {@code key} was read at committed {@code version} ({@code null}: absent). */
    public void addRead(String namespace, String key, Version version) {
        ns(namespace).reads.put(key, new KvRead(key, version));
    }

    /** Records a write; an empty value is a delete. */
    public void addWrite(String namespace, String key, Bytes value) {
        Objects.requireNonNull(value, "value");
        ns(namespace).writes.put(key, new KvWrite(key, value.isEmpty(), value));
    }

    /** Records a delete. */
    public void addDelete(String namespace, String key) {
        ns(namespace).writes.put(key, new KvWrite(key, true, Bytes.EMPTY));
    }

    /** Records the complete new metadata of {@code key} (e.g. its validation parameter). */
    public void addMetadataWrite(String namespace, String key, SortedMap<String, Bytes> metadata) {
        ns(namespace).metadataWrites.put(key, new KvMetadataWrite(key, entries(metadata)));
    }

    /** Records a range query; a second one with the same start, end and exhaustion is dropped. */
    public void addRangeQuery(String namespace, RangeQueryInfo info) {
        ns(namespace).ranges.putIfAbsent(new RangeKey(info.startKey(), info.endKey(), info.itrExhausted()), info);
    }

    /** Records a private read, as the key hash and the committed version of the hashed key. */
    public void addPrivateRead(String namespace, String collection, String key, Version version) {
        Bytes hash = keyHash(key);
        coll(namespace, collection).hashedReads.put(hash, new KvReadHash(hash, version));
    }

    /** Records a private read by key hash ({@code GetPrivateDataHash}). */
    public void addPrivateHashRead(String namespace, String collection, Bytes keyHash, Version version) {
        coll(namespace, collection).hashedReads.put(keyHash, new KvReadHash(keyHash, version));
    }

    /** Records a private write; an empty value is a delete. */
    public void addPrivateWrite(String namespace, String collection, String key, Bytes value) {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            addPrivateDelete(namespace, collection, key);
            return;
        }
        CollBuilder c = coll(namespace, collection);
        Bytes hash = keyHash(key);
        c.hashedWrites.put(hash, new KvWriteHash(hash, false, Hashes.sha256(value), false));
        c.privateWrites.put(key, new KvWrite(key, false, value));
    }

    /** Records a private delete. */
    public void addPrivateDelete(String namespace, String collection, String key) {
        CollBuilder c = coll(namespace, collection);
        Bytes hash = keyHash(key);
        c.hashedWrites.put(hash, new KvWriteHash(hash, true, Bytes.EMPTY, false));
        c.privateWrites.put(key, new KvWrite(key, true, Bytes.EMPTY));
    }

    /** Records a purge: a delete marked as a purge, which also removes the key's history on member peers. */
    public void addPrivatePurge(String namespace, String collection, String key) {
        CollBuilder c = coll(namespace, collection);
        Bytes hash = keyHash(key);
        c.hashedWrites.put(hash, new KvWriteHash(hash, true, Bytes.EMPTY, true));
        c.privateWrites.put(key, new KvWrite(key, true, Bytes.EMPTY));
    }

    /** Records the complete new metadata of a private key. */
    public void addPrivateMetadataWrite(String namespace, String collection, String key, SortedMap<String, Bytes> metadata) {
        CollBuilder c = coll(namespace, collection);
        Bytes hash = keyHash(key);
        List<KvMetadataEntry> entries = entries(metadata);
        c.hashedMetadata.put(hash, new KvMetadataWriteHash(hash, entries));
        c.privateMetadata.put(key, new KvMetadataWrite(key, entries));
    }

    /** Whether anything was written, publicly or privately. */
    public boolean hasWrites() {
        for (NsBuilder ns : namespaces.values()) {
            if (!ns.writes.isEmpty() || !ns.metadataWrites.isEmpty()) {
                return true;
            }
            for (CollBuilder c : ns.collections.values()) {
                if (!c.hashedWrites.isEmpty() || !c.hashedMetadata.isEmpty()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The public and private rw-sets. Can be called once (Fabric's {@code GetTxSimulationResults}).
     *
     * @throws IllegalStateException when called a second time
     */
    public SimulationResults build() {
        if (built) {
            throw new IllegalStateException("the simulation results were already built");
        }
        built = true;
        List<NsReadWriteSet> publicSets = new ArrayList<>();
        SortedMap<String, SortedMap<String, KvRwSet>> privateSets = new TreeMap<>(KeyOrder.UTF8);
        namespaces.forEach((name, ns) -> {
            List<CollectionHashedRwSet> hashed = new ArrayList<>();
            ns.collections.forEach((collection, c) -> {
                Bytes pvtHash = Bytes.EMPTY;
                if (!c.privateWrites.isEmpty() || !c.privateMetadata.isEmpty()) {
                    KvRwSet pvt = new KvRwSet(List.of(), List.of(), List.copyOf(c.privateWrites.values()),
                            List.copyOf(c.privateMetadata.values()));
                    pvtHash = Hashes.sha256(ProtoCodec.encode(pvt));
                    privateSets.computeIfAbsent(name, n -> new TreeMap<>(KeyOrder.UTF8)).put(collection, pvt);
                }
                hashed.add(new CollectionHashedRwSet(collection, new HashedRwSet(List.copyOf(c.hashedReads.values()),
                        List.copyOf(c.hashedWrites.values()), List.copyOf(c.hashedMetadata.values())), pvtHash));
            });
            publicSets.add(new NsReadWriteSet(name, new KvRwSet(List.copyOf(ns.reads.values()),
                    List.copyOf(ns.ranges.values()), List.copyOf(ns.writes.values()), List.copyOf(ns.metadataWrites.values())),
                    hashed));
        });
        return new SimulationResults(new TxReadWriteSet(publicSets), TxPvtReadWriteSet.of(privateSets));
    }

    private NsBuilder ns(String namespace) {
        Objects.requireNonNull(namespace, "namespace");
        if (built) {
            throw new IllegalStateException("the simulation results were already built");
        }
        return namespaces.computeIfAbsent(namespace, n -> new NsBuilder());
    }

    private CollBuilder coll(String namespace, String collection) {
        Objects.requireNonNull(collection, "collection");
        return ns(namespace).collections.computeIfAbsent(collection, c -> new CollBuilder());
    }

    private static Bytes keyHash(String key) {
        return Hashes.sha256(Bytes.utf8(key));
    }

    private static List<KvMetadataEntry> entries(SortedMap<String, Bytes> metadata) {
        List<KvMetadataEntry> entries = new ArrayList<>();
        metadata.forEach((name, value) -> entries.add(new KvMetadataEntry(name, value)));
        return entries;
    }
}
