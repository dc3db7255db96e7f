package dev.ledgersim.ledger.blocks;

import com.google.common.hash.BloomFilter;
import com.google.common.hash.Funnel;
import com.google.common.hash.PrimitiveSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The txids of a block store's index in a chain of Bloom filters, so that asking about a txid that was
 * never stored — every new transaction's duplicate check at endorsement and validation, every commit-status
 * query before the commit — is answered in memory without a storage read. "Maybe" answers go to the
 * index. A filter holds {@value #PER_FILTER} txids at a 1 % false-positive rate (about 1.2 MB); when it is
 * full the next one starts, so memory grows by about 1.2 bytes per stored transaction. A txid enters the
 * filters as a 64-bit FNV-1a fingerprint of its characters (two txids sharing a fingerprint only cost a
 * read that finds nothing), so a check hashes 8 bytes instead of encoding and hashing the whole string.
 * Thread-safe: any number of readers, one writer (the committer).
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
        return BloomFilter.create(Fingerprint.INSTANCE, PER_FILTER, FALSE_POSITIVES);
    }

    /** Feeds a txid to the filter as the 64-bit FNV-1a hash of its UTF-16 code units. */
    private enum Fingerprint implements Funnel<CharSequence> {
        INSTANCE;

        @Override
        public void funnel(CharSequence txId, PrimitiveSink into) {
            long h = 0xcbf29ce484222325L;
            for (int i = 0; i < txId.length(); i++) {
                h = (h ^ txId.charAt(i)) * 0x100000001b3L;
            }
            into.putLong(h);
        }
    }
}
