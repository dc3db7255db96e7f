package dev.ledgersim.contract;

import java.util.Objects;

/**
 * The context of one transaction invocation, passed as the first argument of every transaction
 * function (Fabric Java's {@code Context}): the {@link ChaincodeStub} and the calling
 * {@link ClientIdentity}.
 *
 * <p>Contracts may extend it to carry per-invocation state (for example values prepared in
 * {@link ContractInterface#beforeTransaction}) by overriding {@link ContractInterface#createContext}.
 * A context lives for one invocation and is confined to its thread.
 */
public class Context {

    private final ChaincodeStub stub;
    private ClientIdentity clientIdentity;

    /**
     * A context over {@code stub}.
     *
     * @throws NullPointerException if {@code stub} is null
     */
    public Context(ChaincodeStub stub) {
        this.stub = Objects.requireNonNull(stub, "stub");
    }

    /** The stub of this invocation: the ledger and the proposal. */
    public ChaincodeStub getStub() {
        return stub;
    }

    /**
     * The identity that signed the proposal, read from {@link ChaincodeStub#getCreator()} on the first
     * call and then kept.
     *
     * @throws ChaincodeException when the creator bytes are not a serialized X.509 identity
     */
    public ClientIdentity getClientIdentity() {
        if (clientIdentity == null) {
            clientIdentity = new ClientIdentity(stub);
        }
        return clientIdentity;
    }
}
