package dev.ledgersim.ledger.validation;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KeyOrder;
import dev.ledgersim.ledger.protocol.Version;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The keys written by the transactions of the block under validation that were found valid so far,
 * with the version each write gets (Fabric's {@code updates} batch during MVCC validation). Public keys
 * are tracked by {@code (namespace, key)}, private keys by {@code (namespace, collection, keyHash)}.
 * Not thread-safe: MVCC validation is sequential in block order.
 */
final class InBlockWrites {

    /** One key's latest write in the block: deleted or not, its version and the writing txid. */
    record Write(boolean deleted, Version version, String txId) {
    }

    private final Map<String, NavigableMap<String, Write>> publicWrites = new TreeMap<>();
    private final Map<String, Map<Bytes, Write>> hashedWrites = new TreeMap<>();

    Write get(String namespace, String key) {
        NavigableMap<String, Write> ns = publicWrites.get(namespace);
        return ns == null ? null : ns.get(key);
    }

    Write getHashed(String namespace, String collection, Bytes keyHash) {
        Map<Bytes, Write> coll = hashedWrites.get(collectionKey(namespace, collection));
        return coll == null ? null : coll.get(keyHash);
    }

    void put(String namespace, String key, Write write) {
        publicWrites.computeIfAbsent(namespace, n -> new TreeMap<>(KeyOrder.UTF8)).put(key, write);
    }

    void putHashed(String namespace, String collection, Bytes keyHash, Write write) {
        hashedWrites.computeIfAbsent(collectionKey(namespace, collection), n -> new TreeMap<>()).put(keyHash, write);
    }

    /** The in-block writes of {@code namespace} with keys in {@code [start, end)} ({@code end == null}: unbounded). */
    NavigableMap<String, Write> range(String namespace, String start, String end) {
        NavigableMap<String, Write> ns = publicWrites.get(namespace);
        if (ns == null) {
            return new TreeMap<>(KeyOrder.UTF8);
        }
        return end == null ? ns.tailMap(start, true) : ns.subMap(start, true, end, false);
    }

    private static String collectionKey(String namespace, String collection) {
        return namespace + '\u0000' + collection;
    }
}
