package dev.ledgersim.ledger.blocks;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnels;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The txids of a block store's index in a chain of Bloom filters, so that asking about a txid that was
 * never stored — every new transaction's duplicate check at endorsement and validation, every commit-status
 * query before the commit — is answered in memory without a storage read. "Maybe" answers go to the
 * index. A filter holds {@value #PER_FILTER} txids at a 1 % false-positive rate (about 1.2 MB); when it is
 * full the next one starts, so memory grows by about 1.2 bytes per stored transaction. Thread-safe: any
 * number of readers, one writer (the committer).
 */
final class TxIdFilter {

    static final int PER_FILTER = 1 << 20;
    private static final double FALSE_POSITIVES = 0.01;

    private final List<BloomFilter<CharSequence>> filters = new CopyOnWriteArrayList<>();
    private long inCurrent;

    TxIdFilter() {
        filters.add(newFilter());
    }

    /** Records a stored txid. */
    synchronized void add(String txId) {
        if (inCurrent >= PER_FILTER) {
            filters.add(newFilter());
            inCurrent = 0;
        }
        filters.get(filters.size() - 1).put(txId);
        inCurrent++;
    }

    /** False when {@code txId} was certainly never {@linkplain #add added}; true when it may have been. */
    boolean mightContain(String txId) {
        for (BloomFilter<CharSequence> filter : filters) {
            if (filter.mightContain(txId)) {
                return true;
            }
        }
        return false;
    }

    private static BloomFilter<CharSequence> newFilter() {
        return BloomFilter.create(Funnels.stringFunnel(StandardCharsets.UTF_8), PER_FILTER, FALSE_POSITIVES);
    }
}
