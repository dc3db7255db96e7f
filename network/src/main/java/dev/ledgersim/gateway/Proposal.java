package dev.ledgersim.gateway;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** A transaction proposal, built with {@link Contract#newProposal} (Fabric Gateway's {@code Proposal}). */
public interface Proposal {

    /** The transaction id the proposal will have. */
    String getTransactionId();

    /**
     * Evaluates it on the gateway peer (nothing is ordered).
     *
     * @throws GatewayException when the peer refuses it or the contract fails
     */
    byte[] evaluate() throws GatewayException;

    /**
     * Gathers the endorsements the chaincode's policies need.
     *
     * @throws EndorseException naming each peer that refused and why, or the disagreement between peers
     */
    Transaction endorse() throws EndorseException;

    /**
     * {@link #endorse()} without waiting: the future completes with the endorsed transaction, or
     * exceptionally with an {@link EndorseException} (the same facts {@code endorse()} gives). Lets one
     * client thread keep many transactions in flight, as a load generator does.
     *
     * <p>In the simulated runtime the future completes only while the runtime runs ({@code LedgerSim.runFor},
     * {@code runUntilIdle}, or any blocking call, which advance simulated time); in the concurrent runtime it
     * completes on a runtime thread, so dependent stages must not block. The future has no timeout of its
     * own: the endorsing peers answer or refuse within their own deadlines.
     */
    CompletableFuture<Transaction> endorseAsync();

    /** Builds a proposal. */
    interface Builder {
        /** Appends string arguments. */
        Builder addArguments(String... args);

        /** Appends byte arguments. */
        Builder addArguments(byte[]... args);

        /** Adds a private input that reaches only the endorsers. */
        Builder putTransient(String name, byte[] value);

        /** Adds private inputs. */
        Builder putAllTransient(Map<String, byte[]> values);

        /** Endorses on one peer of each of these organisations instead of choosing from the policy. */
        Builder setEndorsingOrganizations(String... mspIds);

        /** The proposal. */
        Proposal build();
    }
}
