package dev.ledgersim.ledger.protocol;

import java.util.List;
import java.util.Objects;

/**
 * {@code kvrwset.RangeQueryInfo}: a range read recorded for phantom validation. Exactly one of
 * {@code rawReads} and {@code merkleSummary} is set.
 *
 * @param startKey the requested start (inclusive)
 * @param endKey the last key returned when not exhausted, else the requested end (exclusive)
 * @param itrExhausted whether the caller read the iterator to its end
 * @param rawReads the keys and versions read, when 50 or fewer; else {@code null}
 * @param merkleSummary the Merkle summary of the reads, when more than 50; else {@code null}
 */
public record RangeQueryInfo(String startKey, String endKey, boolean itrExhausted, List<KvRead> rawReads,
                             QueryReadsMerkleSummary merkleSummary) {
    /** Validates and copies. */
    public RangeQueryInfo {
        Objects.requireNonNull(startKey, "startKey");
        Objects.requireNonNull(endKey, "endKey");
        if ((rawReads == null) == (merkleSummary == null)) {
            throw new IllegalArgumentException("a range query records either raw reads or a Merkle summary");
        }
        rawReads = rawReads == null ? null : List.copyOf(rawReads);
    }
}
