package dev.ledgersim.network;

import dev.ledgersim.ledger.TxValidationCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What the network measured: per-transaction stage timings (endorse, order, validate, commit on the
 * gateway peer), per-block sizes, and counts of validation codes. Times are the runtime's: simulated time
 * in the simulated runtime (validation and commit then take no time: the model charges network latency,
 * batch timeouts and Raft rounds, not CPU), wall time in the concurrent one. Memory is bounded: totals are
 * kept for everything, details for the most recent {@value #RECENT} transactions and blocks. Thread-safe.
 */
public final class Metrics {

    /** How many recent transactions and blocks are kept in detail. */
    public static final int RECENT = 100_000;

    /**
     * One transaction as its client saw it.
     *
     * @param txId the transaction
     * @param channel its channel
     * @param proposed when the proposal was built
     * @param endorse proposal to all endorsements gathered
     * @param order endorsements to the block holding the transaction reaching the gateway peer (broadcast,
     *     batching, Raft, delivery)
     * @param validate the gateway peer validating that block
     * @param commit the gateway peer writing it (block, state, history)
     * @param code how it committed
     */
    public record TransactionTiming(String txId, String channel, Instant proposed, Duration endorse, Duration order,
                                    Duration validate, Duration commit, TxValidationCode code) {
        /** Proposal to commit. */
        public Duration total() {
            return endorse.plus(order).plus(validate).plus(commit);
        }
    }

    /**
     * One committed block.
     *
     * @param channel its channel
     * @param number its number
     * @param transactions how many transactions it holds
     * @param bytes the size of its envelopes
     * @param committedAt when the first peer committed it
     */
    public record BlockSize(String channel, long number, int transactions, long bytes, Instant committedAt) {
    }

    private final Deque<TransactionTiming> transactions = new ArrayDeque<>();
    private final Deque<BlockSize> blocks = new ArrayDeque<>();
    private final Map<TxValidationCode, Long> codes = new EnumMap<>(TxValidationCode.class);
    private final Set<String> countedBlocks = new HashSet<>();
    private long transactionCount;
    private Duration totalEndorse = Duration.ZERO;
    private Duration totalOrder = Duration.ZERO;
    private Duration totalValidate = Duration.ZERO;
    private Duration totalCommit = Duration.ZERO;

    /** Records a transaction's timing (called by the gateway). */
    public synchronized void recordTransaction(TransactionTiming timing) {
        Objects.requireNonNull(timing, "timing");
        transactions.addLast(timing);
        if (transactions.size() > RECENT) {
            transactions.removeFirst();
        }
        transactionCount++;
        totalEndorse = totalEndorse.plus(timing.endorse());
        totalOrder = totalOrder.plus(timing.order());
        totalValidate = totalValidate.plus(timing.validate());
        totalCommit = totalCommit.plus(timing.commit());
    }

    /** Records a committed block and its codes, once per channel and number (called by peers). */
    public synchronized void recordBlock(BlockSize block, List<TxValidationCode> blockCodes) {
        if (!countedBlocks.add(block.channel() + "#" + block.number())) {
            return;
        }
        if (countedBlocks.size() > 4 * RECENT) {
            countedBlocks.clear();
            countedBlocks.add(block.channel() + "#" + block.number());
        }
        blocks.addLast(block);
        if (blocks.size() > RECENT) {
            blocks.removeFirst();
        }
        for (TxValidationCode code : blockCodes) {
            codes.merge(code, 1L, Long::sum);
        }
    }

    /** How many transaction timings were ever recorded (the number of the next one, counting from 0). */
    public synchronized long recordedTransactions() {
        return transactionCount;
    }

    /**
     * The timings recorded since the first {@code alreadySeen} ones, oldest first — those still among the
     * most recent {@value #RECENT}: lets a reader poll without copying the whole window each time.
     */
    public synchronized List<TransactionTiming> transactionsAfter(long alreadySeen) {
        long missing = transactionCount - Math.max(0, alreadySeen);
        if (missing <= 0) {
            return List.of();
        }
        int n = (int) Math.min(missing, transactions.size());
        List<TransactionTiming> out = new ArrayList<>(n);
        java.util.Iterator<TransactionTiming> newestFirst = transactions.descendingIterator();
        for (int i = 0; i < n; i++) {
            out.add(newestFirst.next());
        }
        Collections.reverse(out);
        return out;
    }

    /** The most recent transaction timings, oldest first. */
    public synchronized List<TransactionTiming> transactions() {
        return Collections.unmodifiableList(new ArrayList<>(transactions));
    }

    /** The most recent block sizes, oldest first. */
    public synchronized List<BlockSize> blocks() {
        return Collections.unmodifiableList(new ArrayList<>(blocks));
    }

    /** How many committed transactions had each code (every block counted once). */
    public synchronized Map<TxValidationCode, Long> validationCodes() {
        return Collections.unmodifiableMap(new EnumMap<>(codes));
    }

    /** How many transactions clients timed. */
    public synchronized long transactionCount() {
        return transactionCount;
    }

    /** The mean endorse, order, validate and commit durations over every timed transaction, in that order. */
    public synchronized List<Duration> meanStageDurations() {
        if (transactionCount == 0) {
            return List.of(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        return List.of(totalEndorse.dividedBy(transactionCount), totalOrder.dividedBy(transactionCount),
                totalValidate.dividedBy(transactionCount), totalCommit.dividedBy(transactionCount));
    }
}
