package dev.ledgersim.ledger.blocks;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A Bloom filter of 64-bit hashes whose every key sets and tests 8 bits in one 32-byte block — one bit in
 * each of the block's eight 32-bit words — so a check touches one cache line instead of one per bit (the
 * "split block" filter of Apache Parquet and Impala). With 12 bits per key, as {@link TxIdFilter} sizes
 * it, about 0.5 % of absent keys are a false "maybe" when the filter holds its capacity.
 *
 * <p>Thread-safe for one writer (callers serialise {@link #put}) and any number of readers: a bit is
 * published with release semantics and read with acquire semantics, so a reader that has seen anything the
 * writer did after a {@code put} sees the key.
 */
final class SplitBlockBloomFilter {

    /** Parquet's salts: odd constants that spread a 32-bit hash into eight independent bit positions. */
    private static final int[] SALT = {
        0x47b6137b, 0x44974d91, 0x8824ad5b, 0xa2b7289d, 0x705495c7, 0x2df1424b, 0x9efc4947, 0x5c6bfb31};
    private static final int WORDS_PER_BLOCK = SALT.length;
    private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(int[].class);

    private final int[] words;
    private final int blocks;

    /**
     * A filter of {@code bitsPerKey × capacity} bits, rounded up to whole 256-bit blocks.
     *
     * @throws IllegalArgumentException when either is not positive or the filter would pass 2^31 words
     */
    SplitBlockBloomFilter(int capacity, int bitsPerKey) {
        if (capacity <= 0 || bitsPerKey <= 0) {
            throw new IllegalArgumentException("a Bloom filter needs a positive capacity and bits per key, got "
                    + capacity + " keys of " + bitsPerKey + " bits");
        }
        long blockCount = Math.max(1, ((long) capacity * bitsPerKey + 255) / 256);
        if (blockCount * WORDS_PER_BLOCK > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a Bloom filter of " + capacity + " keys of " + bitsPerKey
                    + " bits is too large");
        }
        this.blocks = (int) blockCount;
        this.words = new int[blocks * WORDS_PER_BLOCK];
    }

    /** Records {@code hash}, which should be well mixed (every bit may decide the block). */
    void put(long hash) {
        int base = blockOf(hash) * WORDS_PER_BLOCK;
        int h = (int) hash;
        for (int i = 0; i < WORDS_PER_BLOCK; i++) {
            int mask = 1 << ((h * SALT[i]) >>> 27);
            int word = (int) WORD.getAcquire(words, base + i);
            if ((word & mask) == 0) {
                WORD.setRelease(words, base + i, word | mask);
            }
        }
    }

    /** False when {@code hash} was certainly never {@linkplain #put put}; true when it may have been. */
    boolean mightContain(long hash) {
        int base = blockOf(hash) * WORDS_PER_BLOCK;
        int h = (int) hash;
        for (int i = 0; i < WORDS_PER_BLOCK; i++) {
            int mask = 1 << ((h * SALT[i]) >>> 27);
            if (((int) WORD.getAcquire(words, base + i) & mask) == 0) {
                return false;
            }
        }
        return true;
    }

    /** The size of the bit array in bytes. */
    long sizeInBytes() {
        return (long) words.length * Integer.BYTES;
    }

    /** The block of {@code hash}: its upper 32 bits scaled onto the block count (no division). */
    private int blockOf(long hash) {
        return (int) (((hash >>> 32) * blocks) >>> 32);
    }
}
