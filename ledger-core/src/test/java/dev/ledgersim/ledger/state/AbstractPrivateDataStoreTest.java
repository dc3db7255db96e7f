package dev.ledgersim.ledger.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Version;
import dev.ledgersim.ledger.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The {@link PrivateDataStore} contract: storage by height, BlockToLive (FABRIC.md §6.4), purge (§6.5), missing data. */
abstract class AbstractPrivateDataStoreTest extends AbstractStateStoreTest {

    private static final CollectionId MARBLES = new CollectionId("cc", "marbles");
    private static final CollectionId PRICES = new CollectionId("cc", "prices");

    /** A stand-in for an encoded private KvRwSet: "key=value;key=value". */
    static Bytes rwSet(String... keyValues) {
        return Bytes.utf8(String.join(";", keyValues));
    }

    static PrivateWriteSet ws(long block, long tx, CollectionId coll, String... keyValues) {
        return new PrivateWriteSet(block, tx, coll.namespace(), coll.collection(), rwSet(keyValues));
    }

    static Bytes sha256(String key) {
        try {
            return Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** What the committer's codec does: drops the writes of the purged keys. */
    static final PrivateDataStore.KeyRemover REMOVER = (stored, keyHashes) -> {
        String kept = Arrays.stream(stored.rwSet().toUtf8().split(";"))
                .filter(kv -> !keyHashes.contains(sha256(kv.substring(0, kv.indexOf('=')))))
                .collect(Collectors.joining(";"));
        return Bytes.utf8(kept);
    };

    /** Commits block {@code block}: its write sets, then the expiry purge, in one batch, as the committer does. */
    private int commitBlock(PrivateDataStore store, long block, ToLongFunction<CollectionId> btl, PrivateWriteSet... writeSets) {
        WriteBatch batch = ledger().newBatch();
        for (PrivateWriteSet writeSet : writeSets) {
            store.put(batch, writeSet);
        }
        int purged = store.purgeExpired(batch, block, btl);
        ledger().write(batch);
        return purged;
    }

    @Test
    void writeSetsAreFoundByBlockInTransactionOrder() {
        PrivateDataStore store = new PrivateDataStore(ledger());
        commitBlock(store, 3, c -> 0,
                ws(3, 7, PRICES, "p=1"),
                ws(3, 2, MARBLES, "m=1"),
                ws(3, 2, new CollectionId("cc", "a"), "a=1"),
                ws(3, 2, new CollectionId("c", "marbles"), "x=1"));
        commitBlock(store, 4, c -> 0, ws(4, 0, MARBLES, "m=2"));
        assertEquals(List.of(
                ws(3, 2, new CollectionId("c", "marbles"), "x=1"),
                ws(3, 2, new CollectionId("cc", "a"), "a=1"),
                ws(3, 2, MARBLES, "m=1"),
                ws(3, 7, PRICES, "p=1")), store.getByBlock(3));
        assertEquals(List.of(ws(4, 0, MARBLES, "m=2")), store.getByBlock(4));
        assertEquals(List.of(), store.getByBlock(5));
        assertEquals(Optional.of(ws(3, 7, PRICES, "p=1")), store.get(3, 7, "cc", "prices"));
        assertEquals(Optional.empty(), store.get(3, 7, "cc", "marbles"));
    }

    @Test
    void blockToLiveFiveWrittenInBlockTwoIsPresentAfterBlockSevenAndGoneAfterBlockEight() {
        PrivateDataStore store = new PrivateDataStore(ledger());
        ToLongFunction<CollectionId> btl = c -> 5;
        commitBlock(store, 2, btl, ws(2, 0, MARBLES, "k=v"));
        for (long block = 3; block <= 7; block++) {
            assertEquals(0, commitBlock(store, block, btl));
            assertEquals(List.of(ws(2, 0, MARBLES, "k=v")), store.getByBlock(2), "present after block " + block);
        }
        assertEquals(1, commitBlock(store, 8, btl));
        assertEquals(List.of(), store.getByBlock(2), "gone after block 8");
        assertEquals(8, PrivateDataStore.expiringBlock(2, 5));
        assertEquals(111, PrivateDataStore.expiringBlock(100, 10), "the proto comment's example");
    }

    @Test
    void expiryFollowsEachCollectionsBlockToLive() {
        PrivateDataStore store = new PrivateDataStore(ledger());
        CollectionId forever = new CollectionId("other", "forever");
        Map<CollectionId, Long> btls = Map.of(MARBLES, 1L, PRICES, 3L, forever, 0L);
        ToLongFunction<CollectionId> btl = btls::get;
        commitBlock(store, 1, btl, ws(1, 0, MARBLES, "m=1"), ws(1, 0, PRICES, "p=1"), ws(1, 1, forever, "f=1"));
        commitBlock(store, 2, btl, ws(2, 0, MARBLES, "m=2"));
        assertEquals(1, commitBlock(store, 3, btl), "marbles of block 1 expire at 1 + 1 + 1 = 3");
        assertEquals(List.of(ws(1, 0, PRICES, "p=1"), ws(1, 1, forever, "f=1")), store.getByBlock(1));
        assertEquals(1, commitBlock(store, 4, btl), "marbles of block 2 expire at 4");
        assertEquals(1, commitBlock(store, 5, btl), "prices of block 1 expire at 1 + 3 + 1 = 5");
        assertEquals(0, commitBlock(store, 1_000_000, btl), "BlockToLive 0 never expires");
        assertEquals(List.of(ws(1, 1, forever, "f=1")), store.getByBlock(1));
        assertEquals(List.of(), store.getByBlock(2));
    }

    @Test
    void expiringBlockSaturatesAndZeroMeansNever() {
        assertEquals(Long.MAX_VALUE, PrivateDataStore.expiringBlock(5, 0));
        assertEquals(Long.MAX_VALUE, PrivateDataStore.expiringBlock(Long.MAX_VALUE - 1, 5));
        assertEquals(Long.MAX_VALUE, PrivateDataStore.expiringBlock(1, Long.MAX_VALUE));
        assertEquals(2, PrivateDataStore.expiringBlock(0, 1));
        assertThrows(IllegalArgumentException.class, () -> PrivateDataStore.expiringBlock(1, -1));
    }

    @Test
    void aNegativeBlockToLiveNamesTheCollection() {
        PrivateDataStore store = new PrivateDataStore(ledger());
        commitBlock(store, 1, c -> 0, ws(1, 0, MARBLES, "m=1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.purgeExpired(ledger().newBatch(), 2, c -> -1));
        assertTrue(e.getMessage().contains("cc/marbles"), e.getMessage());
    }

    @Test
    void missingDataIsRecordedClearedAndExpires() {
        PrivateDataStore store = new PrivateDataStore(ledger());
        MissingPrivateData m1 = new MissingPrivateData(2, 0, "cc", "marbles");
        MissingPrivateData m2 = new MissingPrivateData(1, 4, "cc", "prices");
        MissingPrivateData m3 = new MissingPrivateData(2, 1, "cc", "marbles");
        WriteBatch batch = ledger().newBatch();
        store.markMissing(batch, m1);
        store.markMissing(batch, m2);
        store.markMissing(batch, m3);
        ledger().write(batch);
        assertEquals(List.of(m2, m1, m3), store.missing());

        // Reconciliation: the data arrives, and the record goes, in one batch.
        WriteBatch reconcile = ledger().newBatch();
        store.put(reconcile, ws(2, 0, MARBLES, "k=v"));
        store.clearMissing(reconcile, m1);
        ledger().write(reconcile);
        assertEquals(List.of(m2, m3), store.missing());
        assertEquals(List.of(ws(2, 0, MARBLES, "k=v")), store.getByBlock(2));

        // Missing data that expired is no longer worth reconciling: prices (BTL 2) expire at block 4.
        ToLongFunction<CollectionId> btl = c -> c.equals(PRICES) ? 2 : 0;
        assertEquals(1, commitBlock(store, 4, btl));
        assertEquals(List.of(m3), store.missing());
    }

    @Test
    void purgingAKeyRemovesEveryEarlierVersionOnly() {
        PrivateDataStore store = new PrivateDataStore(ledger());
        commitBlock(store, 1, c -> 0, ws(1, 0, MARBLES, "k1=a", "k2=b"), ws(1, 1, MARBLES, "k1=only"), ws(1, 0, PRICES, "k1=p"));
        commitBlock(store, 2, c -> 0, ws(2, 0, MARBLES, "k3=c"));
        // Block 5, tx 1 purges k1 of marbles; tx 0 of block 5 and tx 2 (after the purge) write it again.
        WriteBatch batch = ledger().newBatch();
        store.put(batch, ws(5, 0, MARBLES, "k1=before-purge"));
        store.put(batch, ws(5, 2, MARBLES, "k1=after-purge"));
        ledger().write(batch);

        WriteBatch purge = ledger().newBatch();
        int changed = store.purgeKeys(purge, List.of(new PrivateDataStore.KeyPurge("cc", "marbles", sha256("k1"), new Version(5, 1))), REMOVER);
        ledger().write(purge);

        assertEquals(3, changed, "(1,0) rewritten, (1,1) and (5,0) left empty and deleted; (2,0) has no k1");
        assertEquals(List.of(ws(1, 0, MARBLES, "k2=b"), ws(1, 0, PRICES, "k1=p")), store.getByBlock(1));
        assertEquals(List.of(ws(2, 0, MARBLES, "k3=c")), store.getByBlock(2));
        assertEquals(List.of(ws(5, 2, MARBLES, "k1=after-purge")), store.getByBlock(5),
                "a write set left empty is deleted; a write after the purge survives");
        // Expiry still works on what is left, and does not trip on what the purge deleted.
        assertEquals(2, commitBlock(store, 3, c -> 1));
    }

    @Test
    void severalPurgesOfOneBlockCombine() {
        PrivateDataStore store = new PrivateDataStore(ledger());
        commitBlock(store, 1, c -> 0, ws(1, 0, MARBLES, "k1=a", "k2=b", "k3=c"));
        WriteBatch purge = ledger().newBatch();
        store.purgeKeys(purge, List.of(
                new PrivateDataStore.KeyPurge("cc", "marbles", sha256("k1"), new Version(4, 0)),
                new PrivateDataStore.KeyPurge("cc", "marbles", sha256("k3"), new Version(4, 1))), REMOVER);
        ledger().write(purge);
        assertEquals(List.of(ws(1, 0, MARBLES, "k2=b")), store.getByBlock(1));
    }

    @Test
    void theRemoverSeesExactlyTheApplicableKeys() {
        PrivateDataStore store = new PrivateDataStore(ledger());
        commitBlock(store, 1, c -> 0, ws(1, 0, MARBLES, "k1=a"));
        commitBlock(store, 3, c -> 0, ws(3, 0, MARBLES, "k1=b"));
        List<String> seen = new ArrayList<>();
        store.purgeKeys(ledger().newBatch(), List.of(
                new PrivateDataStore.KeyPurge("cc", "marbles", sha256("k1"), new Version(2, 0)),
                new PrivateDataStore.KeyPurge("cc", "marbles", sha256("k2"), new Version(4, 0))), (stored, hashes) -> {
                    seen.add(stored.version() + ":" + hashes.size());
                    return stored.rwSet();
                });
        assertEquals(List.of("(1, 0):2", "(3, 0):1"), seen);
    }

    @Test
    void everythingSurvivesARestart() {
        PrivateDataStore store = new PrivateDataStore(ledger());
        WriteBatch batch = ledger().newBatch();
        store.put(batch, ws(2, 0, MARBLES, "k=v"));
        store.markMissing(batch, new MissingPrivateData(2, 1, "cc", "prices"));
        ledger().write(batch);
        PrivateDataStore restarted = new PrivateDataStore(restart());
        assertEquals(List.of(ws(2, 0, MARBLES, "k=v")), restarted.getByBlock(2));
        assertEquals(List.of(new MissingPrivateData(2, 1, "cc", "prices")), restarted.missing());
        assertEquals(2, commitBlock(restarted, 4, c -> 1), "the expiry index survived too");
        assertEquals(Set.of(), Set.copyOf(restarted.missing()));
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new PrivateWriteSet(-1, 0, "cc", "c", Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new PrivateWriteSet(1, 0, "cc", "c\u0000", Bytes.EMPTY));
        assertThrows(IllegalArgumentException.class, () -> new MissingPrivateData(1, 0, "", "c"));
        PrivateDataStore store = new PrivateDataStore(ledger());
        assertThrows(IllegalArgumentException.class, () -> store.getByBlock(-1));
    }
}
