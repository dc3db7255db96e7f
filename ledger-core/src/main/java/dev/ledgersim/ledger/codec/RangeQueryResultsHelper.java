package dev.ledgersim.ledger.codec;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.KvRead;
import dev.ledgersim.ledger.protocol.QueryReadsMerkleSummary;
import dev.ledgersim.ledger.protocol.RangeQueryInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fabric's {@code rwsetutil.RangeQueryResultsHelper} with hashing enabled (the only mode Fabric uses:
 * {@code query_executor.go queryReadsHashingEnabled = true}, {@code maxDegreeQueryReadsHashing = 50}):
 * the results of one range query are fed in iteration order with {@link #addResult}, and {@link #done}
 * returns either the raw reads (at most {@code maxDegree} results) or a {@link QueryReadsMerkleSummary}.
 *
 * <p>The algorithm, reproduced step for step from {@code query_results_helper.go}:
 * <ul>
 *   <li>{@code addResult} appends to a pending list; when the list holds more than {@code maxDegree}
 *       reads (i.e. {@code maxDegree + 1}), the list is encoded as {@code QueryReads{kv_reads}}, its
 *       SHA-256 becomes the next leaf (level 1) hash, and the list is emptied.</li>
 *   <li>Adding a hash to a level that then holds more than {@code maxDegree} hashes replaces the whole
 *       level by one hash at the next level: SHA-256 of the plain concatenation of its hashes; this
 *       repeats upwards. {@code maxLevel} is the highest level reached (1 initially).</li>
 *   <li>{@code done}: if no leaf was ever made, the pending reads are the result (raw reads, possibly
 *       none). Otherwise leftover pending reads become one more leaf, then each level below
 *       {@code maxLevel} is folded into the next: a level with one hash moves it up <em>unchanged</em>,
 *       a level with several moves up the hash of their concatenation, an empty level is skipped.
 *       If {@code maxLevel} then holds more than {@code maxDegree} hashes they are combined once more
 *       into {@code maxLevel + 1}. The summary is {@code {maxDegree, maxLevel, hashes at maxLevel}}.</li>
 * </ul>
 * Memory is bounded: at most {@code maxDegree + 1} pending reads and as many hashes per level.
 *
 * <p>The same helper serves the simulator (recording a range read) and the validator (re-executing the
 * range over committed state plus the block's earlier valid writes, with the recorded summary's
 * {@code maxDegree}): the range is unchanged iff {@code done().merkleSummary()} equals the recorded summary.
 * {@link #mayStillMatch} lets the validator stop at the first mismatch, as Fabric's
 * {@code rangeQueryHashValidator} does. Not thread-safe; one instance per range query.
 */
public final class RangeQueryResultsHelper {

    /** Fabric's {@code maxDegreeQueryReadsHashing}. */
    public static final int DEFAULT_MAX_DEGREE = 50;

    private final int maxDegree;
    private final List<KvRead> pending = new ArrayList<>();
    /** {@code levels.get(i)} holds the hashes of level {@code i + 1}; level 1 holds leaf hashes. */
    private final List<List<Bytes>> levels = new ArrayList<>();
    private int maxLevel = 1;
    private boolean done;

    /** What {@link #done} returns: exactly one of the two is non-null. */
    public record Result(List<KvRead> rawReads, QueryReadsMerkleSummary merkleSummary) {
        /** Validates and copies. */
        public Result {
            if ((rawReads == null) == (merkleSummary == null)) {
                throw new IllegalArgumentException("exactly one of raw reads and Merkle summary is set");
            }
            rawReads = rawReads == null ? null : List.copyOf(rawReads);
        }

        /** The {@link RangeQueryInfo} recording this result. */
        public RangeQueryInfo toRangeQueryInfo(String startKey, String endKey, boolean itrExhausted) {
            return new RangeQueryInfo(startKey, endKey, itrExhausted, rawReads, merkleSummary);
        }
    }

    /** A helper with Fabric's degree, 50. */
    public RangeQueryResultsHelper() {
        this(DEFAULT_MAX_DEGREE);
    }

    /**
     * A helper with {@code maxDegree} (a uint32, as in the summary proto).
     *
     * @throws IllegalArgumentException when {@code maxDegree} is less than 2, as Fabric's {@code newMerkleTree}
     */
    public RangeQueryResultsHelper(int maxDegree) {
        if (Integer.compareUnsigned(maxDegree, 2) < 0) {
            throw new IllegalArgumentException("maxDegree [" + maxDegree + "] should not be less than 2 in the merkle tree");
        }
        this.maxDegree = maxDegree;
    }

    /** Adds the next result of the range, in iteration order. */
    public void addResult(KvRead read) {
        Objects.requireNonNull(read, "read");
        checkNotDone();
        pending.add(read);
        if (exceedsMaxDegree(pending.size())) {
            processPending();
        }
    }

    /**
     * Finishes the tree. Returns the raw reads when the tree is empty (at most {@code maxDegree} results
     * were added, possibly none), else the Merkle summary. Can be called once.
     */
    public Result done() {
        checkNotDone();
        done = true;
        if (maxLevel == 1 && level(1).isEmpty()) {
            return new Result(pending, null);
        }
        if (!pending.isEmpty()) {
            processPending();
        }
        for (int current = 1; current < maxLevel; current++) {
            List<Bytes> hashes = level(current);
            if (hashes.isEmpty()) {
                continue;
            }
            Bytes h = hashes.size() == 1 ? hashes.get(0) : combine(hashes);
            hashes.clear();
            level(current + 1).add(h);
        }
        List<Bytes> top = level(maxLevel);
        if (exceedsMaxDegree(top.size())) {
            Bytes combined = combine(top);
            top.clear();
            maxLevel++;
            level(maxLevel).add(combined);
        }
        return new Result(null, summarySoFar());
    }

    /**
     * Fabric's {@code GetMerkleSummary}: {@code maxDegree}, the current {@code maxLevel} and the hashes at
     * that level so far (none before the first leaf).
     */
    public QueryReadsMerkleSummary summarySoFar() {
        return new QueryReadsMerkleSummary(maxDegree, maxLevel, level(maxLevel));
    }

    /**
     * Whether the results added so far are still consistent with {@code expected} (a recorded summary).
     * {@code false} means the final summary cannot equal {@code expected} whatever is added: the tree
     * already reached a higher level, or holds more hashes at {@code expected}'s level, or one of them
     * differs (hashes at the top level only ever get appended until the level grows). This is the early
     * exit of Fabric's {@code rangeQueryHashValidator.validate}; the verdict is always the final equality.
     */
    public boolean mayStillMatch(QueryReadsMerkleSummary expected) {
        if (expected.maxDegree() != maxDegree) {
            return false;
        }
        if (maxLevel != expected.maxLevel()) {
            return Integer.compareUnsigned(maxLevel, expected.maxLevel()) < 0;
        }
        List<Bytes> hashes = level(maxLevel);
        List<Bytes> wanted = expected.maxLevelHashes();
        if (hashes.size() > wanted.size()) {
            return false;
        }
        for (int i = 0; i < hashes.size(); i++) {
            if (!hashes.get(i).equals(wanted.get(i))) {
                return false;
            }
        }
        return true;
    }

    private void processPending() {
        Bytes leaf = Hashes.sha256(ProtoCodec.encodeQueryReads(pending));
        pending.clear();
        level(1).add(leaf);
        for (int current = 1; exceedsMaxDegree(level(current).size()); current++) {
            List<Bytes> hashes = level(current);
            Bytes combined = combine(hashes);
            hashes.clear();
            level(current + 1).add(combined);
            maxLevel = Math.max(maxLevel, current + 1);
        }
    }

    private boolean exceedsMaxDegree(int count) {
        return Integer.compareUnsigned(count, maxDegree) > 0;
    }

    private List<Bytes> level(int level) {
        while (levels.size() < level) {
            levels.add(new ArrayList<>());
        }
        return levels.get(level - 1);
    }

    /** Fabric's {@code computeCombinedHash}: SHA-256 of the concatenated hashes. */
    private static Bytes combine(List<Bytes> hashes) {
        return Hashes.sha256(hashes.toArray(new Bytes[0]));
    }

    private void checkNotDone() {
        if (done) {
            throw new IllegalStateException("this RangeQueryResultsHelper should not be used after done()");
        }
    }
}
