package dev.ledgersim.bench.workload;

import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * Picks key indices in {@code [0, n)}: uniformly, or by a Zipfian law where index {@code i} has weight
 * {@code 1 / (i + 1)^theta} (index 0 hottest; theta 0 is uniform, YCSB's default is 0.99). The Zipfian
 * chooser inverts the exact cumulative distribution (precomputed, {@code n} doubles), so it is correct
 * for every theta, including 1 and above.
 */
public sealed interface KeyChooser {

    /** The next index, drawn from {@code random}. */
    int next(RandomGenerator random);

    /** The number of keys. */
    int size();

    /** Uniform over {@code n} keys. */
    static KeyChooser uniform(int n) {
        return new Uniform(n);
    }

    /** Zipfian over {@code n} keys with exponent {@code theta >= 0}. */
    static KeyChooser zipfian(int n, double theta) {
        return new Zipfian(n, theta);
    }

    /**
     * By name: {@code uniform} or {@code zipfian}.
     *
     * @throws IllegalArgumentException for another name
     */
    static KeyChooser of(String distribution, int n, double theta) {
        return switch (distribution) {
            case "uniform" -> uniform(n);
            case "zipfian" -> zipfian(n, theta);
            default -> throw new IllegalArgumentException("unknown key distribution '" + distribution
                    + "' (known: uniform, zipfian)");
        };
    }

    /**
     * Uniform choice.
     *
     * @param size the number of keys
     */
    record Uniform(int size) implements KeyChooser {
        /** Validates. */
        public Uniform {
            if (size < 1) {
                throw new IllegalArgumentException("at least one key, got " + size);
            }
        }

        @Override
        public int next(RandomGenerator random) {
            return random.nextInt(size);
        }
    }

    /** Zipfian choice by inverse transform over the cumulative weights. */
    final class Zipfian implements KeyChooser {
        private final double theta;
        private final double[] cumulative;

        Zipfian(int n, double theta) {
            if (n < 1) {
                throw new IllegalArgumentException("at least one key, got " + n);
            }
            if (!(theta >= 0) || Double.isInfinite(theta)) {
                throw new IllegalArgumentException("the Zipfian exponent must be finite and >= 0, got " + theta);
            }
            this.theta = theta;
            this.cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / Math.pow(i + 1, theta);
                cumulative[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cumulative[i] /= sum;
            }
            cumulative[n - 1] = 1.0;
        }

        /** The exponent. */
        public double theta() {
            return theta;
        }

        /** The probability of index {@code i}. */
        public double probability(int i) {
            return i == 0 ? cumulative[0] : cumulative[i] - cumulative[i - 1];
        }

        @Override
        public int size() {
            return cumulative.length;
        }

        @Override
        public int next(RandomGenerator random) {
            double u = random.nextDouble();
            int i = Arrays.binarySearch(cumulative, u);
            int index = i >= 0 ? i + 1 : -i - 1;
            return Math.min(index, cumulative.length - 1);
        }

        @Override
        public String toString() {
            return "Zipfian[n=" + cumulative.length + ", theta=" + theta + "]";
        }
    }
}
