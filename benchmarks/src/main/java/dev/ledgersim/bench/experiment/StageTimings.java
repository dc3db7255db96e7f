package dev.ledgersim.bench.experiment;

import dev.ledgersim.network.Metrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects the stage timings the network's {@link Metrics} records for the measured transactions: the
 * runner names each measured transaction ({@link #expect}) before awaiting it, and {@link #drain} picks
 * their timings from the metrics' recent window (call it often enough that fewer than
 * {@link Metrics#RECENT} transactions complete between two calls). Thread-safe.
 */
final class StageTimings {

    /** The stages, in pipeline order, then the total. */
    static final List<String> STAGES = List.of("endorse", "order", "validate", "commit", "total");

    private final Metrics metrics;
    private final Set<String> wanted = ConcurrentHashMap.newKeySet();
    private final LongList[] stages = new LongList[STAGES.size()];
    private long seen;
    private long missed;

    StageTimings(Metrics metrics) {
        this.metrics = metrics;
        for (int i = 0; i < stages.length; i++) {
            stages[i] = new LongList();
        }
    }

    /** The stage durations of one timing, in nanoseconds, in {@link #STAGES} order. */
    static long[] nanos(Metrics.TransactionTiming t) {
        return new long[] {t.endorse().toNanos(), t.order().toNanos(), t.validate().toNanos(), t.commit().toNanos(),
            t.total().toNanos()};
    }

    /** Transaction {@code txId} is measured: keep its timing when it shows up. */
    void expect(String txId) {
        wanted.add(txId);
    }

    /** Transaction {@code txId} will never have a timing (its commit status was not obtained). */
    void forget(String txId) {
        wanted.remove(txId);
    }

    /** Takes the timings recorded since the last call and keeps the measured ones. */
    synchronized void drain() {
        long total = metrics.recordedTransactions();
        List<Metrics.TransactionTiming> recent = metrics.transactionsAfter(seen);
        seen = total;
        for (Metrics.TransactionTiming t : recent) {
            if (wanted.remove(t.txId())) {
                long[] n = nanos(t);
                for (int s = 0; s < n.length; s++) {
                    stages[s].add(n[s]);
                }
            }
        }
    }

    /** After the last drain: how many measured transactions had no timing, which are then forgotten. */
    synchronized long finish() {
        drain();
        missed += wanted.size();
        wanted.clear();
        return missed;
    }

    /** The distribution of each stage, in milliseconds, in {@link #STAGES} order. */
    synchronized Map<String, Percentiles.Summary> summaries() {
        Map<String, Percentiles.Summary> out = new LinkedHashMap<>();
        for (int s = 0; s < stages.length; s++) {
            out.put(STAGES.get(s), Percentiles.summarize(stages[s].toArray()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** How many timings were kept. */
    synchronized int size() {
        return stages[0].size();
    }

    /** The stage names without the total. */
    static List<String> pipelineStages() {
        return new ArrayList<>(STAGES.subList(0, STAGES.size() - 1));
    }
}
