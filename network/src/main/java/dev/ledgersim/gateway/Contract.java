package dev.ledgersim.gateway;

/** A chaincode (and optionally one of its contracts) as a client calls it (Fabric Gateway's {@code Contract}). */
public interface Contract {

    /** The chaincode name. */
    String getChaincodeName();

    /** The contract name, or {@code null} for the default contract. */
    String getContractName();

    /**
     * Endorses, submits and waits for the commit of {@code name} without arguments.
     *
     * @throws EndorseException when endorsement fails
     * @throws SubmitException when the orderer refuses it
     * @throws CommitStatusException when the commit status cannot be obtained
     * @throws CommitException when it commits invalid
     */
    byte[] submitTransaction(String name) throws EndorseException, SubmitException, CommitStatusException, CommitException;

    /**
     * Evaluates {@code name} without arguments on the gateway peer.
     *
     * @throws GatewayException when the peer refuses it or the contract fails
     */
    byte[] evaluateTransaction(String name) throws GatewayException;

    /**
     * Endorses, submits and waits for the commit of {@code name} with string arguments.
     *
     * @throws EndorseException when endorsement fails
     * @throws SubmitException when the orderer refuses it
     * @throws CommitStatusException when the commit status cannot be obtained
     * @throws CommitException when it commits invalid (e.g. {@code MVCC_READ_CONFLICT})
     */
    byte[] submitTransaction(String name, String... args)
            throws EndorseException, SubmitException, CommitStatusException, CommitException;

    /** As {@link #submitTransaction(String, String...)} with byte arguments. */
    byte[] submitTransaction(String name, byte[]... args)
            throws EndorseException, SubmitException, CommitStatusException, CommitException;

    /**
     * Evaluates {@code name} on the gateway peer.
     *
     * @throws GatewayException when the peer refuses it or the contract fails
     */
    byte[] evaluateTransaction(String name, String... args) throws GatewayException;

    /** As {@link #evaluateTransaction(String, String...)} with byte arguments. */
    byte[] evaluateTransaction(String name, byte[]... args) throws GatewayException;

    /** A builder for a proposal of transaction {@code name}. */
    Proposal.Builder newProposal(String name);
}
