package dev.ledgersim.msp.policy;

import dev.ledgersim.msp.Identity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The outcome of {@link Policy#evaluate}: whether the policy is satisfied, which signer counted for
 * which principal, and a short text saying why ({@link #explain()}), shown to users when a transaction
 * fails its endorsement policy.
 *
 * @param policy the policy evaluated
 * @param satisfied whether the signers satisfy it
 * @param signers the signers after de-duplication (first occurrence kept), in the order given
 * @param matchedPrincipals one entry per signer, same order: for a {@link SignaturePolicy}, the principal
 *     that counted that signer in the final assignment of the top gate (empty when it counted for none,
 *     including when it was only counted inside a sub-gate that failed); for an
 *     {@link ImplicitMetaPolicy}, the principal that counted it in the first sub-policy, by name, that
 *     counted it
 * @param duplicatesDropped how many signers were dropped as repeats of an earlier one
 * @param reason why the policy is or is not satisfied, without the signers: for a signature policy,
 *     how many sub-rules of the top gate were satisfied and, when it fails, each failing branch (a
 *     principal no unused signer matched, or a nested gate with its own failing branches in
 *     brackets); for an implicit meta policy, Fabric's count message
 * @param subPolicies for an {@link ImplicitMetaPolicy}, each sub-policy's own evaluation by name; empty
 *     for a {@link SignaturePolicy}
 */
public record PolicyEvaluation(
        Policy policy,
        boolean satisfied,
        List<Identity> signers,
        List<Optional<Principal>> matchedPrincipals,
        int duplicatesDropped,
        String reason,
        SortedMap<String, PolicyEvaluation> subPolicies) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException if there is not exactly one matched-principal entry per signer,
     *     or {@code duplicatesDropped} is negative
     */
    public PolicyEvaluation {
        Objects.requireNonNull(policy, "policy");
        signers = List.copyOf(signers);
        matchedPrincipals = List.copyOf(matchedPrincipals);
        Objects.requireNonNull(reason, "reason");
        if (signers.size() != matchedPrincipals.size()) {
            throw new IllegalArgumentException(signers.size() + " signers but " + matchedPrincipals.size()
                    + " matched-principal entries");
        }
        if (duplicatesDropped < 0) {
            throw new IllegalArgumentException("duplicatesDropped " + duplicatesDropped + " < 0");
        }
        TreeMap<String, PolicyEvaluation> copy = new TreeMap<>();
        for (Map.Entry<String, PolicyEvaluation> entry : subPolicies.entrySet()) {
            copy.put(Objects.requireNonNull(entry.getKey(), "sub-policy name"),
                    Objects.requireNonNull(entry.getValue(), "sub-policy evaluation"));
        }
        subPolicies = Collections.unmodifiableSortedMap(copy);
    }

    /** The principal that counted {@code signer}, if it is one of the {@link #signers()} and counted. */
    public Optional<Principal> principalOf(Identity signer) {
        int index = signers.indexOf(signer);
        return index < 0 ? Optional.empty() : matchedPrincipals.get(index);
    }

    /**
     * A one-line explanation: the policy, whether it is satisfied and {@link #reason()}, each
     * sub-policy's explanation in brackets, then each signer with the principal it satisfied. For example
     * {@code policy AND('Org1MSP.peer', 'Org2MSP.peer') is not satisfied: 1 of 2 required sub-rules
     * satisfied; 'Org2MSP.peer' matched no unused signer; signers: peer0@Org1MSP (peer) -> 'Org1MSP.peer'}.
     */
    public String explain() {
        return explain(true);
    }

    private String explain(boolean top) {
        StringBuilder out = new StringBuilder("policy ").append(policy)
                .append(satisfied ? " is satisfied: " : " is not satisfied: ").append(reason);
        for (Map.Entry<String, PolicyEvaluation> sub : subPolicies.entrySet()) {
            out.append("; sub-policy '").append(sub.getKey()).append("' [")
                    .append(sub.getValue().explain(false)).append(']');
        }
        List<String> entries = new ArrayList<>();
        if (policy instanceof SignaturePolicy) {
            for (int i = 0; i < signers.size(); i++) {
                Optional<Principal> principal = matchedPrincipals.get(i);
                if (top || principal.isPresent()) {
                    entries.add(signers.get(i) + " -> " + principal.map(Principal::toString).orElse("none"));
                }
            }
            out.append(top ? "; signers: " : "; matched: ");
        } else if (top) {
            for (Identity signer : signers) {
                entries.add(signer.toString());
            }
            out.append("; signers: ");
        }
        if (top || policy instanceof SignaturePolicy) {
            out.append(entries.isEmpty() ? "none" : String.join(", ", entries));
        }
        if (top && duplicatesDropped > 0) {
            out.append("; ").append(duplicatesDropped)
                    .append(duplicatesDropped == 1 ? " duplicate signer ignored" : " duplicate signers ignored");
        }
        return out.toString();
    }

    /** The same as {@link #explain()}. */
    @Override
    public String toString() {
        return explain();
    }
}
