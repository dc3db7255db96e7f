package dev.ledgersim.ledger.protocol;

import java.util.List;

/**
 * {@code kvrwset.KVRWSet}: one namespace's public reads, range queries, writes and metadata writes.
 * Reads, writes and metadata writes are sorted by key; range queries keep first-seen order.
 *
 * @param reads keys read with the versions seen
 * @param rangeQueriesInfo range reads for phantom validation
 * @param writes keys written (last write per key)
 * @param metadataWrites metadata written (last per key)
 */
public record KvRwSet(List<KvRead> reads, List<RangeQueryInfo> rangeQueriesInfo, List<KvWrite> writes,
                      List<KvMetadataWrite> metadataWrites) {
    /** An empty set. */
    public static final KvRwSet EMPTY = new KvRwSet(List.of(), List.of(), List.of(), List.of());

    /** Validates and copies. */
    public KvRwSet {
        reads = List.copyOf(reads);
        rangeQueriesInfo = List.copyOf(rangeQueriesInfo);
        writes = List.copyOf(writes);
        metadataWrites = List.copyOf(metadataWrites);
    }
}
