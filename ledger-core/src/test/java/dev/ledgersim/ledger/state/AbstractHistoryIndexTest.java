package dev.ledgersim.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Timestamp;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.storage.StorageException;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link HistoryIndex} contract: {@code GetHistoryForKey} answers newest first, per exact key. */
abstract class AbstractHistoryIndexTest extends AbstractStateStoreTest {

    static KeyModification write(long block, long tx, String value) {
        return new KeyModification(new Version(block, tx), "tx-" + block + "-" + tx, Bytes.utf8(value), new Timestamp(1_700_000_000L + block, (int) tx), false);
    }

    static KeyModification delete(long block, long tx) {
        return new KeyModification(new Version(block, tx), "tx-" + block + "-" + tx, Bytes.EMPTY, new Timestamp(1_700_000_000L + block, 0), true);
    }

    private void commit(HistoryIndex history, String ns, String key, KeyModification... mods) {
        WriteBatch batch = ledger().newBatch();
        for (KeyModification mod : mods) {
            history.add(batch, ns, key, mod);
        }
        ledger().write(batch);
    }

    @Test
    void historyIsNewestFirst() {
        HistoryIndex history = new HistoryIndex(ledger());
        commit(history, "cc", "k", write(1, 0, "a"), write(1, 3, "b"));
        commit(history, "cc", "k", delete(2, 0));
        commit(history, "cc", "k", write(10, 1, "c"), write(256, 0, "d"));
        List<KeyModification> mods = history.getHistoryForKey("cc", "k").toList();
        assertEquals(List.of(write(256, 0, "d"), write(10, 1, "c"), delete(2, 0), write(1, 3, "b"), write(1, 0, "a")), mods);
        assertTrue(mods.get(2).isDelete());
        assertTrue(mods.get(2).value().isEmpty());
        assertEquals("tx-10-1", mods.get(1).txId());
    }

    @Test
    void keysThatArePrefixesOfEachOtherKeepSeparateHistories() {
        HistoryIndex history = new HistoryIndex(ledger());
        commit(history, "cc", "a", write(1, 0, "a"));
        commit(history, "cc", "a\u0000", write(2, 0, "a0"));
        commit(history, "cc", "a\u0000b", write(3, 0, "a0b"));
        commit(history, "cc", "ab", write(4, 0, "ab"));
        commit(history, "ccx", "a", write(5, 0, "other namespace"));
        commit(history, "c", "ca", write(6, 0, "c/ca"));
        assertEquals(List.of(write(1, 0, "a")), history.getHistoryForKey("cc", "a").toList());
        assertEquals(List.of(write(2, 0, "a0")), history.getHistoryForKey("cc", "a\u0000").toList());
        assertEquals(List.of(write(3, 0, "a0b")), history.getHistoryForKey("cc", "a\u0000b").toList());
        assertEquals(List.of(write(5, 0, "other namespace")), history.getHistoryForKey("ccx", "a").toList());
        assertEquals(List.of(), history.getHistoryForKey("cc", "missing").toList());
        assertEquals(List.of(), history.getHistoryForKey("c", "ca\u0000").toList());
    }

    @Test
    void timestampsAndLargeHeightsRoundTrip() {
        HistoryIndex history = new HistoryIndex(ledger());
        KeyModification early = new KeyModification(new Version(Long.MAX_VALUE, Long.MAX_VALUE), "t", Bytes.utf8("v"),
                new Timestamp(-62_135_596_800L, 999_999_999), false);
        KeyModification epoch = new KeyModification(new Version(0, 0), "t0", Bytes.utf8("v"), new Timestamp(0, 0), false);
        commit(history, "cc", "k", early, epoch);
        assertEquals(List.of(early, epoch), history.getHistoryForKey("cc", "k").toList());
    }

    @Test
    void theIteratorIsLazyAndClosable() {
        HistoryIndex history = new HistoryIndex(ledger());
        commit(history, "cc", "k", write(1, 0, "a"), write(2, 0, "b"), write(3, 0, "c"));
        try (ResultsIterator<KeyModification> it = history.getHistoryForKey("cc", "k")) {
            assertEquals(write(3, 0, "c"), it.next());
            assertEquals(write(2, 0, "b"), it.next());
        }
    }

    @Test
    void badInputIsRejected() {
        HistoryIndex history = new HistoryIndex(ledger());
        WriteBatch batch = ledger().newBatch();
        assertThrows(IllegalArgumentException.class, () -> history.add(batch, "c c", "k", write(1, 0, "v")));
        assertThrows(IllegalArgumentException.class, () -> history.add(batch, "cc", "", write(1, 0, "v")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new KeyModification(new Version(1, 0), "tx", Bytes.utf8("v"), new Timestamp(0, 0), true));
        assertTrue(e.getMessage().contains("a delete carries no value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new KeyModification(new Version(1, 0), "", Bytes.EMPTY, new Timestamp(0, 0), true));
        assertTrue(batch.isEmpty());
    }

    @Test
    void aCorruptEntryNamesItsKey() {
        HistoryIndex history = new HistoryIndex(ledger());
        commit(history, "cc", "k", write(1, 0, "a"));
        byte[] key;
        try (var it = ledger().iterate(HistoryIndex.HISTORY, null, null)) {
            it.next();
            key = it.key();
        }
        ledger().write(ledger().newBatch().put(HistoryIndex.HISTORY, key, new byte[] {1, 7}));
        StorageException e = assertThrows(StorageException.class, () -> history.getHistoryForKey("cc", "k").toList());
        assertTrue(e.getMessage().startsWith("corrupt history entry (1, 0) of (cc, k)"), e.getMessage());
    }

    @Test
    void historySurvivesARestart() {
        commit(new HistoryIndex(ledger()), "cc", "k", write(1, 0, "a"), delete(2, 0));
        HistoryIndex history = new HistoryIndex(restart());
        assertEquals(List.of(delete(2, 0), write(1, 0, "a")), history.getHistoryForKey("cc", "k").toList());
    }
}
