package dev.ledgersim.ledger.validation;

import java.util.Optional;

/**
 * The committed chaincode definitions a validator checks endorsements against (Fabric's
 * {@code GetInfoForValidate}). Provided by the chaincode lifecycle; read at a consistent height.
 */
@FunctionalInterface
public interface NamespacePolicies {

    /** The validation info of {@code namespace}, or empty when no chaincode of that name is defined. */
    Optional<NamespacePolicy> lookup(String namespace);
}
