package dev.ledgersim.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.protocol.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link TransientStore} contract: endorsement-time private data by txid until commit or retention. */
abstract class AbstractTransientStoreTest extends AbstractStateStoreTest {

    static TransientEntry entry(String txId, long height, String data) {
        return new TransientEntry(txId, height, Bytes.utf8(data));
    }

    @Test
    void entriesAreFoundByTxIdInHeightOrder() {
        TransientStore store = new TransientStore(ledger());
        store.persist("tx1", 7, Bytes.utf8("second endorsement"));
        store.persist("tx1", 5, Bytes.utf8("first endorsement"));
        store.persist("tx10", 5, Bytes.utf8("another tx whose id extends tx1"));
        store.persist("tx", 5, Bytes.utf8("a tx whose id is a prefix of tx1"));
        assertEquals(List.of(entry("tx1", 5, "first endorsement"), entry("tx1", 7, "second endorsement")), store.get("tx1"));
        assertEquals(List.of(entry("tx10", 5, "another tx whose id extends tx1")), store.get("tx10"));
        assertEquals(List.of(entry("tx", 5, "a tx whose id is a prefix of tx1")), store.get("tx"));
        assertEquals(List.of(), store.get("unknown"));
    }

    @Test
    void theSameDataPersistedTwiceIsStoredOnce() {
        TransientStore store = new TransientStore(ledger());
        store.persist("tx1", 5, Bytes.utf8("data"));
        store.persist("tx1", 5, Bytes.utf8("data"));
        store.persist("tx1", 5, Bytes.utf8("other data"));
        store.persist("tx1", 5, Bytes.EMPTY);
        assertEquals(3, store.get("tx1").size());
        assertTrue(store.get("tx1").contains(entry("tx1", 5, "")));
    }

    @Test
    void purgeByTxIdsRemovesEveryEntryOfThoseTransactions() {
        TransientStore store = new TransientStore(ledger());
        store.persist("tx1", 5, Bytes.utf8("a"));
        store.persist("tx1", 6, Bytes.utf8("b"));
        store.persist("tx2", 5, Bytes.utf8("c"));
        store.persist("tx3", 5, Bytes.utf8("d"));
        assertEquals(3, store.purgeByTxIds(List.of("tx1", "tx3", "never-persisted")));
        assertEquals(List.of(), store.get("tx1"));
        assertEquals(List.of(), store.get("tx3"));
        assertEquals(List.of(entry("tx2", 5, "c")), store.get("tx2"));
        assertEquals(0, store.purgeBelowHeight(5), "the height index lost the purged entries too");
        assertEquals(1, store.purgeBelowHeight(6));
        assertEquals(List.of(), store.get("tx2"));
    }

    @Test
    void purgeBelowHeightRemovesOnlyOlderEndorsements() {
        TransientStore store = new TransientStore(ledger());
        store.persist("old", 3, Bytes.utf8("a"));
        store.persist("edge", 5, Bytes.utf8("b"));
        store.persist("mixed", 4, Bytes.utf8("c"));
        store.persist("mixed", 9, Bytes.utf8("d"));
        assertEquals(2, store.purgeBelowHeight(5));
        assertEquals(List.of(), store.get("old"));
        assertEquals(List.of(entry("edge", 5, "b")), store.get("edge"));
        assertEquals(List.of(entry("mixed", 9, "d")), store.get("mixed"));
        assertEquals(0, store.purgeByTxIds(List.of("old")));
        assertEquals(0, store.purgeBelowHeight(0));
    }

    @Test
    void badInputIsRejected() {
        TransientStore store = new TransientStore(ledger());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> store.persist("tx\u0000", 1, Bytes.EMPTY));
        assertTrue(e.getMessage().startsWith("invalid txId"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.persist("", 1, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> store.persist("tx", -1, Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> store.purgeBelowHeight(-1));
        assertThrows(IllegalArgumentException.class, () -> store.get(""));
        assertEquals(List.of(), store.get("tx"));
    }

    @Test
    void entriesSurviveARestart() {
        new TransientStore(ledger()).persist("tx1", 5, Bytes.utf8("a"));
        TransientStore store = new TransientStore(restart());
        assertEquals(List.of(entry("tx1", 5, "a")), store.get("tx1"));
        assertEquals(1, store.purgeBelowHeight(6));
    }
}
