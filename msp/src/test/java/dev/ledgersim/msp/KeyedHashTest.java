package dev.ledgersim.msp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simulated signatures' keyed hash: pinned outputs, and every change of key or message shows. */
class KeyedHashTest {

    private static final HexFormat HEX = HexFormat.of();

    private static byte[] key(int seed) {
        byte[] key = new byte[KeyedHash.LENGTH];
        new SplittableRandom(seed).nextBytes(key);
        return key;
    }

    private static byte[] message(int length, int seed) {
        byte[] message = new byte[length];
        new SplittableRandom(seed).nextBytes(message);
        return message;
    }

    @Test
    void outputsArePinnedSoThatSimulatedBlocksStayTheSame() {
        // Computed once with this implementation: a change here changes every simulated signature.
        KeyedHash hash = new KeyedHash(key(1));
        assertEquals("0dc2980866eadcf46cd8167ce4789a568b0f18de24ae044a0d1c42beffb2feab", hashOf(hash, 0));
        assertEquals("6313bc14395578b00fec1446ab9eff72bb5264f048ae81ce8d92450ca04f04ba", hashOf(hash, 3));
        assertEquals("7da62abd68e68d5106c9842d972fa07c937c8eec4842fa614879cd99d5f23c89", hashOf(hash, 32));
        assertEquals("15186a8688abf37c769e4ca6e093580e84127d75b6ade90123f99fda3efbdc86", hashOf(hash, 100));
    }

    private static String hashOf(KeyedHash hash, int length) {
        return HEX.formatHex(hash.hash(message(length, 9)));
    }

    @Test
    void flippingAnyBitOfTheMessageChangesEveryOutputWord() {
        KeyedHash hash = new KeyedHash(key(2));
        for (int length : new int[] {1, 7, 8, 9, 31, 32, 33, 63, 64, 65, 100, 1000}) {
            byte[] message = message(length, length);
            byte[] original = hash.hash(message);
            for (int bit = 0; bit < length * 8; bit++) {
                message[bit / 8] ^= (byte) (1 << (bit % 8));
                byte[] flipped = hash.hash(message);
                message[bit / 8] ^= (byte) (1 << (bit % 8));
                for (int word = 0; word < 4; word++) {
                    assertFalse(Arrays.equals(original, word * 8, word * 8 + 8, flipped, word * 8, word * 8 + 8),
                            "length " + length + ", bit " + bit + ": output word " + word + " unchanged");
                }
            }
            assertArrayEquals(original, hash.hash(message), "hashing is deterministic");
        }
    }

    @Test
    void trailingZeroBytesAndOtherKeysGiveOtherHashes() {
        KeyedHash hash = new KeyedHash(key(3));
        Set<String> seen = new HashSet<>();
        for (int length = 0; length <= 96; length++) {
            assertEquals(true, seen.add(HEX.formatHex(hash.hash(new byte[length]))), length + " zero bytes");
        }
        byte[] message = message(200, 4);
        for (int k = 0; k < 200; k++) {
            assertEquals(true, seen.add(HEX.formatHex(new KeyedHash(key(100 + k)).hash(message))), "key " + k);
        }
    }

    @Test
    void aSliceHashesLikeTheSameBytesCopied() {
        KeyedHash hash = new KeyedHash(key(5));
        byte[] buffer = message(300, 6);
        for (int offset : new int[] {0, 1, 13, 64}) {
            for (int length : new int[] {0, 5, 32, 77, 200}) {
                assertArrayEquals(hash.hash(Arrays.copyOfRange(buffer, offset, offset + length)),
                        hash.hash(buffer, offset, length), "offset " + offset + ", length " + length);
            }
        }
        assertThrows(IndexOutOfBoundsException.class, () -> hash.hash(buffer, 290, 11));
    }

    @Test
    void twoRangesHashLikeTheirConcatenationAtEverySplit() {
        KeyedHash hash = new KeyedHash(key(7));
        for (int length : new int[] {0, 1, 7, 31, 32, 33, 63, 64, 65, 95, 150, 257}) {
            byte[] message = message(length, length + 11);
            byte[] expected = hash.hash(message);
            for (int split = 0; split <= length; split++) {
                byte[] first = new byte[split + 3];
                byte[] second = new byte[length - split + 5];
                System.arraycopy(message, 0, first, 3, split);
                System.arraycopy(message, split, second, 5, length - split);
                assertArrayEquals(expected, hash.hash(first, 3, split, second, 5, length - split),
                        "length " + length + ", split at " + split);
            }
        }
        byte[] buffer = message(40, 1);
        assertThrows(IndexOutOfBoundsException.class, () -> hash.hash(buffer, 0, 41, buffer, 0, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> hash.hash(buffer, 0, 1, buffer, 39, 2));
    }

    @Test
    void aKeyHasThirtyTwoBytes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KeyedHash(new byte[31]));
        assertEquals("a keyed-hash key has 32 bytes, not 31", e.getMessage());
    }
}
