package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.KvRwSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * {@code rwset.TxPvtReadWriteSet} (data model KV): a transaction's private rw-sets, by namespace. Kept as
 * lists, like {@link dev.ledgersim.ledger.protocol.TxReadWriteSet}, so that any encoding decodes and
 * re-encodes faithfully; {@link #of(SortedMap)} builds the sorted form the simulator produces.
 *
 * @param nsPvtRwSets the namespaces
 */
public record TxPvtReadWriteSet(List<NsPvtReadWriteSet> nsPvtRwSets) {
    /** Validates and copies. */
    public TxPvtReadWriteSet {
        nsPvtRwSets = List.copyOf(nsPvtRwSets);
    }

    /** The private rw-set of {@code byNamespace} (namespace → collection → rw-set), in map order. */
    public static TxPvtReadWriteSet of(SortedMap<String, ? extends SortedMap<String, KvRwSet>> byNamespace) {
        List<NsPvtReadWriteSet> namespaces = new ArrayList<>(byNamespace.size());
        for (Map.Entry<String, ? extends SortedMap<String, KvRwSet>> ns : byNamespace.entrySet()) {
            List<CollectionPvtReadWriteSet> collections = new ArrayList<>(ns.getValue().size());
            for (Map.Entry<String, KvRwSet> c : ns.getValue().entrySet()) {
                collections.add(new CollectionPvtReadWriteSet(c.getKey(), c.getValue()));
            }
            namespaces.add(new NsPvtReadWriteSet(ns.getKey(), collections));
        }
        return new TxPvtReadWriteSet(namespaces);
    }
}
