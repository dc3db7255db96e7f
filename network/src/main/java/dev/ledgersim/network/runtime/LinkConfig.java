package dev.ledgersim.network.runtime;

import java.time.Duration;
import java.util.Objects;

/**
 * The behaviour of one directed link {@code from -> to} of the simulated network. Every random decision
 * (latency draw, loss, duplication, reordering delay) is drawn from the link's own stream, derived from
 * the run's seed and the link's endpoints.
 *
 * <p>Unless {@link #reorders()}, a link is FIFO: a message is never delivered before one sent earlier on
 * the same link, even with a random latency (its delivery time is raised to the previous one's if
 * needed; equal times keep send order). With reordering each copy gets an extra uniform delay in
 * {@code [0, reorderJitter]} and FIFO is not enforced.
 *
 * @param latency the one-way delay
 * @param dropRate probability in [0, 1] that a message is lost
 * @param duplicateRate probability in [0, 1] that a message that is not lost is delivered twice (the
 *     second copy with its own latency draw)
 * @param reorderJitter maximum extra random delay; zero keeps the link FIFO
 */
public record LinkConfig(Latency latency, double dropRate, double duplicateRate, Duration reorderJitter) {

    /** The latency of a reliable link unless configured otherwise: 1 ms. */
    public static final Duration DEFAULT_LATENCY = Duration.ofMillis(1);

    /** The extra delay bound {@link #withReorder(boolean) withReorder(true)} uses: 10 ms. */
    public static final Duration DEFAULT_REORDER_JITTER = Duration.ofMillis(10);

    /** Validates. */
    public LinkConfig {
        Objects.requireNonNull(latency, "latency");
        requireRate(dropRate, "dropRate");
        requireRate(duplicateRate, "duplicateRate");
        Objects.requireNonNull(reorderJitter, "reorderJitter");
        if (reorderJitter.isNegative()) {
            throw new IllegalArgumentException("reorderJitter must not be negative: " + reorderJitter);
        }
    }

    /** A reliable FIFO link with {@link #DEFAULT_LATENCY}. */
    public static LinkConfig defaults() {
        return reliable(DEFAULT_LATENCY);
    }

    /** A reliable FIFO link with a fixed latency. */
    public static LinkConfig reliable(Duration latency) {
        return new LinkConfig(Latency.fixed(latency), 0.0, 0.0, Duration.ZERO);
    }

    /** Whether the link may reorder messages. */
    public boolean reorders() {
        return !reorderJitter.isZero();
    }

    /** Whether the link is reliable and FIFO (no loss, duplication or reordering). */
    public boolean isReliable() {
        return dropRate == 0.0 && duplicateRate == 0.0 && !reorders();
    }

    /** This configuration with another latency. */
    public LinkConfig withLatency(Latency newLatency) {
        return new LinkConfig(newLatency, dropRate, duplicateRate, reorderJitter);
    }

    /** This configuration with another drop rate. */
    public LinkConfig withDropRate(double rate) {
        return new LinkConfig(latency, rate, duplicateRate, reorderJitter);
    }

    /** This configuration with another duplicate rate. */
    public LinkConfig withDuplicateRate(double rate) {
        return new LinkConfig(latency, dropRate, rate, reorderJitter);
    }

    /** This configuration reordering with {@link #DEFAULT_REORDER_JITTER}, or FIFO. */
    public LinkConfig withReorder(boolean reorder) {
        return withReorderJitter(reorder ? DEFAULT_REORDER_JITTER : Duration.ZERO);
    }

    /** This configuration with another reorder jitter (zero: FIFO). */
    public LinkConfig withReorderJitter(Duration jitter) {
        return new LinkConfig(latency, dropRate, duplicateRate, jitter);
    }

    private static void requireRate(double rate, String name) {
        if (!(rate >= 0.0 && rate <= 1.0)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + rate);
        }
    }
}
