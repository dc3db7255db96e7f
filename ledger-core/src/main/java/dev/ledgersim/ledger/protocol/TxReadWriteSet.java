package dev.ledgersim.ledger.protocol;

import java.util.List;

/**
 * {@code rwset.TxReadWriteSet} (data model KV): a transaction's reads and writes per namespace, sorted
 * by namespace.
 *
 * @param nsRwSets the namespaces
 */
public record TxReadWriteSet(List<NsReadWriteSet> nsRwSets) {
    /** An empty rw-set. */
    public static final TxReadWriteSet EMPTY = new TxReadWriteSet(List.of());

    /** Validates and copies. */
    public TxReadWriteSet {
        nsRwSets = List.copyOf(nsRwSets);
    }
}
