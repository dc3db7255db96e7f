package dev.ledgersim.endorsement.simulation;

/**
 * Counts the ledger operations a contract performs (every stub call) and stops a simulation that goes
 * past its limit, so a runaway contract is rejected instead of stalling the network. The count is
 * deterministic: it does not depend on the machine's speed. A loop that never calls the stub is not
 * counted; see the endorser's wall-clock watchdog for that case. One budget is shared by a transaction
 * and the chaincodes it invokes. Not thread-safe.
 */
public final class SimulationBudget {

    /** The default limit: one million ledger operations per transaction. */
    public static final long DEFAULT_MAX_OPERATIONS = 1_000_000;

    private final long maxOperations;
    private long used;

    /** A budget of {@code maxOperations} stub calls. */
    public SimulationBudget(long maxOperations) {
        if (maxOperations <= 0) {
            throw new IllegalArgumentException("the operation budget must be positive, got " + maxOperations);
        }
        this.maxOperations = maxOperations;
    }

    /** Counts one operation; past the limit throws {@link BudgetExceeded}. */
    void spend(String operation) {
        if (++used > maxOperations) {
            throw new BudgetExceeded("the contract exceeded its budget of " + maxOperations
                    + " ledger operations (at " + operation + "); is it looping?");
        }
    }

    /** Operations used so far. */
    public long used() {
        return used;
    }

    /**
     * Thrown when a contract exceeds its budget. An {@link Error}, so that contract code catching
     * {@code Exception} does not swallow it.
     */
    public static final class BudgetExceeded extends Error {
        private static final long serialVersionUID = 1L;

        BudgetExceeded(String message) {
            super(message);
        }
    }
}
