package dev.ledgersim.gateway;

import java.util.concurrent.CompletableFuture;

/** An endorsed transaction, ready to submit (Fabric Gateway's {@code Transaction}). */
public interface Transaction {
    /** The transaction id. */
    String getTransactionId();

    /** The result the endorsers returned. */
    byte[] getResult();

    /**
     * Submits and waits for the commit.
     *
     * @return the result
     * @throws SubmitException when the orderer refuses it
     * @throws CommitStatusException when the commit status cannot be obtained
     * @throws CommitException when it commits invalid
     */
    byte[] submit() throws SubmitException, CommitStatusException, CommitException;

    /**
     * Submits without waiting for the commit.
     *
     * @throws SubmitException when the orderer refuses it
     */
    SubmittedTransaction submitAsync() throws SubmitException;

    /**
     * {@link #submitAsync()} without waiting for the orderer either: the future completes with the
     * submitted transaction once an orderer accepted it, or exceptionally with a {@link SubmitException}.
     * Completion follows the rules of {@link Proposal#endorseAsync()}.
     */
    CompletableFuture<SubmittedTransaction> broadcastAsync();
}
