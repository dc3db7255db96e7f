package dev.ledgersim.ledger.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.QueryReadsMerkleSummary;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import dev.ledgersim.ledger.protocol.Version;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fabric's {@code rwsetutil/query_results_helper.go}: raw reads up to {@code maxDegree} results, else a
 * Merkle summary whose leaves hash {@code QueryReads} chunks of {@code maxDegree + 1} reads. Expected hashes
 * are computed here independently: the QueryReads bytes are assembled by hand from encoded KVReads.
 */
class RangeQueryResultsHelperTest {

    private static List<KvRead> reads(int n) {
        List<KvRead> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new KvRead(String.format("key%05d", i), new Version(i / 7, i % 7)));
        }
        return out;
    }

    private static RangeQueryResultsHelper.Result feed(RangeQueryResultsHelper helper, List<KvRead> reads) {
        reads.forEach(helper::addResult);
        return helper.done();
    }

    private static Bytes sha256(Bytes... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Bytes p : parts) {
            md.update(p.toByteArray());
        }
        return Bytes.wrap(md.digest());
    }

    /** SHA-256 of {@code QueryReads{kv_reads}}: each read as field 1, wire type 2. */
    private static Bytes leaf(List<KvRead> chunk) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (KvRead r : chunk) {
            byte[] b = ProtoCodec.encode(r).toByteArray();
            out.write(0x0a);
            out.write(b.length); // every test read encodes to fewer than 128 bytes
            out.write(b);
        }
        return sha256(Bytes.wrap(out.toByteArray()));
    }

    private static List<Bytes> leaves(List<KvRead> all, int chunk) throws Exception {
        List<Bytes> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += chunk) {
            out.add(leaf(all.subList(i, Math.min(all.size(), i + chunk))));
        }
        return out;
    }

    @Test
    void upToMaxDegreeResultsAreKeptRaw() {
        for (int n : new int[] {0, 1, 49, 50}) {
            RangeQueryResultsHelper.Result result = feed(new RangeQueryResultsHelper(), reads(n));
            assertEquals(reads(n), result.rawReads(), "n=" + n);
            assertNull(result.merkleSummary());
        }
    }

    @Test
    void fiftyOneResultsMakeOneLeafAtLevelOne() throws Exception {
        List<KvRead> all = reads(51);
        RangeQueryResultsHelper.Result result = feed(new RangeQueryResultsHelper(), all);
        assertNull(result.rawReads());
        assertEquals(new QueryReadsMerkleSummary(50, 1, List.of(leaf(all))), result.merkleSummary());
    }

    @Test
    void leftoverResultsBecomeOneMoreLeaf() throws Exception {
        List<KvRead> all = reads(101); // 51 + 50
        assertEquals(new QueryReadsMerkleSummary(50, 1, leaves(all, 51)), feed(new RangeQueryResultsHelper(), all).merkleSummary());
        List<KvRead> more = reads(102); // 51 + 51
        assertEquals(new QueryReadsMerkleSummary(50, 1, leaves(more, 51)), feed(new RangeQueryResultsHelper(), more).merkleSummary());
        assertEquals(2, leaves(more, 51).size());
    }

    @Test
    void fiftyLeavesStayAtLevelOne() throws Exception {
        List<KvRead> all = reads(2550); // 50 * 51
        QueryReadsMerkleSummary s = feed(new RangeQueryResultsHelper(), all).merkleSummary();
        assertEquals(1, s.maxLevel());
        assertEquals(leaves(all, 51), s.maxLevelHashes());
    }

    @Test
    void theFiftyFirstLeafFoldsLevelOneIntoLevelTwo() throws Exception {
        List<KvRead> all = reads(2551); // 50 full leaves + 1 pending read, processed in done()
        List<Bytes> level1 = leaves(all, 51);
        assertEquals(51, level1.size());
        Bytes root = sha256(level1.toArray(new Bytes[0]));
        assertEquals(new QueryReadsMerkleSummary(50, 2, List.of(root)), feed(new RangeQueryResultsHelper(), all).merkleSummary());
        List<KvRead> full = reads(2601); // 51 * 51: folded during addResult
        assertEquals(new QueryReadsMerkleSummary(50, 2, List.of(sha256(leaves(full, 51).toArray(new Bytes[0])))),
                feed(new RangeQueryResultsHelper(), full).merkleSummary());
    }

    @Test
    void doneMovesASingleLowerLevelHashUpUnchanged() throws Exception {
        List<KvRead> all = reads(2601 + 51); // level 2: [H(51 leaves)], level 1: [leaf 52]
        List<Bytes> level1 = leaves(all, 51);
        Bytes first = sha256(level1.subList(0, 51).toArray(new Bytes[0]));
        assertEquals(new QueryReadsMerkleSummary(50, 2, List.of(first, level1.get(51))),
                feed(new RangeQueryResultsHelper(), all).merkleSummary());
    }

    @Test
    void smallDegreeTreeWithCarryAndFinalFold() throws Exception {
        // maxDegree 2: leaves of 3 reads; 21 reads = 7 leaves.
        List<KvRead> all = reads(21);
        List<Bytes> l = leaves(all, 3);
        Bytes a = sha256(l.get(0), l.get(1), l.get(2));
        Bytes b = sha256(l.get(3), l.get(4), l.get(5));
        // done(): level 1 [l7] moves up unchanged -> level 2 [a, b, l7]: more than 2, so folded into level 3.
        Bytes top = sha256(a, b, l.get(6));
        assertEquals(new QueryReadsMerkleSummary(2, 3, List.of(top)), feed(new RangeQueryResultsHelper(2), all).merkleSummary());

        // 22 reads: level 1 [l7, leaf(1 read)] is combined first, then level 2 [a, b, h] folds again.
        List<KvRead> more = reads(22);
        List<Bytes> m = leaves(more, 3);
        Bytes c = sha256(m.get(6), m.get(7));
        assertEquals(new QueryReadsMerkleSummary(2, 3, List.of(sha256(a, b, c))),
                feed(new RangeQueryResultsHelper(2), more).merkleSummary());

        // 9 leaves (27 reads): a, b, c' at level 2 fold into level 3 during addResult.
        List<KvRead> nine = reads(27);
        List<Bytes> n = leaves(nine, 3);
        Bytes c2 = sha256(n.get(6), n.get(7), n.get(8));
        assertEquals(new QueryReadsMerkleSummary(2, 3, List.of(sha256(a, b, c2))),
                feed(new RangeQueryResultsHelper(2), nine).merkleSummary());
    }

    @Test
    void sameReadsGiveTheSameSummaryAndOneChangedVersionChangesIt() {
        List<KvRead> all = reads(3000);
        QueryReadsMerkleSummary s1 = feed(new RangeQueryResultsHelper(), all).merkleSummary();
        QueryReadsMerkleSummary s2 = feed(new RangeQueryResultsHelper(), reads(3000)).merkleSummary();
        assertEquals(s1, s2);
        List<KvRead> changed = new ArrayList<>(all);
        changed.set(1234, new KvRead(all.get(1234).key(), new Version(999, 0)));
        QueryReadsMerkleSummary s3 = feed(new RangeQueryResultsHelper(), changed).merkleSummary();
        assertEquals(s1.maxLevel(), s3.maxLevel());
        assertNotEquals(s1, s3);
        List<KvRead> missing = new ArrayList<>(all);
        missing.remove(2999);
        assertNotEquals(s1, feed(new RangeQueryResultsHelper(), missing).merkleSummary());
    }

    @Test
    void mayStillMatchStopsAtTheFirstDivergenceAndAgreesWithTheFinalVerdict() {
        List<KvRead> all = reads(600);
        QueryReadsMerkleSummary recorded = feed(new RangeQueryResultsHelper(), all).merkleSummary();

        RangeQueryResultsHelper same = new RangeQueryResultsHelper(recorded.maxDegree());
        for (KvRead r : all) {
            same.addResult(r);
            assertTrue(same.mayStillMatch(recorded));
        }
        assertEquals(recorded, same.done().merkleSummary());

        List<KvRead> changed = new ArrayList<>(all);
        changed.set(60, new KvRead(all.get(60).key(), new Version(1, 1)));
        RangeQueryResultsHelper diverging = new RangeQueryResultsHelper(recorded.maxDegree());
        int stoppedAt = -1;
        for (int i = 0; i < changed.size(); i++) {
            diverging.addResult(changed.get(i));
            if (!diverging.mayStillMatch(recorded)) {
                stoppedAt = i;
                break;
            }
        }
        assertEquals(101, stoppedAt, "the second leaf (reads 51..101) is complete at read index 101");

        RangeQueryResultsHelper longer = new RangeQueryResultsHelper(recorded.maxDegree());
        reads(700).forEach(longer::addResult);
        assertFalse(longer.mayStillMatch(recorded));
        assertNotEquals(recorded, longer.done().merkleSummary());
    }

    @Test
    void summarySoFarIsFabricsGetMerkleSummary() {
        RangeQueryResultsHelper h = new RangeQueryResultsHelper();
        assertEquals(new QueryReadsMerkleSummary(50, 1, List.of()), h.summarySoFar());
        reads(102).forEach(h::addResult);
        assertEquals(2, h.summarySoFar().maxLevelHashes().size());
    }

    @Test
    void resultBuildsTheRangeQueryInfo() {
        RangeQueryInfo raw = feed(new RangeQueryResultsHelper(), reads(3)).toRangeQueryInfo("a", "b", true);
        assertEquals(new RangeQueryInfo("a", "b", true, reads(3), null), raw);
        RangeQueryInfo hashed = feed(new RangeQueryResultsHelper(), reads(60)).toRangeQueryInfo("a", "z", false);
        assertNull(hashed.rawReads());
        assertEquals(ProtoCodec.decodeRangeQueryInfo(ProtoCodec.encode(hashed)), hashed);
    }

    @Test
    void misuseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RangeQueryResultsHelper(1));
        RangeQueryResultsHelper h = new RangeQueryResultsHelper();
        h.done();
        assertThrows(IllegalStateException.class, h::done);
        assertThrows(IllegalStateException.class, () -> h.addResult(new KvRead("k", null)));
    }
}
