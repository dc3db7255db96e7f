package dev.ledgersim.ledger.rwset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.KvWriteHash;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.ledger.protocol.Version;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RwSetBuilderTest {

    private static final Version V10 = new Version(1, 0);

    @Test
    void namespacesAndKeysComeOutSortedInUtf8Order() {
        RwSetBuilder b = new RwSetBuilder();
        b.addWrite("zcc", "k", Bytes.utf8("1"));
        b.addWrite("acc", "\uFFFD", Bytes.utf8("2"));   // U+FFFD: before U+1F600 in UTF-8, after it in UTF-16
        b.addWrite("acc", "\uD83D\uDE00", Bytes.utf8("3"));
        b.addWrite("acc", "\u0000composite", Bytes.utf8("4"));
        b.addRead("acc", "b", V10);
        b.addRead("acc", "a", null);
        List<NsReadWriteSet> sets = b.build().publicRwSet().nsRwSets();
        assertEquals(List.of("acc", "zcc"), sets.stream().map(NsReadWriteSet::namespace).toList());
        assertEquals(List.of("\u0000composite", "\uFFFD", "\uD83D\uDE00"),
                sets.get(0).rwset().writes().stream().map(KvWrite::key).toList());
        assertEquals(List.of(new KvRead("a", null), new KvRead("b", V10)), sets.get(0).rwset().reads());
    }

    @Test
    void lastWriteWinsAReadIsKeptOnceAndAnEmptyValueDeletes() {
        RwSetBuilder b = new RwSetBuilder();
        b.addRead("cc", "k", V10);
        b.addRead("cc", "k", V10);
        b.addWrite("cc", "k", Bytes.utf8("first"));
        b.addWrite("cc", "k", Bytes.utf8("second"));
        b.addWrite("cc", "gone", Bytes.EMPTY);
        KvRwSet rw = b.build().publicRwSet().nsRwSets().get(0).rwset();
        assertEquals(1, rw.reads().size());
        assertEquals(List.of(new KvWrite("gone", true, Bytes.EMPTY), new KvWrite("k", false, Bytes.utf8("second"))), rw.writes());
    }

    @Test
    void rangeQueriesKeepFirstSeenOrderWithoutRepeats() {
        RwSetBuilder b = new RwSetBuilder();
        RangeQueryInfo second = new RangeQueryInfo("m", "n", true, List.of(), null);
        RangeQueryInfo first = new RangeQueryInfo("x", "y", true, List.of(new KvRead("x1", V10)), null);
        b.addRangeQuery("cc", first);
        b.addRangeQuery("cc", second);
        b.addRangeQuery("cc", new RangeQueryInfo("x", "y", true, List.of(), null));
        assertEquals(List.of(first, second), b.build().publicRwSet().nsRwSets().get(0).rwset().rangeQueriesInfo());
    }

    @Test
    void rangeRecorderFollowsTheIterator() {
        RangeQueryRecorder partial = new RangeQueryRecorder("a", "z");
        partial.onResult(new KvRead("a1", V10));
        partial.onResult(new KvRead("a2", V10));
        RangeQueryInfo stopped = partial.toRangeQueryInfo();
        assertEquals("a2", stopped.endKey());
        assertFalse(stopped.itrExhausted());
        assertEquals(2, stopped.rawReads().size());

        RangeQueryRecorder full = new RangeQueryRecorder("a", "z");
        full.onResult(new KvRead("a1", V10));
        full.onExhausted();
        RangeQueryInfo done = full.toRangeQueryInfo();
        assertEquals("z", done.endKey());
        assertTrue(done.itrExhausted());
        assertThrows(IllegalStateException.class, () -> full.onResult(new KvRead("b", V10)));

        RangeQueryRecorder big = new RangeQueryRecorder("", "");
        for (int i = 0; i < 51; i++) {
            big.onResult(new KvRead("k" + i, V10));
        }
        big.onExhausted();
        RangeQueryInfo summarised = big.toRangeQueryInfo();
        assertNull(summarised.rawReads(), "above 50 results Fabric keeps a Merkle summary");
        assertNotNull(summarised.merkleSummary());
    }

    @Test
    void privateWritesAppearOnlyAsHashesAndThePrivateSetMatchesItsHash() {
        RwSetBuilder b = new RwSetBuilder();
        b.addPrivateWrite("cc", "patientPrivate", "p1", Bytes.utf8("Alice, 12 Main St"));
        b.addPrivateDelete("cc", "patientPrivate", "p0");
        b.addPrivatePurge("cc", "patientPrivate", "p9");
        b.addPrivateRead("cc", "patientPrivate", "p2", V10);
        SimulationResults results = b.build();
        assertTrue(results.hasPrivateWrites());
        CollectionHashedRwSet hashed = results.publicRwSet().nsRwSets().get(0).collectionHashedRwSets().get(0);
        KvWriteHash write = hashed.hashedRwSet().hashedWrites().stream()
                .filter(w -> w.keyHash().equals(Hashes.sha256(Bytes.utf8("p1")))).findFirst().orElseThrow();
        assertEquals(Hashes.sha256(Bytes.utf8("Alice, 12 Main St")), write.valueHash());
        KvWriteHash purge = hashed.hashedRwSet().hashedWrites().stream()
                .filter(w -> w.keyHash().equals(Hashes.sha256(Bytes.utf8("p9")))).findFirst().orElseThrow();
        assertTrue(purge.isDelete() && purge.isPurge() && purge.valueHash().isEmpty());
        assertEquals(Hashes.sha256(Bytes.utf8("p2")), hashed.hashedRwSet().hashedReads().get(0).keyHash());

        KvRwSet privateSet = results.privateRwSet().nsPvtRwSets().get(0).collectionPvtRwSets().get(0).rwset();
        assertEquals(Hashes.sha256(ProtoCodec.encode(privateSet)), hashed.pvtRwSetHash());
        assertFalse(ProtoCodec.encode(results.publicRwSet()).toUtf8().contains("Main St"), "no private value in the public rw-set");
        List<Bytes> sortedHashes = hashed.hashedRwSet().hashedWrites().stream().map(KvWriteHash::keyHash).toList();
        assertEquals(sortedHashes.stream().sorted().toList(), sortedHashes, "hashed writes are sorted by key hash");
    }

    @Test
    void resultsAreBuiltOnceAndWritesAreDetected() {
        RwSetBuilder b = new RwSetBuilder();
        b.addRead("cc", "k", null);
        assertFalse(b.hasWrites());
        b.addMetadataWrite("cc", "k", new TreeMap<>(java.util.Map.of("VALIDATION_PARAMETER", Bytes.utf8("OR('A.peer')"))));
        assertTrue(b.hasWrites());
        b.build();
        assertThrows(IllegalStateException.class, b::build);
        assertThrows(IllegalStateException.class, () -> b.addRead("cc", "x", null));
    }
}
