package dev.ledgersim.ledger.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The {@link KvStore} contract on {@link InMemoryKvStore}, plus what is particular to it. */
class InMemoryKvStoreTest extends AbstractKvStoreContractTest {

    @Override
    protected KvStoreFactory newFactory() {
        return KvStoreFactory.inMemory();
    }

    @Test
    void aStandaloneStoreWorksWithoutAFactory() {
        try (InMemoryKvStore store = new InMemoryKvStore(Set.of("a"))) {
            put(store, "a", "k", "v");
            assertEquals("v", s(store.get("a", b("k"))));
            assertNull(store.get("a", b("other")));
        }
    }

    @Test
    void factoriesAreSeparateDisks() {
        KvStoreFactory other = KvStoreFactory.inMemory();
        KvStore mine = open("node", "a");
        put(mine, "a", "k", "mine");
        try (KvStore theirs = other.open("node", Set.of("a"))) {
            assertNull(theirs.get("a", b("k")));
        }
        assertThrows(IllegalStateException.class, () -> factory().discard("node"));
    }

    /**
     * The weak consistency the class promises, with a batch written after every step of an iterator (so
     * between any two of its chunks): it never returns a key twice or goes backwards, returns every key
     * present in its range throughout, and returns only keys that were present at some point.
     */
    @Test
    void iteratorsStayConsistentWhileBatchesAreWrittenBetweenTheirChunks() {
        for (boolean descending : new boolean[] {false, true}) {
            for (byte[][] range : new byte[][][] {{null, null}, {b("k0100"), b("k1900")}, {b("k0555x"), null}}) {
                checkIteratorUnderWrites(descending, range[0], range[1]);
            }
        }
    }

    private void checkIteratorUnderWrites(boolean descending, byte[] from, byte[] to) {
        KvStore store = open("weak-" + descending + "-" + (from == null ? "all" : s(from)) + "-" + (to == null ? "all" : s(to)), "a");
        SplittableRandom random = new SplittableRandom(17);
        // Even-numbered keys stay for the whole run; odd ones come and go.
        Set<String> stable = new TreeSet<>();
        Set<String> everPresent = new HashSet<>();
        WriteBatch initial = store.newBatch();
        for (int i = 0; i < 2_000; i++) {
            String key = String.format("k%04d", i);
            initial.put("a", b(key), b("v0"));
            everPresent.add(key);
            if (i % 2 == 0) {
                stable.add(key);
            }
        }
        store.write(initial);

        List<String> returned = new ArrayList<>();
        try (KvIterator it = descending ? store.iterateDescending("a", from, to) : store.iterate("a", from, to)) {
            while (it.next()) {
                returned.add(s(it.key()));
                assertTrue(s(it.value()).startsWith("v"), "a value of the key, not a stale slot");
                // A batch between every two steps: odd keys deleted and re-added, new keys on both sides of
                // the cursor, stable keys overwritten.
                WriteBatch batch = store.newBatch();
                for (int w = 0; w < 3; w++) {
                    int n = random.nextInt(2_000);
                    String odd = String.format("k%04d", n | 1);
                    if (random.nextBoolean()) {
                        batch.delete("a", b(odd));
                    } else {
                        batch.put("a", b(odd), b("v1"));
                    }
                    batch.put("a", b(String.format("k%04d", n & ~1)), b("v3"));
                }
                if (random.nextInt(4) == 0) {
                    String fresh = String.format("k%04dx%d", random.nextInt(2_000), random.nextInt(1_000));
                    batch.put("a", b(fresh), b("v2"));
                    everPresent.add(fresh);
                }
                store.write(batch);
            }
        }

        String where = (descending ? "descending" : "ascending") + " over [" + (from == null ? "" : s(from)) + ", " + (to == null ? "" : s(to)) + ")";
        for (int i = 1; i < returned.size(); i++) {
            int c = Arrays.compareUnsigned(b(returned.get(i - 1)), b(returned.get(i)));
            assertTrue(descending ? c > 0 : c < 0, where + ": " + returned.get(i - 1) + " then " + returned.get(i));
        }
        Set<String> expectedStable = new TreeSet<>();
        for (String key : stable) {
            boolean inRange = (from == null || Arrays.compareUnsigned(b(key), from) >= 0) && (to == null || Arrays.compareUnsigned(b(key), to) < 0);
            if (inRange) {
                expectedStable.add(key);
            }
        }
        assertTrue(returned.containsAll(expectedStable), where + ": every key present throughout is returned");
        assertTrue(everPresent.containsAll(returned), where + ": only keys that were written are returned");
        assertTrue(returned.size() > expectedStable.size(), where + ": the iterator ran past the first chunks (" + returned.size() + " keys)");
    }
}
