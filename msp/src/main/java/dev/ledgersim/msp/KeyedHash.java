package dev.ledgersim.msp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The simulated scheme's "signature": a fast keyed 256-bit hash of a message, not a cryptographic MAC.
 *
 * <p>The message is read as little-endian 64-bit words in stripes of four, one word per lane; each lane
 * absorbs its word with xxHash64's round, {@code acc = rotl(acc + word·P2, 31)·P1}, starting from a lane
 * seed taken from the 32-byte key. The last partial stripe is zero-padded, and the message length is
 * mixed in at the end, so messages that differ only by trailing zero bytes still differ. The four output
 * words each avalanche (murmur3's {@code fmix64}) the sum of all lanes together with their own lane.
 *
 * <p>What it keeps from a signature: the output depends on the key (so the wrong signer fails) and on
 * every bit of the message. Changing any one 64-bit word of the message is always detected: the round is
 * a bijection of the word for a fixed accumulator and of the accumulator for a fixed word, so the changed
 * lane ends differently, the lanes' sum then differs, and so does every output word of an unchanged lane.
 * Other changes go undetected with probability about 2<sup>-64</sup>. What it does not keep: anyone who
 * knows the key (derived from the public key) can compute it, and collisions can be constructed on
 * purpose. It reads about one byte a cycle, several times faster than SHA-256 with the CPU's SHA
 * instructions, which is the point of a protocol-only experiment. Thread-safe (immutable).
 */
final class KeyedHash {

    /** Output length in bytes. */
    static final int LENGTH = 32;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;

    private final long seed0;
    private final long seed1;
    private final long seed2;
    private final long seed3;

    /** A hash keyed by {@code key}, exactly {@value #LENGTH} bytes. */
    KeyedHash(byte[] key) {
        if (key.length != LENGTH) {
            throw new IllegalArgumentException("a keyed-hash key has " + LENGTH + " bytes, not " + key.length);
        }
        seed0 = (long) LONGS.get(key, 0);
        seed1 = (long) LONGS.get(key, 8);
        seed2 = (long) LONGS.get(key, 16);
        seed3 = (long) LONGS.get(key, 24);
    }

    /** The hash of all of {@code message}. */
    byte[] hash(byte[] message) {
        return hash(message, 0, message.length);
    }

    /** The hash of {@code length} bytes of {@code message} from {@code offset}. */
    byte[] hash(byte[] message, int offset, int length) {
        return hash(message, offset, length, message, 0, 0);
    }

    /**
     * The hash of the {@code firstLength} bytes of {@code first} from {@code firstOffset} followed by the
     * {@code secondLength} bytes of {@code second} from {@code secondOffset}: the same as the hash of the
     * two ranges copied into one array, without that copy.
     */
    byte[] hash(byte[] first, int firstOffset, int firstLength, byte[] second, int secondOffset, int secondLength) {
        Objects.checkFromIndexSize(firstOffset, firstLength, first.length);
        Objects.checkFromIndexSize(secondOffset, secondLength, second.length);
        long v0 = seed0;
        long v1 = seed1;
        long v2 = seed2;
        long v3 = seed3;
        int p = firstOffset;
        int stripesEnd = firstOffset + (firstLength & ~31);
        for (; p < stripesEnd; p += 32) {
            v0 = round(v0, (long) LONGS.get(first, p));
            v1 = round(v1, (long) LONGS.get(first, p + 8));
            v2 = round(v2, (long) LONGS.get(first, p + 16));
            v3 = round(v3, (long) LONGS.get(first, p + 24));
        }
        int q = secondOffset;
        int secondEnd = secondOffset + secondLength;
        int left = firstOffset + firstLength - p;
        if (left > 0 && secondLength == 0) {
            // The last partial stripe, zero-padded to four words.
            int end = p + left;
            v0 = round(v0, tailWord(first, p, end));
            v1 = round(v1, tailWord(first, p + 8, end));
            v2 = round(v2, tailWord(first, p + 16, end));
            v3 = round(v3, tailWord(first, p + 24, end));
        } else if (left > 0) {
            // The stripe across the seam: the end of the first range, then the start of the second, zero-padded
            // if that is all there is (the last partial stripe).
            byte[] seam = new byte[32];
            System.arraycopy(first, p, seam, 0, left);
            int taken = Math.min(32 - left, secondLength);
            System.arraycopy(second, q, seam, left, taken);
            q += taken;
            v0 = round(v0, (long) LONGS.get(seam, 0));
            v1 = round(v1, (long) LONGS.get(seam, 8));
            v2 = round(v2, (long) LONGS.get(seam, 16));
            v3 = round(v3, (long) LONGS.get(seam, 24));
        }
        int secondStripesEnd = q + ((secondEnd - q) & ~31);
        for (; q < secondStripesEnd; q += 32) {
            v0 = round(v0, (long) LONGS.get(second, q));
            v1 = round(v1, (long) LONGS.get(second, q + 8));
            v2 = round(v2, (long) LONGS.get(second, q + 16));
            v3 = round(v3, (long) LONGS.get(second, q + 24));
        }
        if (q < secondEnd) {
            v0 = round(v0, tailWord(second, q, secondEnd));
            v1 = round(v1, tailWord(second, q + 8, secondEnd));
            v2 = round(v2, tailWord(second, q + 16, secondEnd));
            v3 = round(v3, tailWord(second, q + 24, secondEnd));
        }
        return finish(v0, v1, v2, v3, (long) firstLength + secondLength);
    }

    private static byte[] finish(long v0, long v1, long v2, long v3, long length) {
        long sum = Long.rotateLeft(v0, 1) + Long.rotateLeft(v1, 7) + Long.rotateLeft(v2, 12) + Long.rotateLeft(v3, 18)
                + length * P3;
        byte[] out = new byte[LENGTH];
        LONGS.set(out, 0, fmix64(sum ^ v0 * P2));
        LONGS.set(out, 8, fmix64(sum ^ Long.rotateLeft(v1 * P2, 21)));
        LONGS.set(out, 16, fmix64(sum ^ Long.rotateLeft(v2 * P2, 42)));
        LONGS.set(out, 24, fmix64(sum ^ v3 * P1));
        return out;
    }

    private static long round(long accumulator, long word) {
        return Long.rotateLeft(accumulator + word * P2, 31) * P1;
    }

    /** The word at {@code from}, little-endian, with the bytes at {@code end} and beyond taken as zero. */
    private static long tailWord(byte[] message, int from, int end) {
        if (from + 8 <= end) {
            return (long) LONGS.get(message, from);
        }
        long word = 0;
        for (int i = end - 1; i >= from; i--) {
            word = (word << 8) | (message[i] & 0xFF);
        }
        return word;
    }

    /** murmur3's 64-bit finaliser: every input bit flips each output bit with probability about one half. */
    private static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }
}
