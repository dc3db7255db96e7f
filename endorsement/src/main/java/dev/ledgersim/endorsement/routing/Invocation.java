package dev.ledgersim.endorsement.routing;

import dev.ledgersim.contract.Transaction;
import java.util.Arrays;
import java.util.Objects;

/**
 * What one successful invocation of a contract produced. Internal to LedgerSim.
 *
 * @param contractName the contract that ran
 * @param transactionName the transaction name that was requested (for an unknown transaction, the
 *     unmatched name)
 * @param intent the function's declared intent; {@link Transaction.TYPE#SUBMIT} for an unknown
 *     transaction
 * @param unknownTransaction whether the name matched no transaction and the contract's
 *     {@code unknownTransaction} hook ran (and returned normally)
 * @param payload the encoded result (copied in and out; empty for {@code void} or {@code null})
 */
public record Invocation(String contractName, String transactionName, Transaction.TYPE intent,
        boolean unknownTransaction, byte[] payload) {

    /** Checks presence and copies the payload. */
    public Invocation {
        Objects.requireNonNull(contractName, "contractName");
        Objects.requireNonNull(transactionName, "transactionName");
        Objects.requireNonNull(intent, "intent");
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** {@code contractName:transactionName}. */
    public String qualifiedName() {
        return contractName + ":" + transactionName;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Invocation other && contractName.equals(other.contractName)
                && transactionName.equals(other.transactionName) && intent == other.intent
                && unknownTransaction == other.unknownTransaction && Arrays.equals(payload, other.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(contractName, transactionName, intent, unknownTransaction, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "Invocation[" + qualifiedName() + ", " + intent + (unknownTransaction ? ", unknown" : "")
                + ", " + payload.length + " payload bytes]";
    }
}
