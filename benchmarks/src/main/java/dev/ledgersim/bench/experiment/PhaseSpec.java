package dev.ledgersim.bench.experiment;

/**
 * How long a phase (warm-up or measurement) lasts: a number of transactions, or seconds of the runtime's
 * time (simulated time in the simulated runtime, wall time in the concurrent one). Exactly one is
 * positive, or both are zero for no phase (warm-up only).
 *
 * @param transactions transactions started in the phase
 * @param seconds seconds during which transactions are started
 */
public record PhaseSpec(long transactions, double seconds) {

    /** No phase. */
    public static final PhaseSpec NONE = new PhaseSpec(0, 0);

    /** Whether the phase is empty. */
    public boolean empty() {
        return transactions <= 0 && seconds <= 0;
    }

    /** Whether the phase is bounded by time. */
    public boolean byTime() {
        return seconds > 0;
    }

    void validate(String field, boolean required) {
        if (transactions < 0 || seconds < 0 || Double.isNaN(seconds)) {
            throw new ExperimentException(field + ": transactions and seconds cannot be negative");
        }
        if (transactions > 0 && seconds > 0) {
            throw new ExperimentException(field + ": give transactions or seconds, not both");
        }
        if (required && empty()) {
            throw new ExperimentException(field + ": give a positive number of transactions or seconds");
        }
    }

    @Override
    public String toString() {
        return empty() ? "none" : byTime() ? seconds + " s" : transactions + " transactions";
    }
}
