package dev.ledgersim.ledger.blocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The split-block Bloom filter under the txid filter: no false "absent", few false "maybe". */
class SplitBlockBloomFilterTest {

    @Test
    void everyKeyPutIsAMaybe() {
        SplitBlockBloomFilter filter = new SplitBlockBloomFilter(50_000, 12);
        SplittableRandom random = new SplittableRandom(7);
        long[] keys = new long[50_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
            filter.put(keys[i]);
        }
        for (long key : keys) {
            assertTrue(filter.mightContain(key), Long.toHexString(key));
        }
    }

    @Test
    void atCapacityAboutHalfAPercentOfAbsentKeysAreAMaybe() {
        int capacity = 200_000;
        SplitBlockBloomFilter filter = new SplitBlockBloomFilter(capacity, 12);
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < capacity; i++) {
            filter.put(random.nextLong());
        }
        int falseMaybes = 0;
        int probes = 200_000;
        for (int i = 0; i < probes; i++) {
            falseMaybes += filter.mightContain(random.nextLong()) ? 1 : 0;
        }
        double rate = (double) falseMaybes / probes;
        assertTrue(rate > 0.001 && rate < 0.01, "false-positive rate " + rate + " (expected about 0.5 %)");
    }

    @Test
    void anEmptyFilterHasNoMaybes() {
        SplitBlockBloomFilter filter = new SplitBlockBloomFilter(1_000, 12);
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            assertFalse(filter.mightContain(random.nextLong()));
        }
    }

    @Test
    void isSizedInWholeBlocks() {
        assertEquals(32, new SplitBlockBloomFilter(1, 12).sizeInBytes(), "one 256-bit block at least");
        assertEquals(1_572_864, new SplitBlockBloomFilter(TxIdFilter.PER_FILTER, TxIdFilter.BITS_PER_TXID).sizeInBytes());
    }

    @Test
    void refusesNonPositiveOrHugeSizes() {
        assertThrows(IllegalArgumentException.class, () -> new SplitBlockBloomFilter(0, 12));
        assertThrows(IllegalArgumentException.class, () -> new SplitBlockBloomFilter(10, 0));
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> new SplitBlockBloomFilter(Integer.MAX_VALUE, 64));
        assertTrue(huge.getMessage().contains("too large"), huge.getMessage());
    }

    @Test
    void theTxidHashSpreadsNeighbouringTxids() {
        // txids differ in their last characters; the mixed hash must move them to different blocks.
        long a = TxIdFilter.hash("0000000000000000000000000000000000000000000000000000000000000000");
        long b = TxIdFilter.hash("0000000000000000000000000000000000000000000000000000000000000001");
        assertTrue(Long.bitCount((a ^ b) >>> 32) > 8, "upper halves differ in many bits: "
                + Long.toHexString(a) + " " + Long.toHexString(b));
    }
}
