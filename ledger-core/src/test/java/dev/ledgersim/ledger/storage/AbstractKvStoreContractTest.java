package dev.ledgersim.ledger.storage;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.Lists;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link KvStore} contract, run against every implementation (one subclass each). Stores are opened
 * through the implementation's {@link KvStoreFactory}, so reopening a name is a node restart.
 */
abstract class AbstractKvStoreContractTest {

    private final List<KvStore> opened = new ArrayList<>();
    private KvStoreFactory factory;

    /** A fresh factory for one test (a fresh "disk"). */
    protected abstract KvStoreFactory newFactory();

    protected final KvStoreFactory factory() {
        if (factory == null) {
            factory = newFactory();
        }
        return factory;
    }

    protected final KvStore open(String name, String... columns) {
        KvStore store = factory().open(name, Set.of(columns));
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(KvStore::close);
    }

    static byte[] b(String text) {
        return text.getBytes(UTF_8);
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String s(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    /** Keys of an iterator, as hex, in iteration order; closes it. */
    static List<String> keysHex(KvIterator it) {
        try (it) {
            List<String> keys = new ArrayList<>();
            while (it.next()) {
                keys.add(HexFormat.of().formatHex(it.key()));
            }
            return keys;
        }
    }

    /** Keys of an iterator, as UTF-8, in iteration order; closes it. */
    static List<String> keys(KvIterator it) {
        try (it) {
            List<String> keys = new ArrayList<>();
            while (it.next()) {
                keys.add(s(it.key()));
            }
            return keys;
        }
    }

    static void put(KvStore store, String column, String key, String value) {
        store.write(store.newBatch().put(column, b(key), b(value)));
    }

    @Test
    void putGetDelete() {
        KvStore store = open("s", "a");
        assertNull(store.get("a", b("k")));
        put(store, "a", "k", "v1");
        assertEquals("v1", s(store.get("a", b("k"))));
        put(store, "a", "k", "v2");
        assertEquals("v2", s(store.get("a", b("k"))));
        store.write(store.newBatch().delete("a", b("k")));
        assertNull(store.get("a", b("k")));
        store.write(store.newBatch().delete("a", b("never-there")));
        assertNull(store.get("a", b("never-there")));
    }

    @Test
    void emptyValueIsPresentAndDistinctFromAbsent() {
        KvStore store = open("s", "a");
        store.write(store.newBatch().put("a", b("empty"), new byte[0]));
        byte[] value = store.get("a", b("empty"));
        assertNotNull(value, "an empty value is present");
        assertEquals(0, value.length);
        assertNull(store.get("a", b("absent")));
        try (KvIterator it = store.iterate("a", null, null)) {
            assertTrue(it.next());
            assertEquals("empty", s(it.key()));
            assertEquals(0, it.value().length);
            assertFalse(it.next());
        }
    }

    @Test
    void columnsAreSeparateKeySpaces() {
        KvStore store = open("s", "a", "b");
        put(store, "a", "k", "in-a");
        put(store, "b", "k", "in-b");
        assertEquals("in-a", s(store.get("a", b("k"))));
        assertEquals("in-b", s(store.get("b", b("k"))));
        store.write(store.newBatch().delete("a", b("k")));
        assertNull(store.get("a", b("k")));
        assertEquals("in-b", s(store.get("b", b("k"))));
        assertEquals(Set.of("a", "b"), store.columns());
    }

    @Test
    void binaryKeysAreOrderedAsUnsignedBytes() {
        KvStore store = open("s", "a");
        List<String> sorted = List.of("", "00", "0000", "0001", "01", "7f", "7fff", "80", "8000", "fe", "ff", "ff00", "ffff");
        WriteBatch batch = store.newBatch();
        for (int i = sorted.size() - 1; i >= 0; i--) {
            batch.put("a", hex(sorted.get(i)), hex(sorted.get(i)));
        }
        store.write(batch);
        assertEquals(sorted, keysHex(store.iterate("a", null, null)));
        assertEquals(Lists.reverse(sorted), keysHex(store.iterateDescending("a", null, null)));
        for (String k : sorted) {
            assertArrayEquals(hex(k), store.get("a", hex(k)), "value of key " + k);
        }
        // 0x00 and 0xFF as range bounds.
        assertEquals(List.of("00", "0000", "0001"), keysHex(store.iterate("a", hex("00"), hex("01"))));
        assertEquals(List.of("ff", "ff00", "ffff"), keysHex(store.iterate("a", hex("ff"), null)));
        assertEquals(List.of("ffff", "ff00", "ff"), keysHex(store.iterateDescending("a", hex("ff"), null)));
        assertEquals(List.of("fe", "8000", "80"), keysHex(store.iterateDescending("a", hex("80"), hex("ff"))));
    }

    @Test
    void rangesHonourInclusiveStartAndExclusiveEnd() {
        KvStore store = open("s", "a");
        WriteBatch batch = store.newBatch();
        for (String k : List.of("a", "b", "c", "d")) {
            batch.put("a", b(k), b("v" + k));
        }
        store.write(batch);
        assertEquals(List.of("b", "c"), keys(store.iterate("a", b("b"), b("d"))));
        assertEquals(List.of("a", "b"), keys(store.iterate("a", null, b("c"))));
        assertEquals(List.of("c", "d"), keys(store.iterate("a", b("c"), null)));
        assertEquals(List.of("a", "b", "c", "d"), keys(store.iterate("a", null, null)));
        assertEquals(List.of(), keys(store.iterate("a", b("b"), b("b"))));
        assertEquals(List.of("b"), keys(store.iterate("a", b("ab"), b("bb"))));
        assertEquals(List.of(), keys(store.iterate("a", b("e"), null)));
        try (KvIterator it = store.iterate("a", b("c"), null)) {
            assertTrue(it.next());
            assertEquals("vc", s(it.value()));
        }
    }

    @Test
    void descendingIterationReversesTheSameRange() {
        KvStore store = open("s", "a");
        WriteBatch batch = store.newBatch();
        for (String k : List.of("a", "b", "c", "d")) {
            batch.put("a", b(k), b("v" + k));
        }
        store.write(batch);
        assertEquals(List.of("c", "b"), keys(store.iterateDescending("a", b("b"), b("d"))));
        assertEquals(List.of("b", "a"), keys(store.iterateDescending("a", null, b("c"))));
        assertEquals(List.of("d", "c"), keys(store.iterateDescending("a", b("c"), null)));
        assertEquals(List.of("d", "c", "b", "a"), keys(store.iterateDescending("a", null, null)));
        assertEquals(List.of("b"), keys(store.iterateDescending("a", b("ab"), b("bb"))));
        assertEquals(List.of(), keys(store.iterateDescending("a", b("b"), b("b"))));
        try (KvIterator it = store.iterateDescending("a", null, b("c"))) {
            assertTrue(it.next());
            assertEquals("vb", s(it.value()));
        }
    }

    @Test
    void invertedRangeIsRejected() {
        KvStore store = open("s", "a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.iterate("a", b("b"), b("a")));
        assertTrue(e.getMessage().contains("inverted range"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.iterateDescending("a", b("b"), b("a")));
    }

    @Test
    void unknownColumnNamesItAndTheKnownOnes() {
        KvStore store = open("s", "a", "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.get("nope", b("k")));
        assertEquals("unknown column 'nope'; known columns: [a, b]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.iterate("nope", null, null));
        assertThrows(IllegalArgumentException.class, () -> store.iterateDescending("nope", null, null));
        WriteBatch batch = store.newBatch();
        e = assertThrows(IllegalArgumentException.class, () -> batch.put("nope", b("k"), b("v")));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        assertTrue(batch.isEmpty(), "the refused operation is not in the batch");
    }

    @Test
    void batchAppliesEveryOperationAcrossColumnsInOrder() {
        KvStore store = open("s", "a", "b");
        put(store, "b", "old", "x");
        WriteBatch batch = store.newBatch()
                .put("a", b("k1"), b("1"))
                .put("b", b("k2"), b("2"))
                .delete("b", b("old"))
                .put("a", b("twice"), b("first"))
                .put("a", b("twice"), b("second"))
                .put("a", b("gone"), b("x"))
                .delete("a", b("gone"));
        assertEquals(7, batch.size());
        store.write(batch);
        assertEquals("1", s(store.get("a", b("k1"))));
        assertEquals("2", s(store.get("b", b("k2"))));
        assertNull(store.get("b", b("old")));
        assertEquals("second", s(store.get("a", b("twice"))), "a later operation on the same key wins");
        assertNull(store.get("a", b("gone")));
    }

    @Test
    void batchWithAnUnknownColumnAppliesNothing() {
        KvStore wide = open("wide", "a", "b", "extra");
        KvStore narrow = open("narrow", "a", "b");
        put(narrow, "a", "k", "before");
        WriteBatch batch = wide.newBatch()
                .put("a", b("k"), b("after"))
                .put("b", b("k2"), b("new"))
                .put("extra", b("k3"), b("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> narrow.write(batch));
        assertTrue(e.getMessage().contains("'extra'"), e.getMessage());
        assertEquals("before", s(narrow.get("a", b("k"))));
        assertNull(narrow.get("b", b("k2")));
        // The batch is still good for the store it was made for.
        wide.write(batch);
        assertEquals("x", s(wide.get("extra", b("k3"))));
    }

    @Test
    void batchIsWrittenOnce() {
        KvStore store = open("s", "a");
        WriteBatch batch = store.newBatch().put("a", b("k"), b("v"));
        store.write(batch);
        assertThrows(IllegalStateException.class, () -> store.write(batch));
        assertThrows(IllegalStateException.class, () -> batch.put("a", b("k2"), b("v")));
        assertNull(store.get("a", b("k2")));
    }

    @Test
    void arraysAreCopiedInAndOut() {
        KvStore store = open("s", "a");
        byte[] key = b("k");
        byte[] value = b("v");
        WriteBatch batch = store.newBatch().put("a", key, value);
        key[0] = 'x';
        value[0] = 'x';
        store.write(batch);
        byte[] read = store.get("a", b("k"));
        assertEquals("v", s(read));
        read[0] = 'y';
        assertEquals("v", s(store.get("a", b("k"))));
        try (KvIterator it = store.iterate("a", null, null)) {
            assertTrue(it.next());
            it.key()[0] = 'z';
            it.value()[0] = 'z';
            assertEquals("k", s(it.key()));
            assertEquals("v", s(it.value()));
        }
        assertNull(store.get("a", b("x")));
    }

    @Test
    void iteratorHasNoEntryBeforeNextOrAfterTheEnd() {
        KvStore store = open("s", "a");
        put(store, "a", "k", "v");
        KvIterator it = store.iterate("a", null, null);
        assertThrows(IllegalStateException.class, it::key);
        assertTrue(it.next());
        assertFalse(it.next());
        assertFalse(it.next(), "stays exhausted");
        assertThrows(IllegalStateException.class, it::value);
        it.close();
        it.close();
        assertThrows(IllegalStateException.class, it::next);
    }

    @Test
    void useAfterCloseThrowsIllegalState() {
        KvStore store = open("s", "a");
        put(store, "a", "k", "v");
        KvIterator it = store.iterate("a", null, null);
        WriteBatch batch = store.newBatch().put("a", b("k2"), b("v"));
        store.close();
        store.close();
        assertThrows(IllegalStateException.class, () -> store.get("a", b("k")));
        assertThrows(IllegalStateException.class, () -> store.iterate("a", null, null));
        assertThrows(IllegalStateException.class, store::newBatch);
        assertThrows(IllegalStateException.class, () -> store.write(batch));
        assertThrows(IllegalStateException.class, it::next, "an iterator open at close is closed with its store");
        it.close();
    }

    @Test
    void reopeningTheSameNameRecoversTheData() {
        KvStore store = factory().open("node1", Set.of("a", "b"));
        WriteBatch batch = store.newBatch();
        for (int i = 0; i < 100; i++) {
            batch.put("a", b("key" + i), b("value" + i));
        }
        batch.put("b", b("empty"), new byte[0]);
        store.write(batch);
        store.write(store.newBatch().delete("a", b("key7")));
        store.close();

        KvStore reopened = open("node1", "a", "b", "c");
        assertEquals("value42", s(reopened.get("a", b("key42"))));
        assertNull(reopened.get("a", b("key7")), "a delete survives the restart too");
        assertEquals(0, reopened.get("b", b("empty")).length);
        assertEquals(99, keys(reopened.iterate("a", null, null)).size());
        assertEquals(List.of(), keys(reopened.iterate("c", null, null)), "a new column starts empty");
    }

    @Test
    void columnsNotAskedForKeepTheirDataUnexposed() {
        KvStore store = factory().open("n", Set.of("a", "b"));
        put(store, "b", "k", "kept");
        store.close();
        KvStore onlyA = factory().open("n", Set.of("a"));
        assertThrows(IllegalArgumentException.class, () -> onlyA.get("b", b("k")));
        onlyA.close();
        KvStore both = open("n", "a", "b");
        assertEquals("kept", s(both.get("b", b("k"))));
    }

    @Test
    void discardForgetsTheData() {
        KvStore store = factory().open("node1", Set.of("a"));
        put(store, "a", "k", "v");
        assertThrows(IllegalStateException.class, () -> factory().discard("node1"), "cannot wipe an open store");
        store.close();
        factory().discard("node1");
        factory().discard("never-opened");
        KvStore fresh = open("node1", "a");
        assertNull(fresh.get("a", b("k")));
    }

    @Test
    void namesArePathsAndDiscardingANodeWipesEverythingUnderIt() {
        KvStore blocks = factory().open("peer0/ch1/blocks", Set.of("a"));
        KvStore state = factory().open("peer0/ch1/state", Set.of("a"));
        KvStore other = open("peer01/ch1/state", "a");
        put(blocks, "a", "k", "block");
        put(state, "a", "k", "state");
        put(other, "a", "k", "other node");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> factory().discard("peer0"));
        assertTrue(e.getMessage().contains("peer0/ch1/"), e.getMessage());
        blocks.close();
        state.close();
        factory().discard("peer0");
        assertNull(open("peer0/ch1/blocks", "a").get("a", b("k")));
        assertNull(open("peer0/ch1/state", "a").get("a", b("k")));
        assertEquals("other node", s(other.get("a", b("k"))), "peer01 is not under peer0");
    }

    @Test
    void aNameIsOpenOnceAtATime() {
        open("n", "a");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> factory().open("n", Set.of("a")));
        assertTrue(e.getMessage().contains("already open"), e.getMessage());
    }

    @Test
    void badNamesAndColumnsAreRejected() {
        for (String bad : List.of("../escape", "a/../../b", "", "/abs", "a//b", "a/", "sp ace", "a\\b", "./a")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> factory().open(bad, Set.of("a")));
            assertTrue(e.getMessage().startsWith("invalid store name '" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> factory().open("n", Set.of()));
        assertThrows(IllegalArgumentException.class, () -> factory().open("n", Set.of("")));
        // A refused open leaves the name free.
        assertEquals(Set.of("a"), open("n", "a").columns());
    }

    @Test
    void largeValuesRoundTrip() {
        KvStore store = open("s", "a");
        byte[] big = new byte[512 * 1024];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        store.write(store.newBatch().put("a", b("big"), big));
        assertArrayEquals(big, store.get("a", b("big")));
    }

    @Test
    void manyStoresOpenTogether() {
        int count = 30;
        List<KvStore> stores = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            KvStore store = open("peer" + i, "state", "history");
            WriteBatch batch = store.newBatch();
            for (int k = 0; k < 50; k++) {
                batch.put("state", b("k" + k), b("peer" + i + "/" + k));
                batch.put("history", b("h" + k), b("x"));
            }
            store.write(batch);
            stores.add(store);
        }
        for (int i = 0; i < count; i++) {
            assertEquals("peer" + i + "/49", s(stores.get(i).get("state", b("k49"))));
            assertEquals(50, keys(stores.get(i).iterate("history", null, null)).size());
        }
        stores.forEach(KvStore::close);
        KvStore again = open("peer17", "state", "history");
        assertEquals("peer17/3", s(again.get("state", b("k3"))));
    }
}
