package dev.ledgersim.contract;

/**
 * Implemented by every contract class, as in Fabric Java. Every method has a default, so a contract
 * usually only adds its {@link Transaction @Transaction} methods.
 *
 * <p>For each invocation LedgerSim creates a <b>new instance</b> of the contract (from the factory
 * given to the chaincode definition) and calls, in this order:
 *
 * <pre>
 * createContext(stub) -&gt; beforeTransaction(ctx) -&gt; the transaction function -&gt; afterTransaction(ctx, result)
 * </pre>
 *
 * or {@code unknownTransaction(ctx)} in place of the transaction function when the requested name
 * routes to this contract but matches none of its transactions. If any step throws, the transaction
 * fails and the later steps are not run. Arguments are bound after {@code createContext} and before
 * {@code beforeTransaction}; a wrong argument fails the transaction without running the hooks.
 *
 * <p><b>State.</b> Contracts must not keep state between invocations (in instance or static fields, or
 * thread-locals): the ledger, through {@link Context#getStub()}, is the only shared state, and
 * invocations run on any peer in any order. To pass information from {@code beforeTransaction} to the
 * transaction function or {@code afterTransaction}, return a {@link Context} subclass from
 * {@code createContext}.
 *
 * <p><b>Determinism.</b> Every endorsing peer runs the same invocation and must compute the same result
 * and read-write set: do not read clocks, random numbers, the environment, files or the network, and do
 * not iterate hash-ordered collections into results. Use {@link ChaincodeStub#getTxTimestamp()} for
 * time. When endorsers disagree, the client's error lists which peers differed and on what.
 */
public interface ContractInterface {

    /**
     * Creates the context for one invocation. The default returns {@code new Context(stub)}; override to
     * return a subclass, which transaction functions may then declare as their first parameter.
     */
    default Context createContext(ChaincodeStub stub) {
        return new Context(stub);
    }

    /**
     * Called instead of a transaction function when the requested name routes to this contract but
     * matches none of its {@link Transaction} methods. The default throws a {@link ChaincodeException}
     * "Undefined contract method called", as Fabric Java; override to report differently, or to return
     * normally (the transaction then succeeds with an empty payload).
     */
    default void unknownTransaction(Context ctx) {
        throw new ChaincodeException("Undefined contract method called");
    }

    /** Called before every transaction function (and before {@link #unknownTransaction}); the default does nothing. */
    default void beforeTransaction(Context ctx) {
    }

    /**
     * Called after every transaction function that returned normally (and after
     * {@link #unknownTransaction}), with its return value ({@code null} for {@code void}); the default
     * does nothing. The payload is encoded from {@code result} after this hook returns.
     */
    default void afterTransaction(Context ctx, Object result) {
    }
}
