package dev.ledgersim.ledger.validation;

import dev.ledgersim.msp.policy.Policy;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How writes to one namespace (a defined chaincode) are validated: its endorsement policy and the
 * endorsement policies of those of its collections that have their own.
 *
 * @param namespace the chaincode name
 * @param version the committed definition's version
 * @param endorsementPolicy the chaincode endorsement policy (a signature policy, or the channel's
 *     implicit-meta {@code MAJORITY Endorsement} bound to the member orgs)
 * @param collectionPolicies collection name to its own endorsement policy, for collections that set one
 */
public record NamespacePolicy(String namespace, String version, Policy endorsementPolicy,
                              SortedMap<String, Policy> collectionPolicies) {
    /** Validates and copies. */
    public NamespacePolicy {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(endorsementPolicy, "endorsementPolicy");
        collectionPolicies = Collections.unmodifiableSortedMap(new TreeMap<>(collectionPolicies));
    }

    /** A namespace whose collections have no endorsement policies of their own. */
    public static NamespacePolicy of(String namespace, String version, Policy endorsementPolicy) {
        return new NamespacePolicy(namespace, version, endorsementPolicy, new TreeMap<>());
    }

    /** A namespace with collection policies. */
    public static NamespacePolicy of(String namespace, String version, Policy endorsementPolicy,
                                     Map<String, Policy> collectionPolicies) {
        return new NamespacePolicy(namespace, version, endorsementPolicy, new TreeMap<>(collectionPolicies));
    }
}
