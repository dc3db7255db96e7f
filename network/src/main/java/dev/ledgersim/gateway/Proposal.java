package dev.ledgersim.gateway;

import java.util.Map;

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
