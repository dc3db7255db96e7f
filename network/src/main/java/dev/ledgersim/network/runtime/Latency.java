package dev.ledgersim.network.runtime;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/** How long a message takes on a link: fixed, or drawn per message from the seeded source. */
public sealed interface Latency {

    /** Draws one delay in nanoseconds (non-negative). */
    long sampleNanos(RandomGenerator random);

    /** The mean delay. */
    Duration mean();

    /** A fixed latency. */
    static Latency fixed(Duration latency) {
        return new Fixed(latency);
    }

    /** {@code min} plus an exponentially distributed extra delay of mean {@code mean - min}. */
    static Latency exponential(Duration min, Duration mean) {
        return new Exponential(min, mean);
    }

    /**
     * Every message takes exactly {@code latency}.
     *
     * @param latency non-negative
     */
    record Fixed(Duration latency) implements Latency {
        /** Validates. */
        public Fixed {
            requireNonNegative(latency, "latency");
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            return latency.toNanos();
        }

        @Override
        public Duration mean() {
            return latency;
        }
    }

    /**
     * {@code min} plus an exponentially distributed extra delay whose mean is {@code mean - min}, capped
     * at {@code min + 20 * (mean - min)} so one draw cannot stall a run (TigerBeetle's
     * {@code one_way_delay_min/mean}). With {@code min == mean} it is fixed.
     *
     * @param min non-negative
     * @param mean at least {@code min}
     */
    record Exponential(Duration min, Duration mean) implements Latency {
        /** Validates. */
        public Exponential {
            requireNonNegative(min, "min");
            requireNonNegative(mean, "mean");
            if (mean.compareTo(min) < 0) {
                throw new IllegalArgumentException("mean latency " + mean + " is below min latency " + min);
            }
        }

        @Override
        public long sampleNanos(RandomGenerator random) {
            long minNanos = min.toNanos();
            long extraMean = mean.toNanos() - minNanos;
            if (extraMean == 0) {
                return minNanos;
            }
            double u = random.nextDouble(); // [0, 1)
            double extra = -Math.log1p(-u) * extraMean;
            return minNanos + (long) Math.min(extra, 20.0 * extraMean);
        }
    }

    private static void requireNonNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + d);
        }
    }
}
