package dev.ledgersim.bench.experiment;

import com.sun.management.OperatingSystemMXBean;
import dev.ledgersim.gateway.CommitStatusException;
import dev.ledgersim.gateway.EndorseException;
import dev.ledgersim.gateway.Status;
import dev.ledgersim.gateway.SubmitException;
import dev.ledgersim.gateway.SubmittedTransaction;
import dev.ledgersim.network.Metrics;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The bookkeeping of one point's load: which transactions are measured, their outcomes and timings, CPU
 * and heap, and the result. Drivers call {@link #start}, {@link #submit} and {@link #complete}.
 */
final class Measurement {

    /** A submitted transaction awaiting its commit status. */
    record Pending(PointRun.Client client, SubmittedTransaction tx, Schedule.Phase phase) {
    }

    private final PointRun run;
    private final Schedule schedule;
    private final ProgressListener progress;
    private final Counters counters = new Counters();
    private final StageTimings timings;
    private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
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
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        cpuStart = os.getProcessCpuTime();
        wallStart = System.nanoTime();
    }

    /**
     * Endorses and submits {@code ticket}'s transaction from {@code client}; returns what to await, or
     * {@code null} when it was refused (counted).
     */
    Pending submit(PointRun.Client client, Schedule.Ticket ticket) {
        boolean measured = ticket.phase() == Schedule.Phase.MEASURE;
        if (measured) {
            counters.submitted();
        }
        try {
            var endorsed = PointRun.proposal(client, client.nextRequest()).build().endorse();
            if (measured) {
                timings.expect(endorsed.getTransactionId());
            }
            try {
                return new Pending(client, endorsed.submitAsync(), ticket.phase());
            } catch (SubmitException e) {
                timings.forget(endorsed.getTransactionId());
                if (measured) {
                    counters.submitFailed(e.getMessage(), run.sim.now());
                }
                return null;
            }
        } catch (EndorseException e) {
            if (measured) {
                counters.endorseFailed(e.getMessage(), run.sim.now());
            }
            return null;
        }
    }

    /** Awaits {@code pending}'s commit status and counts it. */
    void complete(Pending pending) {
        try {
            Status status = pending.tx().getStatus();
            if (pending.phase() == Schedule.Phase.MEASURE) {
                counters.committed(status.getCode(), run.sim.now());
            }
        } catch (CommitStatusException e) {
            timings.forget(pending.tx().getTransactionId());
            if (pending.phase() == Schedule.Phase.MEASURE) {
                counters.statusFailed(e.getMessage(), run.sim.now());
            }
        }
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
        long heapPeak = heapPools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
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
                heapUsed / 1048576.0, heapPeak / 1048576.0, errors);
    }
}
