package dev.ledgersim.ledger.rwset;

import dev.ledgersim.ledger.codec.RangeQueryResultsHelper;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import java.util.Objects;

/**
 * Records one range query as the contract iterates it, the way Fabric's query executor does: the start
 * key as requested; after each result the end key becomes that result's key and the iterator is not
 * exhausted; once the iterator runs out the end key becomes the requested end and it is exhausted. The
 * results are summarised by a {@link RangeQueryResultsHelper} (raw reads up to 50, a Merkle summary
 * beyond), so memory stays bounded however large the range.
 */
public final class RangeQueryRecorder {

    private final String startKey;
    private final String requestedEnd;
    private final RangeQueryResultsHelper results = new RangeQueryResultsHelper();
    private String endKey;
    private boolean exhausted;

    /** A recorder for the range {@code [startKey, endKey)}; an empty end means unbounded. */
    public RangeQueryRecorder(String startKey, String endKey) {
        this.startKey = Objects.requireNonNull(startKey, "startKey");
        this.requestedEnd = Objects.requireNonNull(endKey, "endKey");
        this.endKey = endKey;
    }

    /** The iterator returned {@code read}. */
    public void onResult(KvRead read) {
        if (exhausted) {
            throw new IllegalStateException("range [" + startKey + ", " + requestedEnd + ") already ran out");
        }
        results.addResult(read);
        endKey = read.key();
    }

    /** The iterator has no more results. */
    public void onExhausted() {
        exhausted = true;
        endKey = requestedEnd;
    }

    /** What goes into the rw-set; call once, when the iterator is closed. */
    public RangeQueryInfo toRangeQueryInfo() {
        return results.done().toRangeQueryInfo(startKey, endKey, exhausted);
    }
}
