package dev.ledgersim.gateway;

/** A transaction submitted to the orderer, whose commit can be awaited. */
public interface SubmittedTransaction {
    /** The transaction id. */
    String getTransactionId();

    /** The result the endorsers returned. */
    byte[] getResult();

    /**
     * Waits for the commit (in the simulated runtime, by advancing simulated time) and returns its status.
     *
     * @throws CommitStatusException when the commit status could not be obtained in time
     */
    Status getStatus() throws CommitStatusException;
}
