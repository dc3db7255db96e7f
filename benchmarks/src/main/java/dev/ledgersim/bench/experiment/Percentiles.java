package dev.ledgersim.bench.experiment;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n sorted values is the value
 * at rank {@code ceil(p/100 × n)} (1-based), so it is always one of the observed values; p = 0 gives the
 * minimum, p = 100 the maximum.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * A distribution in milliseconds.
     *
     * @param count how many values
     * @param mean their mean
     * @param p50 the median
     * @param p95 the 95th percentile
     * @param p99 the 99th percentile
     * @param max the largest
     */
    public record Summary(long count, double mean, double p50, double p95, double p99, double max) {
        /** The summary of no values: count 0, everything NaN. */
        public static final Summary EMPTY = new Summary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * The nearest-rank {@code p}-th percentile of {@code sorted} (ascending).
     *
     * @throws IllegalArgumentException if {@code sorted} is empty or {@code p} is outside [0, 100]
     */
    public static long nearestRank(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (!(p >= 0 && p <= 100)) {
            throw new IllegalArgumentException("a percentile is in [0, 100], got " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(1, rank) - 1];
    }

    /** The summary of {@code nanos} (any order; not modified), converted to milliseconds. */
    public static Summary summarize(long[] nanos) {
        if (nanos.length == 0) {
            return Summary.EMPTY;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long v : sorted) {
            sum += v;
        }
        return new Summary(sorted.length, ms(sum / sorted.length), ms(nearestRank(sorted, 50)), ms(nearestRank(sorted, 95)),
                ms(nearestRank(sorted, 99)), ms(sorted[sorted.length - 1]));
    }

    private static double ms(double nanos) {
        return nanos / 1_000_000.0;
    }
}
