package dev.ledgersim.endorsement.routing;

import dev.ledgersim.contract.Transaction;
import java.util.List;
import java.util.Objects;

/**
 * The description of one routable transaction function, for documentation, tools and error messages.
 * Internal to LedgerSim.
 *
 * @param contractName the name of the contract that holds it
 * @param name the transaction name clients call
 * @param intent submit or evaluate, from {@link Transaction#intent()}
 * @param parameterTypes readable names of the parameters after the context, in order ({@code String},
 *     {@code int}, {@code List<Patient>})
 * @param returnType the readable name of the result type ({@code void} for none)
 * @param isDefaultContract whether unqualified names reach it (its contract is the default one)
 */
public record TransactionFunction(String contractName, String name, Transaction.TYPE intent,
        List<String> parameterTypes, String returnType, boolean isDefaultContract) {

    /** Checks presence and copies the list. */
    public TransactionFunction {
        Objects.requireNonNull(contractName, "contractName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(intent, "intent");
        parameterTypes = List.copyOf(parameterTypes);
        Objects.requireNonNull(returnType, "returnType");
    }

    /** {@code contractName:name}, the name that reaches this function from any client. */
    public String qualifiedName() {
        return contractName + ":" + name;
    }

    /** {@code contract:name(String, int)}: the qualified name with the parameter types. */
    public String signature() {
        return qualifiedName() + "(" + String.join(", ", parameterTypes) + ")";
    }

    /** {@code contract:name(String, int) -> String [SUBMIT]}. */
    @Override
    public String toString() {
        return signature() + " -> " + returnType + " [" + intent + "]";
    }
}
