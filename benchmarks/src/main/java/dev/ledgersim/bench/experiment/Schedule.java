package dev.ledgersim.bench.experiment;

import java.time.Duration;
import java.time.Instant;

/**
 * Hands out the transactions of one point, in order: first the warm-up's, then the measured ones, then
 * none. Phases end after a number of transactions or at a time of the runtime's clock. In the fixed-rate
 * model each ticket also says when it is due ({@code start + number × interval}). Thread-safe.
 */
final class Schedule {

    /** The phase a transaction belongs to. */
    enum Phase {
        /** Not measured. */
        WARMUP,
        /** Measured. */
        MEASURE
    }

    /**
     * One transaction to start.
     *
     * @param number its position, from 0
     * @param phase its phase
     * @param due when it should start (fixed rate), else when it was handed out
     */
    record Ticket(long number, Phase phase, Instant due) {
    }

    private final PhaseSpec warmup;
    private final PhaseSpec duration;
    private final Instant start;
    private final Duration interval;
    private long next;
    private long measured;
    private Instant measureStart;
    private boolean done;

    /**
     * A schedule starting at {@code start}.
     *
     * @param interval the time between two starts (fixed rate), or {@code null} (fixed load)
     */
    Schedule(PhaseSpec warmup, PhaseSpec duration, Instant start, Duration interval) {
        this.warmup = warmup;
        this.duration = duration;
        this.start = start;
        this.interval = interval;
    }

    /** The time between two starts, or {@code null} for fixed load. */
    Duration interval() {
        return interval;
    }

    /** When the next ticket is due (fixed rate), or {@code null}. */
    synchronized Instant nextDue() {
        return interval == null ? null : start.plus(interval.multipliedBy(next));
    }

    /** The next transaction, or {@code null} once the measured phase is over. */
    synchronized Ticket take(Instant now) {
        if (done) {
            return null;
        }
        Instant due = interval == null ? now : start.plus(interval.multipliedBy(next));
        boolean inWarmup = measureStart == null && (warmup.byTime()
                ? due.isBefore(start.plus(seconds(warmup.seconds())))
                : next < warmup.transactions());
        if (inWarmup) {
            return new Ticket(next++, Phase.WARMUP, due);
        }
        if (measureStart == null) {
            measureStart = due;
        }
        boolean inMeasure = duration.byTime()
                ? due.isBefore(measureStart.plus(seconds(duration.seconds())))
                : measured < duration.transactions();
        if (!inMeasure) {
            done = true;
            return null;
        }
        measured++;
        return new Ticket(next++, Phase.MEASURE, due);
    }

    /** Whether every ticket has been handed out. */
    synchronized boolean done() {
        return done;
    }

    /** When the first measured transaction started, or {@code null} before. */
    synchronized Instant measureStart() {
        return measureStart;
    }

    /** How far the measured phase is: by transactions started, or by time elapsed. */
    synchronized double fraction(Instant now, long completedMeasured) {
        if (done) {
            return duration.byTime() ? 1.0 : Math.min(1.0, completedMeasured / (double) duration.transactions());
        }
        if (measureStart == null) {
            return 0;
        }
        if (duration.byTime()) {
            return Math.min(1.0, Duration.between(measureStart, now).toNanos() / 1e9 / duration.seconds());
        }
        return Math.min(1.0, completedMeasured / (double) duration.transactions());
    }

    static Duration seconds(double s) {
        return Duration.ofNanos(Math.round(s * 1e9));
    }
}
