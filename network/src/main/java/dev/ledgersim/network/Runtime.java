package dev.ledgersim.network;

/**
 * Which runtime drives the network's nodes: a description only, turned into an engine by
 * {@link dev.ledgersim.network.runtime.Engines#create}. The node code is the same under both.
 * <ul>
 *   <li>{@link #simulated()} (the default): one thread, virtual time, an event queue ordered by
 *   (time, sequence), every random decision drawn from the seed. The same seed and the same calls give
 *   the same events, trace and ledger bytes. Time jumps ahead when nothing is runnable, so a 2 s batch
 *   timeout costs no wall time.</li>
 *   <li>{@link #concurrent()}: wall-clock time, every node an actor on a thread pool (one thread per
 *   core by default), for throughput runs. Not reproducible from the seed.</li>
 * </ul>
 * Note that inside {@code dev.ledgersim.network} this name shadows {@link java.lang.Runtime}.
 */
public sealed interface Runtime {

    /** The deterministic single-threaded runtime with virtual time (the default). */
    static Runtime simulated() {
        return Simulated.INSTANCE;
    }

    /** The wall-clock runtime with a pool of one thread per available processor. */
    static Runtime concurrent() {
        return new Concurrent(java.lang.Runtime.getRuntime().availableProcessors());
    }

    /**
     * The wall-clock runtime with a pool of {@code threads} threads.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    static Runtime concurrent(int threads) {
        return new Concurrent(threads);
    }

    /** The deterministic runtime. */
    record Simulated() implements Runtime {
        static final Simulated INSTANCE = new Simulated();

        @Override
        public String toString() {
            return "Runtime.simulated()";
        }
    }

    /**
     * The wall-clock runtime.
     *
     * @param threads the size of the pool that runs nodes, at least 1
     */
    record Concurrent(int threads) implements Runtime {
        /** Validates. */
        public Concurrent {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + threads);
            }
        }

        @Override
        public String toString() {
            return "Runtime.concurrent(" + threads + ")";
        }
    }
}
