package dev.ledgersim.gateway;

import java.util.concurrent.CompletableFuture;

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

    /**
     * {@link #getStatus()} without waiting: the future completes with the status when the gateway peer
     * commits the block holding the transaction. Completion follows the rules of
     * {@link Proposal#endorseAsync()}; a transaction that is never ordered (lost with an orderer leader)
     * never completes it, so bound the wait, e.g. with {@code CompletableFuture.orTimeout} in the concurrent
     * runtime or a simulated-time deadline in the simulated one.
     */
    CompletableFuture<Status> getStatusAsync();
}
