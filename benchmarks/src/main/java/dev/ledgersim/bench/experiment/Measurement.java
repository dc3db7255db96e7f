package dev.ledgersim.bench.experiment;

import com.sun.management.OperatingSystemMXBean;
import dev.ledgersim.gateway.EndorseException;
import dev.ledgersim.gateway.Proposal;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmitException;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.gateway.Transaction;
import dev.ledgersim.network.Metrics;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionException;

/**
 * The bookkeeping of one point's load: which transactions are measured, their outcomes and timings, CPU
 * and heap, and the result. The {@link LoadDriver} calls {@link #take} and
 * {@link #start}.
 */
final class Measurement {

    private final PointRun run;
    private final Schedule schedule;
    private final ProgressListener progress;
    private final Counters counters = new Counters();
    private final StageTimings timings;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final HeapWatch heap = new HeapWatch();
    private long cpuStart;
    private long wallStart;
    private long wallEnd;
    private long cpuEnd;
    private boolean measuring;

    Measurement(PointRun run, Schedule schedule, ProgressListener progress) {
        this.run = run;
        this.schedule = schedule;
        this.progress = progress;
        this.timings = new StageTimings(run.sim.metrics());
    }

    Schedule schedule() {
        return schedule;
    }

    /** The next ticket; the first measured one starts the clocks. */
    Schedule.Ticket take() {
        Schedule.Ticket t = schedule.take(run.sim.now());
        if (t != null && t.phase() == Schedule.Phase.MEASURE) {
            startMeasuring();
        }
        return t;
    }

    private synchronized void startMeasuring() {
        if (measuring) {
            return;
        }
        measuring = true;
        timings.drain();
        heap.reset();
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    /**
     * Starts {@code ticket}'s transaction from {@code client} without waiting — endorse, submit, then the
     * commit status, each stage started when the previous one completes — and counts its outcome when it
     * is known; then runs {@code done}. Outcomes are counted at the runtime's time of the event.
     */
    void start(PointRun.Client client, Schedule.Ticket ticket, Runnable done) {
        boolean measured = ticket.phase() == Schedule.Phase.MEASURE;
        if (measured) {
            counters.submitted();
        }
        Proposal proposal = PointRun.proposal(client, client.nextRequest()).build();
        String txId = proposal.getTransactionId();
        if (measured) {
            timings.expect(txId);
        }
        proposal.endorseAsync()
                .thenCompose(Transaction::broadcastAsync)
                .thenCompose(SubmittedTransaction::getStatusAsync)
                .whenComplete((status, failure) -> {
                    try {
                        record(txId, measured, status, failure);
                    } finally {
                        done.run();
                    }
                });
    }

    private void record(String txId, boolean measured, Status status, Throwable failure) {
        Instant now = run.sim.now();
        if (failure == null) {
            if (measured) {
                counters.committed(status.getCode(), now);
            }
            return;
        }
        timings.forget(txId);
        if (!measured) {
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof EndorseException) {
            counters.endorseFailed(cause.getMessage(), now);
        } else if (cause instanceof SubmitException) {
            counters.submitFailed(cause.getMessage(), now);
        } else {
            counters.statusFailed(String.valueOf(cause.getMessage()), now);
        }
    }

    /** Counts a measured transaction still in flight when the driver gave up waiting for it. */
    void lost(String why) {
        counters.statusFailed(why, run.sim.now());
    }

    /** Picks up recent stage timings and reports progress. */
    void tick() {
        timings.drain();
        long done = counters.completedCount();
        Instant now = run.sim.now();
        Instant start = schedule.measureStart();
        double seconds = start == null ? 0 : Math.max(1e-9, Duration.between(start, now).toNanos() / 1e9);
        progress.progress(schedule.fraction(now, done), done, start == null ? 0 : counters.committedCount() / seconds);
    }

    /** Stops the clocks (after the last measured transaction completed). */
    void finish() {
        cpuEnd = os.getProcessCpuTime();
        wallEnd = System.nanoTime();
        if (!measuring) {
            cpuStart = cpuEnd;
            wallStart = wallEnd;
        }
    }

    /** The result of the point. */
    PointResult result(int index, String parameter, String value) {
        long missed = timings.finish();
        Instant start = schedule.measureStart();
        Instant end = counters.lastCompletion();
        double runtimeSeconds = start == null || end == null ? 0 : Duration.between(start, end).toNanos() / 1e9;
        double wallSeconds = (wallEnd - wallStart) / 1e9;
        long committed = counters.committedCount();
        long blocks = 0;
        long blockTxs = 0;
        if (start != null && end != null) {
            for (Metrics.BlockSize b : run.sim.metrics().blocks()) {
                if (b.channel().equals(PointRun.CHANNEL) && !b.committedAt().isBefore(start) && !b.committedAt().isAfter(end)) {
                    blocks++;
                    blockTxs += b.transactions();
                }
            }
        }
        double cpuSeconds = (cpuEnd - cpuStart) / 1e9;
        long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long heapPeak = heap.peakBytes();
        long heapAfterCollection = heap.peakAfterCollectionBytes();
        heap.close();
        List<String> errors = counters.errors();
        if (missed > 0) {
            errors = new java.util.ArrayList<>(errors);
            errors.add(missed + " measured transactions had no stage timing in the network's metrics");
        }
        return new PointResult(index, parameter, value, counters.submittedCount(), committed, counters.validCount(),
                counters.endorseFailedCount(), counters.submitFailedCount(), counters.statusFailedCount(), counters.codes(),
                committed == 0 ? 0 : counters.conflicts() / (double) committed,
                runtimeSeconds > 0 ? committed / runtimeSeconds : 0,
                runtimeSeconds > 0 ? counters.validCount() / runtimeSeconds : 0,
                wallSeconds > 0 ? committed / wallSeconds : 0,
                runtimeSeconds, wallSeconds, blocks, blocks == 0 ? 0 : blockTxs / (double) blocks, timings.summaries(),
                timings.size(), cpuSeconds, committed == 0 ? 0 : cpuSeconds * 1e6 / committed,
                heapUsed / 1048576.0, heapPeak / 1048576.0, heapAfterCollection / 1048576.0, errors);
    }
}
