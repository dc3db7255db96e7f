package dev.ledgersim.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link SortedBytesMap} against {@link TreeMap} ordered by {@link Arrays#compareUnsigned}: the same
 * seeded operations on both must give the same answers, and the tree must keep its invariants. Small node
 * capacities make every operation split, borrow or merge.
 */
class SortedBytesMapTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ALPHABET = {0x00, 0x01, 0x61, 0x7F, (byte) 0x80, (byte) 0xFE, (byte) 0xFF};
    private static final byte[] SHARED_PREFIX = HEX.parseHex("6d79636300" + "6b65792d" + "0000ff");

    private static byte[] hex(String hex) {
        return HEX.parseHex(hex);
    }

    /** A key drawn from families that stress the prefix comparison. */
    private static byte[] randomKey(SplittableRandom random) {
        switch (random.nextInt(6)) {
            case 0: {
                // Short keys over an alphabet rich in 0x00 and 0xFF: many are prefixes of one another,
                // and many pad to the same 8-byte prefix as a longer key ending in zero bytes.
                byte[] key = new byte[random.nextInt(11)];
                for (int i = 0; i < key.length; i++) {
                    key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
                }
                return key;
            }
            case 1: {
                // A long shared prefix (a namespace) and a short varied suffix: equal 8-byte prefixes.
                byte[] key = Arrays.copyOf(SHARED_PREFIX, SHARED_PREFIX.length + random.nextInt(4));
                for (int i = SHARED_PREFIX.length; i < key.length; i++) {
                    key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
                }
                return key;
            }
            case 2: {
                // Hex transaction ids, as the ledger's indexes hold them.
                byte[] key = new byte[64];
                for (int i = 0; i < key.length; i++) {
                    key[i] = (byte) "0123456789abcdef".charAt(random.nextInt(16));
                }
                return key;
            }
            case 3: {
                // Zero-padding ambiguity: a few bytes followed by a run of zeros.
                byte[] key = new byte[random.nextInt(12)];
                int meaningful = key.length == 0 ? 0 : random.nextInt(key.length);
                for (int i = 0; i < meaningful; i++) {
                    key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
                }
                return key;
            }
            case 4: {
                // Big-endian sequence numbers (block numbers) with an optional suffix.
                long n = random.nextLong(5_000);
                byte[] key = new byte[8 + random.nextInt(3)];
                for (int i = 0; i < 8; i++) {
                    key[i] = (byte) (n >>> (56 - 8 * i));
                }
                return key;
            }
            default:
                return new byte[0];
        }
    }

    /** A key that is often present, else a fresh one (or a prefix or extension of a present one). */
    private static byte[] pickKey(SplittableRandom random, List<byte[]> seen) {
        if (!seen.isEmpty() && random.nextInt(3) > 0) {
            byte[] known = seen.get(random.nextInt(seen.size()));
            return switch (random.nextInt(4)) {
                case 0 -> Arrays.copyOf(known, random.nextInt(known.length + 1));
                case 1 -> Arrays.copyOf(known, known.length + 1 + random.nextInt(2));
                default -> known.clone();
            };
        }
        byte[] key = randomKey(random);
        seen.add(key);
        return key.clone();
    }

    private static byte[] value(SplittableRandom random) {
        byte[] value = new byte[random.nextInt(4)];
        random.nextBytes(value);
        return value;
    }

    @ParameterizedTest(name = "node capacity {0}")
    @ValueSource(ints = {4, 5, 7, 16, SortedBytesMap.DEFAULT_NODE_CAPACITY})
    void randomOperationsAgreeWithTreeMap(int capacity) {
        long seed = 0x5eedL * capacity;
        SplittableRandom random = new SplittableRandom(seed);
        SortedBytesMap map = new SortedBytesMap(capacity);
        NavigableMap<byte[], byte[]> expected = new TreeMap<>(Arrays::compareUnsigned);
        List<byte[]> seen = new ArrayList<>();
        int operations = 40_000;
        for (int op = 0; op < operations; op++) {
            // Phases: grow (puts dominate), shrink (removes dominate), grow again.
            int putWeight = op < 15_000 ? 60 : op < 28_000 ? 15 : 60;
            int roll = random.nextInt(100);
            byte[] key = pickKey(random, seen);
            String where = "seed " + seed + ", operation " + op + ", key " + HEX.formatHex(key);
            if (roll < putWeight) {
                byte[] value = value(random);
                assertSameValue(expected.put(key, value), map.put(key, value), where);
            } else if (roll < putWeight + 25) {
                assertSameValue(expected.remove(key), map.remove(key), where);
            } else if (roll < 95) {
                assertSameValue(expected.get(key), map.get(key), where);
            } else {
                checkRandomRange(random, map, expected, seen, where);
            }
            assertEquals(expected.size(), map.size(), where);
            if (op % 500 == 0) {
                map.checkInvariants();
            }
        }
        map.checkInvariants();
        assertEquals(new ArrayList<>(expected.keySet()).stream().map(HEX::formatHex).toList(),
                keysOf(map, null, true, null, false, false, Integer.MAX_VALUE));

        // Down to empty, in random order, then grow again.
        List<byte[]> keys = new ArrayList<>(expected.keySet());
        for (int i = keys.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            byte[] swap = keys.get(i);
            keys.set(i, keys.get(j));
            keys.set(j, swap);
        }
        for (byte[] key : keys) {
            assertSame(expected.remove(key), map.remove(key.clone()));
        }
        map.checkInvariants();
        assertEquals(0, map.size());
        assertNull(map.get(new byte[0]));
        assertEquals(List.of(), keysOf(map, null, true, null, false, true, 10));
        for (byte[] key : keys) {
            byte[] value = value(random);
            assertNull(map.put(key, value));
            expected.put(key, value);
        }
        map.checkInvariants();
        checkChunkedReads(map, expected, 1 + random.nextInt(9));
    }

    /** One collect call with random bounds, inclusivity, direction and limit, against the TreeMap's view. */
    private static void checkRandomRange(SplittableRandom random, SortedBytesMap map, NavigableMap<byte[], byte[]> expected,
                                         List<byte[]> seen, String where) {
        byte[] start = random.nextInt(5) == 0 ? null : pickKey(random, seen);
        byte[] end = random.nextInt(5) == 0 ? null : pickKey(random, seen);
        boolean startInclusive = random.nextBoolean();
        boolean endInclusive = random.nextBoolean();
        boolean descending = random.nextBoolean();
        int max = random.nextInt(4) == 0 ? 0 : 1 + random.nextInt(40);
        List<String> want = expectedRange(expected, start, startInclusive, end, endInclusive, descending, max);
        List<String> got = keysOf(map, start, startInclusive, end, endInclusive, descending, max);
        assertEquals(want, got, where + ", range from " + hexOrNull(start) + (startInclusive ? " incl" : " excl")
                + " to " + hexOrNull(end) + (endInclusive ? " incl" : " excl") + (descending ? " descending" : "") + " max " + max);
    }

    private static String hexOrNull(byte[] key) {
        return key == null ? "null" : HEX.formatHex(key);
    }

    /** What {@link SortedBytesMap#collect} must return, computed on the TreeMap. */
    private static List<String> expectedRange(NavigableMap<byte[], byte[]> expected, byte[] start, boolean startInclusive,
                                              byte[] end, boolean endInclusive, boolean descending, int max) {
        NavigableMap<byte[], byte[]> walk = descending ? expected.descendingMap() : expected;
        if (start != null) {
            walk = walk.tailMap(start, startInclusive);
        }
        if (end != null) {
            // In walking order, an end before the start is an empty range (TreeMap would throw), and so is
            // an end equal to the start unless both are included.
            int c = start == null ? -1 : walk.comparator().compare(start, end);
            boolean empty = c > 0 || (c == 0 && !(startInclusive && endInclusive));
            walk = empty ? new TreeMap<>(walk.comparator()) : walk.headMap(end, endInclusive);
        }
        return walk.keySet().stream().limit(max).map(HEX::formatHex).toList();
    }

    private static List<String> keysOf(SortedBytesMap map, byte[] start, boolean startInclusive, byte[] end, boolean endInclusive,
                                       boolean descending, int max) {
        List<String> keys = new ArrayList<>();
        int passed = map.collect(start, startInclusive, end, endInclusive, descending, max, (k, v) -> keys.add(HEX.formatHex(k)));
        assertEquals(keys.size(), passed, "collect returns how many entries it passed");
        return keys;
    }

    /**
     * Reads every range between pairs of present keys in chunks, each chunk continuing strictly after
     * (descending: before) the last key of the previous one, as {@link InMemoryKvStore}'s iterators do.
     */
    private static void checkChunkedReads(SortedBytesMap map, NavigableMap<byte[], byte[]> expected, int chunk) {
        List<byte[]> bounds = new ArrayList<>();
        bounds.add(null);
        int step = Math.max(1, expected.size() / 12);
        int i = 0;
        for (byte[] key : expected.keySet()) {
            if (i++ % step == 0) {
                bounds.add(key);
                bounds.add(Arrays.copyOf(key, key.length + 1));
            }
        }
        for (byte[] low : bounds) {
            for (byte[] high : bounds) {
                if (low != null && high != null && Arrays.compareUnsigned(low, high) > 0) {
                    continue;
                }
                for (boolean descending : new boolean[] {false, true}) {
                    NavigableMap<byte[], byte[]> range = expected;
                    if (low != null) {
                        range = range.tailMap(low, true);
                    }
                    if (high != null) {
                        range = range.headMap(high, false);
                    }
                    List<String> want = (descending ? range.descendingKeySet() : range.navigableKeySet()).stream()
                            .map(HEX::formatHex).toList();
                    assertEquals(want, readInChunks(map, low, high, descending, chunk),
                            "chunks of " + chunk + " over [" + hexOrNull(low) + ", " + hexOrNull(high) + ")" + (descending ? " descending" : ""));
                }
            }
        }
    }

    /** The keys of {@code [low, high)} read {@code chunk} at a time. */
    private static List<String> readInChunks(SortedBytesMap map, byte[] low, byte[] high, boolean descending, int chunk) {
        List<String> all = new ArrayList<>();
        byte[] last = null;
        while (true) {
            List<byte[]> got = new ArrayList<>();
            if (!descending) {
                map.collect(last == null ? low : last, last == null, high, false, false, chunk, (k, v) -> got.add(k));
            } else {
                map.collect(last == null ? high : last, false, low, true, true, chunk, (k, v) -> got.add(k));
            }
            got.forEach(k -> all.add(HEX.formatHex(k)));
            if (got.size() < chunk) {
                return all;
            }
            last = got.get(got.size() - 1);
        }
    }

    private static void assertSameValue(byte[] expected, byte[] actual, String where) {
        // The map stores arrays as given: the very same array comes back.
        assertSame(expected, actual, where);
    }

    @Test
    void keysThatPadToTheSamePrefixAreOrderedByTheirBytes() {
        List<String> sorted = List.of("", "00", "0000", "00000000000000", "0000000000000000", "000000000000000000",
                "0000000000000001", "01", "61", "6100", "610000", "6100000000000000", "610000000000000000", "6100000000000001",
                "7f", "80", "ff", "ffffffffffffff", "ffffffffffffffff", "ffffffffffffffff00", "ffffffffffffffffff");
        assertEquals(SortedBytesMap.prefixOf(hex("61")), SortedBytesMap.prefixOf(hex("6100000000000000")));
        assertEquals(0x6100000000000000L, SortedBytesMap.prefixOf(hex("61")));
        assertEquals(0xffffffffffffffffL, SortedBytesMap.prefixOf(hex("ffffffffffffffff00")));
        for (int capacity : new int[] {4, SortedBytesMap.DEFAULT_NODE_CAPACITY}) {
            SortedBytesMap map = new SortedBytesMap(capacity);
            List<String> scrambled = new ArrayList<>(sorted);
            Collections.shuffle(scrambled, new Random(capacity));
            for (String key : scrambled) {
                assertNull(map.put(hex(key), hex(key)), key);
            }
            map.checkInvariants();
            assertEquals(sorted, keysOf(map, null, true, null, false, false, 100));
            List<String> reversed = new ArrayList<>(sorted);
            Collections.reverse(reversed);
            assertEquals(reversed, keysOf(map, null, true, null, false, true, 100));
            for (String key : sorted) {
                assertArrayEquals(hex(key), map.get(hex(key)), key);
            }
            assertNull(map.get(hex("000000")));
            assertNull(map.get(hex("61000000")));
            assertEquals(List.of("6100", "610000", "6100000000000000"),
                    keysOf(map, hex("61"), false, hex("610000000000000000"), false, false, 100));
            assertEquals(List.of("610000000000000000", "6100000000000000", "610000"),
                    keysOf(map, hex("610000000000000000"), true, hex("6100"), false, true, 100));
        }
    }

    @Test
    void ascendingAndDescendingInsertionThenRemovalFromEitherEnd() {
        for (int capacity : new int[] {4, 6, 32}) {
            SortedBytesMap map = new SortedBytesMap(capacity);
            Map<Integer, byte[]> values = new TreeMap<>();
            int n = 3_000;
            for (int i = 0; i < n; i++) {
                // Block numbers in ascending order, then their odd halves descending: both ends of the tree split.
                int number = i < n / 2 ? 2 * i : 2 * (n - i) - 1;
                byte[] value = new byte[] {(byte) number};
                values.put(number, value);
                assertNull(map.put(blockKey(number), value));
            }
            map.checkInvariants();
            assertEquals(n, map.size());
            for (int number = 0; number < n; number++) {
                assertSame(values.get(number), map.get(blockKey(number)), "block " + number);
            }
            // Remove from the low end, then from the high end, checking as the tree shrinks.
            for (int k = 0; k < n; k++) {
                int number = k % 2 == 0 ? k / 2 : n - 1 - k / 2;
                assertSame(values.get(number), map.remove(blockKey(number)), "block " + number);
                assertNull(map.remove(blockKey(number)));
                if (k % 97 == 0) {
                    map.checkInvariants();
                }
            }
            map.checkInvariants();
            assertEquals(0, map.size());
            assertNull(map.put(blockKey(7), new byte[0]));
            assertEquals(1, map.size());
            map.checkInvariants();
        }
    }

    private static byte[] blockKey(long number) {
        byte[] key = new byte[8];
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (number >>> (56 - 8 * i));
        }
        return key;
    }

    @Test
    void replacingAValueKeepsTheSizeAndReturnsTheOldOne() {
        SortedBytesMap map = new SortedBytesMap();
        byte[] first = {1};
        byte[] second = {2};
        assertNull(map.put(hex("6b"), first));
        assertSame(first, map.put(hex("6b"), second));
        assertEquals(1, map.size());
        assertSame(second, map.get(hex("6b")));
        assertSame(second, map.remove(hex("6b")));
        assertNull(map.remove(hex("6b")));
        assertEquals(0, map.size());
    }

    @Test
    void argumentsAreChecked() {
        SortedBytesMap map = new SortedBytesMap();
        assertThrows(NullPointerException.class, () -> map.put(null, new byte[0]));
        assertThrows(NullPointerException.class, () -> map.put(new byte[0], null));
        assertThrows(IllegalArgumentException.class, () -> map.collect(null, true, null, false, false, -1, (k, v) -> { }));
        assertThrows(IllegalArgumentException.class, () -> new SortedBytesMap(3));
        assertTrue(map.collect(null, true, null, false, false, 0, (k, v) -> { }) == 0);
    }
}
