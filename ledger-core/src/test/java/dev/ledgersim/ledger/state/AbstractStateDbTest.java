package dev.ledgersim.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.storage.InMemoryKvStore;
import dev.ledgersim.ledger.storage.KvStore;
import dev.ledgersim.ledger.storage.StorageException;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The {@link StateDb} contract: what a committer writes is what the endorser and validator read. */
abstract class AbstractStateDbTest extends AbstractStateStoreTest {

    static final String MAX = new String(Character.toChars(0x10FFFF));
    static final Bytes HASH_K = Bytes.fromHex("aa".repeat(32));

    static VersionedValue value(String text, long block, long tx) {
        return VersionedValue.of(Bytes.utf8(text), new Version(block, tx));
    }

    static SortedMap<String, Bytes> metadata(String... nameValue) {
        SortedMap<String, Bytes> map = new TreeMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            map.put(nameValue[i], Bytes.utf8(nameValue[i + 1]));
        }
        return map;
    }

    static List<String> keys(ResultsIterator<StateEntry> it) {
        return it.toList().stream().map(StateEntry::key).toList();
    }

    @Test
    void valuesVersionsAndMetadataRoundTrip() {
        StateDb state = new StateDb(ledger());
        VersionedValue withMetadata = new VersionedValue(Bytes.utf8("v1"), new Version(0, 3),
                metadata(KvMetadataEntry.VALIDATION_PARAMETER, "policy", "another", "x"));
        VersionedValue hashed = new VersionedValue(Bytes.fromHex("bb".repeat(32)), new Version(0, 4), metadata("m", "h"));
        state.apply(new UpdateBatch()
                .put("cc", "k1", withMetadata)
                .put("cc", "k2", value("v2", 0, 5))
                .putHashed("cc", "coll", HASH_K, hashed)
                .putPrivate("cc", "coll", "k1", value("secret", 0, 4)), 0);

        assertEquals(Optional.of(withMetadata), state.get("cc", "k1"));
        assertEquals("policy", state.get("cc", "k1").orElseThrow().metadata().get(KvMetadataEntry.VALIDATION_PARAMETER).toUtf8());
        assertEquals(List.of(KvMetadataEntry.VALIDATION_PARAMETER, "another"),
                List.copyOf(state.get("cc", "k1").orElseThrow().metadata().keySet()));
        assertEquals(Optional.of(value("v2", 0, 5)), state.get("cc", "k2"));
        assertEquals(Optional.of(hashed), state.getHashed("cc", "coll", HASH_K));
        assertEquals(Optional.of(value("secret", 0, 4)), state.getPrivate("cc", "coll", "k1"));
        assertEquals(Optional.empty(), state.get("cc", "absent"));
        assertEquals(Optional.empty(), state.getHashed("cc", "other", HASH_K));
        assertEquals(Optional.empty(), state.getPrivate("cc", "coll", "k2"));
        assertEquals(Optional.empty(), state.get("other", "k1"));
    }

    @Test
    void theThreeKindsOfStateAreSeparate() {
        StateDb state = new StateDb(ledger());
        state.apply(new UpdateBatch().putPrivate("cc", "coll", "k", value("private", 1, 0)), 1);
        assertEquals(Optional.empty(), state.get("cc", "k"));
        assertEquals(Optional.empty(), state.getHashed("cc", "coll", Bytes.utf8("k")));
        assertEquals(List.of(), keys(state.range("cc", "", null)));
        assertEquals(List.of("k"), keys(state.privateRange("cc", "coll", "", null)));
    }

    @Test
    void deleteRemovesValueAndMetadata() {
        StateDb state = new StateDb(ledger());
        state.apply(new UpdateBatch()
                .put("cc", "k", new VersionedValue(Bytes.utf8("v"), new Version(1, 0), metadata(KvMetadataEntry.VALIDATION_PARAMETER, "p")))
                .putHashed("cc", "coll", HASH_K, new VersionedValue(Bytes.utf8("h"), new Version(1, 0), metadata("m", "x")))
                .putPrivate("cc", "coll", "k", value("s", 1, 0)), 1);
        state.apply(new UpdateBatch()
                .delete("cc", "k", new Version(2, 0))
                .deleteHashed("cc", "coll", HASH_K, new Version(2, 0))
                .deletePrivate("cc", "coll", "k", new Version(2, 0)), 2);
        assertEquals(Optional.empty(), state.get("cc", "k"));
        assertEquals(Optional.empty(), state.getHashed("cc", "coll", HASH_K));
        assertEquals(Optional.empty(), state.getPrivate("cc", "coll", "k"));
        assertEquals(List.of(), keys(state.range("cc", "", null)));
        // A new write after a delete starts without the old metadata.
        state.apply(new UpdateBatch().put("cc", "k", value("again", 3, 0)), 3);
        assertTrue(state.get("cc", "k").orElseThrow().metadata().isEmpty());
    }

    @Test
    void savepointIsAbsentBeforeTheFirstCommitAndMovesWithEachBlock() {
        StateDb state = new StateDb(ledger());
        assertEquals(OptionalLong.empty(), state.lastCommittedBlock());
        state.apply(new UpdateBatch(), 0);
        assertEquals(OptionalLong.of(0), state.lastCommittedBlock());
        state.apply(new UpdateBatch().put("cc", "k", value("v", 5, 0)), 5);
        assertEquals(OptionalLong.of(5), state.lastCommittedBlock());
    }

    @Test
    void aBlockNotAboveTheSavepointIsRefusedAndChangesNothing() {
        StateDb state = new StateDb(ledger());
        state.apply(new UpdateBatch().put("cc", "k", value("v3", 3, 0)), 3);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> state.apply(new UpdateBatch().put("cc", "k", value("stale", 3, 1)), 3));
        assertEquals("cannot apply block 3: the state is already at block 3", e.getMessage());
        assertThrows(IllegalStateException.class, () -> state.apply(new UpdateBatch().put("cc", "x", value("x", 2, 0)), 2));
        assertThrows(IllegalArgumentException.class, () -> state.apply(new UpdateBatch(), -1));
        assertEquals(Optional.of(value("v3", 3, 0)), state.get("cc", "k"));
        assertEquals(Optional.empty(), state.get("cc", "x"));
        assertEquals(OptionalLong.of(3), state.lastCommittedBlock());
    }

    @Test
    void aCachedNamespaceReadsWhatEachCommitWrote() {
        FailingKvStore store = new FailingKvStore(ledger());
        StateDb state = new StateDb(store);
        state.cacheNamespace("_lifecycle");
        assertEquals(Optional.empty(), state.get("_lifecycle", "def"), "absent, and the absence is cached");
        state.apply(new UpdateBatch().put("_lifecycle", "def", value("v1", 1, 0)), 1);
        assertEquals(Optional.of(value("v1", 1, 0)), state.get("_lifecycle", "def"), "a commit replaces a cached absence");
        assertEquals(Optional.of(value("v1", 1, 0)), state.get("_lifecycle", "def"), "served again");

        // A write that fails leaves the cached value the store still holds.
        store.failWrites = true;
        UpdateBatch second = new UpdateBatch().put("_lifecycle", "def", value("v2", 2, 0));
        assertThrows(StorageException.class, () -> state.apply(second, 2));
        assertEquals(Optional.of(value("v1", 1, 0)), state.get("_lifecycle", "def"));
        store.failWrites = false;
        state.apply(second, 2);
        assertEquals(Optional.of(value("v2", 2, 0)), state.get("_lifecycle", "def"));

        // Commits to other namespaces leave it alone; a delete is seen.
        state.apply(new UpdateBatch().put("cc", "k", value("x", 3, 0)), 3);
        assertEquals(Optional.of(value("v2", 2, 0)), state.get("_lifecycle", "def"));
        state.apply(new UpdateBatch().delete("_lifecycle", "def", new Version(4, 0)), 4);
        assertEquals(Optional.empty(), state.get("_lifecycle", "def"));
    }

    @Test
    void aCachedNamespaceStagedForTheCallerToWriteIsNeverServedStale() {
        StateDb state = new StateDb(ledger());
        state.cacheNamespace("_lifecycle");
        state.apply(new UpdateBatch().put("_lifecycle", "def", value("v1", 1, 0)), 1);
        assertEquals(Optional.of(value("v1", 1, 0)), state.get("_lifecycle", "def"));
        WriteBatch batch = state.store().newBatch();
        state.stage(new UpdateBatch().put("_lifecycle", "def", value("v2", 1, 1)), batch);
        state.store().write(batch);
        assertEquals(Optional.of(value("v2", 1, 1)), state.get("_lifecycle", "def"));
    }

    @Test
    void aFailedWriteLeavesStateSavepointAndHistoryUnchanged() {
        FailingKvStore store = new FailingKvStore(ledger());
        StateDb state = new StateDb(store);
        HistoryIndex history = new HistoryIndex(store);
        state.apply(new UpdateBatch().put("cc", "k", value("v1", 1, 0)), 1);
        assertEquals(1, store.writes, "state and savepoint are one write");

        store.failWrites = true;
        WriteBatch batch = store.newBatch();
        history.add(batch, "cc", "k", new KeyModification(new Version(2, 0), "tx2", Bytes.utf8("v2"), new Timestamp(2, 0), false));
        UpdateBatch updates = new UpdateBatch()
                .put("cc", "k", value("v2", 2, 0))
                .put("cc", "new", value("n", 2, 0))
                .putPrivate("cc", "coll", "p", value("p", 2, 0));
        assertThrows(StorageException.class, () -> state.apply(updates, 2, batch));
        assertEquals(2, store.writes, "one write attempted, none before it");
        assertEquals(Optional.of(value("v1", 1, 0)), state.get("cc", "k"));
        assertEquals(Optional.empty(), state.get("cc", "new"));
        assertEquals(Optional.empty(), state.getPrivate("cc", "coll", "p"));
        assertEquals(OptionalLong.of(1), state.lastCommittedBlock());
        assertEquals(List.of(), history.getHistoryForKey("cc", "k").toList());

        // The peer retries the block once the disk is back.
        store.failWrites = false;
        WriteBatch retry = store.newBatch();
        history.add(retry, "cc", "k", new KeyModification(new Version(2, 0), "tx2", Bytes.utf8("v2"), new Timestamp(2, 0), false));
        state.apply(updates, 2, retry);
        assertEquals(Optional.of(value("v2", 2, 0)), state.get("cc", "k"));
        assertEquals(1, history.getHistoryForKey("cc", "k").toList().size());
        assertEquals(OptionalLong.of(2), state.lastCommittedBlock());
    }

    @Test
    void stateHistoryAndSavepointCommitInOneBatch() {
        StateDb state = new StateDb(ledger());
        HistoryIndex history = new HistoryIndex(ledger());
        WriteBatch batch = state.store().newBatch();
        KeyModification mod = new KeyModification(new Version(0, 0), "tx0", Bytes.utf8("v"), new Timestamp(10, 5), false);
        history.add(batch, "cc", "k", mod);
        state.apply(new UpdateBatch().put("cc", "k", value("v", 0, 0)), 0, batch);
        assertEquals(List.of(mod), history.getHistoryForKey("cc", "k").toList());
        assertEquals(Optional.of(value("v", 0, 0)), state.get("cc", "k"));
        assertThrows(IllegalStateException.class, () -> ledger().write(batch), "the batch was written once");
    }

    @Test
    void rangesStayInsideTheirNamespace() {
        StateDb state = new StateDb(ledger());
        String composite = "\u0000asset\u0000blue\u0000";
        List<String> inA = List.of(composite, "\u0001", "k", "k\u0000", "k\u0000z", "kk", MAX, MAX + MAX);
        UpdateBatch batch = new UpdateBatch();
        for (String key : inA) {
            batch.put("a", key, value("a:" + key, 1, 0));
        }
        for (String ns : List.of("a.b", "a-", "ab", "_lifecycle", "b")) {
            batch.put(ns, "k", value(ns, 1, 0)).put(ns, "\u0000x\u0000", value(ns, 1, 0));
        }
        state.apply(batch, 1);

        assertEquals(inA, keys(state.range("a", "", null)), "all of a, in UTF-8 order, nothing else");
        assertEquals(inA, keys(state.range("a", "", "")), "an empty end is unbounded");
        assertEquals(List.of("k", "k\u0000", "k\u0000z"), keys(state.range("a", "k", "kk")));
        assertEquals(List.of("kk", MAX), keys(state.range("a", "k\u0001", MAX + MAX)));
        assertEquals(List.of(composite), keys(state.range("a", "\u0000asset\u0000", "\u0000asset\u0000" + MAX)),
                "a partial composite key query");
        assertEquals(List.of("\u0001", "k", "k\u0000", "k\u0000z", "kk", MAX, MAX + MAX), keys(state.range("a", "\u0001", null)),
                "Fabric's GetStateByRange(\"\", \"\") start skips composite keys");
        assertEquals(List.of("\u0000x\u0000", "k"), keys(state.range("ab", "", null)));
        assertEquals(List.of("k"), keys(state.range("_lifecycle", "k", null)));
        assertEquals(List.of(), keys(state.range("c", "", null)));
        try (ResultsIterator<StateEntry> it = state.range("a", "k", null)) {
            StateEntry first = it.next();
            assertEquals(new StateEntry("k", value("a:k", 1, 0)), first);
            assertTrue(it.hasNext());
        }
    }

    @Test
    void keysAreOrderedByUtf8BytesNotUtf16() {
        StateDb state = new StateDb(ledger());
        String bmpHigh = "\uFFFD";                           // U+FFFD: EF BF BD
        String supplementary = new String(Character.toChars(0x10000)); // U+10000: F0 90 80 80, but UTF-16 D800 DC00
        assertTrue(supplementary.compareTo(bmpHigh) < 0, "String.compareTo puts the supplementary character first");
        state.apply(new UpdateBatch().put("cc", supplementary, value("s", 1, 0)).put("cc", bmpHigh, value("b", 1, 0)), 1);
        assertEquals(List.of(bmpHigh, supplementary), keys(state.range("cc", "", null)));
        assertEquals(List.of(bmpHigh, supplementary), List.copyOf(new UpdateBatch()
                .put("cc", supplementary, value("s", 1, 0)).put("cc", bmpHigh, value("b", 1, 0)).publicUpdates("cc").keySet()));
    }

    @Test
    void privateRangesStayInsideTheirCollection() {
        StateDb state = new StateDb(ledger());
        state.apply(new UpdateBatch()
                .putPrivate("cc", "c1", "k1", value("1", 1, 0))
                .putPrivate("cc", "c1", "k2\u0000", value("2", 1, 0))
                .putPrivate("cc", "c10", "k1", value("x", 1, 0))
                .putPrivate("cc", "c", "k1", value("y", 1, 0))
                .putPrivate("cc2", "c1", "k1", value("z", 1, 0))
                .put("cc", "c1", value("public", 1, 0)), 1);
        assertEquals(List.of("k1", "k2\u0000"), keys(state.privateRange("cc", "c1", "", null)));
        assertEquals(List.of("k1"), keys(state.privateRange("cc", "c1", "", "k2")));
        List<StateEntry> entries = state.privateRange("cc", "c10", "", null).toList();
        assertEquals(List.of(new StateEntry("k1", value("x", 1, 0))), entries);
    }

    @Test
    void badNamesAndKeysGetSpecificErrors() {
        StateDb state = new StateDb(ledger());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> state.get("bad\u0000ns", "k"));
        assertEquals("invalid namespace name 'bad\\u{0}ns': must be non-empty and match [A-Za-z0-9_.+-]+", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> state.get("", "k"));
        assertThrows(IllegalArgumentException.class, () -> state.get("a/b", "k"));
        e = assertThrows(IllegalArgumentException.class, () -> state.getPrivate("cc", "coll ection", "k"));
        assertTrue(e.getMessage().startsWith("invalid collection name 'coll ection'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> state.get("cc", "half\uD800"));
        assertTrue(e.getMessage().contains("unpaired surrogate U+D800 at index 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> state.get("cc", ""));
        assertThrows(IllegalArgumentException.class, () -> state.getHashed("cc", "coll", Bytes.EMPTY));
        e = assertThrows(IllegalArgumentException.class, () -> state.range("cc", "z", "a"));
        assertTrue(e.getMessage().contains("after its end"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new UpdateBatch().put("cc", "k", value("", 1, 0)));
        assertTrue(e.getMessage().contains("use a delete method"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new StateDb(new InMemoryKvStore(Set.of("state"))));
        assertTrue(e.getMessage().startsWith("StateDb needs columns [state, state_hashed, state_meta, state_private]"), e.getMessage());
    }

    @Test
    void aCorruptValueNamesItsKey() {
        KvStore store = ledger();
        StateDb state = new StateDb(store);
        byte[] key = "cc\u0000broken".getBytes(StandardCharsets.UTF_8);
        store.write(store.newBatch().put(StateDb.PUBLIC, key, new byte[] {1, 5}));
        StorageException e = assertThrows(StorageException.class, () -> state.get("cc", "broken"));
        assertTrue(e.getMessage().startsWith("corrupt public state value of (cc, broken): truncated"), e.getMessage());
        e = assertThrows(StorageException.class, () -> state.range("cc", "", null).toList());
        assertTrue(e.getMessage().contains("key 'broken' in cc"), e.getMessage());
        store.write(store.newBatch().put(StateDb.PUBLIC, key, new byte[] {9}));
        e = assertThrows(StorageException.class, () -> state.get("cc", "broken"));
        assertTrue(e.getMessage().contains("unknown format 9"), e.getMessage());
    }

    @Test
    void everythingSurvivesARestart() {
        StateDb state = new StateDb(ledger());
        VersionedValue v = new VersionedValue(Bytes.utf8("v"), new Version(4, 2), metadata(KvMetadataEntry.VALIDATION_PARAMETER, "p"));
        state.apply(new UpdateBatch()
                .put("cc", "k\u0000" + MAX, v)
                .putHashed("cc", "coll", HASH_K, v)
                .putPrivate("cc", "coll", "pk", v), 4);
        StateDb restarted = new StateDb(restart());
        assertEquals(OptionalLong.of(4), restarted.lastCommittedBlock());
        assertEquals(Optional.of(v), restarted.get("cc", "k\u0000" + MAX));
        assertEquals(Optional.of(v), restarted.getHashed("cc", "coll", HASH_K));
        assertEquals(Optional.of(v), restarted.getPrivate("cc", "coll", "pk"));
        assertFalse(restarted.range("cc", "", null).toList().isEmpty());
    }
}
