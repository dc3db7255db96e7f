package dev.ledgersim.ledger.blocks;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The txids of a block store's index in a chain of Bloom filters, so that asking about a txid that was
 * never stored — every new transaction's duplicate check at endorsement and validation, every commit-status
 * query before the commit — is answered in memory without a storage read. "Maybe" answers go to the
 * index. A filter holds {@value #PER_FILTER} txids in {@value #BITS_PER_TXID} bits each (1.5 MB), about
 * 0.5 % false "maybe" answers when full; when it is full the next one starts, so memory grows by 1.5 bytes
 * per stored transaction. The filters are {@linkplain SplitBlockBloomFilter split-block} ones: a check
 * reads one cache line per filter.
 *
 * <p>A txid enters the filters as a 64-bit FNV-1a hash of its characters, mixed by MurmurHash3's
 * finalizer (two txids sharing it only cost a read that finds nothing), so a check hashes the string once
 * whatever the number of filters. Thread-safe: any number of readers, one writer (the committer).
 */
final class TxIdFilter {

    static final int PER_FILTER = 1 << 20;
    static final int BITS_PER_TXID = 12;

    private final List<SplitBlockBloomFilter> filters = new CopyOnWriteArrayList<>();
    private long inCurrent;

    TxIdFilter() {
        filters.add(new SplitBlockBloomFilter(PER_FILTER, BITS_PER_TXID));
    }

    /** Records a stored txid. */
    synchronized void add(String txId) {
        if (inCurrent >= PER_FILTER) {
            filters.add(new SplitBlockBloomFilter(PER_FILTER, BITS_PER_TXID));
            inCurrent = 0;
        }
        filters.get(filters.size() - 1).put(hash(txId));
        inCurrent++;
    }

    /** False when {@code txId} was certainly never {@linkplain #add added}; true when it may have been. */
    boolean mightContain(String txId) {
        long hash = hash(txId);
        for (SplitBlockBloomFilter filter : filters) {
            if (filter.mightContain(hash)) {
                return true;
            }
        }
        return false;
    }

    /** FNV-1a over the UTF-16 code units, then MurmurHash3's 64-bit finalizer to spread every input bit. */
    static long hash(CharSequence txId) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < txId.length(); i++) {
            h = (h ^ txId.charAt(i)) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
