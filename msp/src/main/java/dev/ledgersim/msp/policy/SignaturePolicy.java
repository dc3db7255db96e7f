package dev.ledgersim.msp.policy;

import dev.ledgersim.msp.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A policy written in Fabric's policy language: a tree of {@code NOutOf} gates over
 * {@code SignedBy(principal)} leaves (Fabric's {@code SignaturePolicyEnvelope}).
 *
 * <p><b>Canonical text.</b> {@link #toString()} writes each gate as {@code OR(..)} when its threshold is
 * 1, else {@code AND(..)} when the threshold equals its number of arguments, else
 * {@code OutOf(t, ..)}; principals in single quotes; arguments separated by {@code ", "}. For example
 * {@code OutOf(2, 'A.member', AND('B.peer', 'C.admin'), 'D.client')} or {@code OR('Org1MSP.member')};
 * {@code OutOf(2, 'A.member', AND('B.peer', 'C.admin'))} is written {@code AND('A.member', AND('B.peer',
 * 'C.admin'))} and {@code AND('A.member')} is written {@code OR('A.member')}. The text parses back to an
 * equal policy. Equality is structural, so {@code and('A.member', 'B.member')} and
 * {@code OutOf(2, "A.member", "B.member")} are equal policies with the same canonical text.
 *
 * <p><b>Evaluation.</b> Greedy, each signer counted at most once, no backtracking, as Fabric's
 * {@code cauthdsl}: a {@code SignedBy} takes the first signer, in signer order, that is not yet counted
 * and satisfies its principal; a gate evaluates every argument in order (even after its threshold is
 * reached), keeps the signers counted by the arguments that succeed and forgets those counted inside
 * the ones that fail. So {@code AND('Org1MSP.member', 'Org1MSP.peer')} signed by {@code [peer1, client1]}
 * fails: {@code member} takes {@code peer1}, and no signer is left for {@code peer}, although
 * {@code peer1} for {@code peer} and {@code client1} for {@code member} would do.
 *
 * @param rule the top gate of the rule tree
 */
public record SignaturePolicy(PolicyRule.NOutOf rule) implements Policy {

    /** Checks that the rule is present (a policy's top is always a gate, as in the language). */
    public SignaturePolicy {
        Objects.requireNonNull(rule, "rule");
    }

    /**
     * The principals in Fabric's numbering order (the {@code identities} of the envelope, which
     * {@code SignedBy} indexes): within each gate, the principals of its nested gates come first, in
     * argument order, then the gate's own principals, because govaluate evaluates the nested calls
     * before the outer call numbers its own strings. {@code OR('A.member', AND('B.member', 'C.member'))}
     * gives {@code [B, C, A]}. Not de-duplicated: each occurrence is listed.
     */
    public List<Principal> principals() {
        List<Principal> out = new ArrayList<>();
        collectPrincipals(rule, out);
        return List.copyOf(out);
    }

    private static void collectPrincipals(PolicyRule.NOutOf gate, List<Principal> out) {
        for (PolicyRule child : gate.rules()) {
            if (child instanceof PolicyRule.NOutOf nested) {
                collectPrincipals(nested, out);
            }
        }
        for (PolicyRule child : gate.rules()) {
            if (child instanceof PolicyRule.SignedBy signedBy) {
                out.add(signedBy.principal());
            }
        }
    }

    /** See {@link Policy#isSatisfiedBy}; greedy, as described on this class. */
    @Override
    public boolean isSatisfiedBy(List<Identity> signers) {
        return GreedyEvaluator.isSatisfied(rule, GreedyEvaluator.distinct(signers));
    }

    /** See {@link Policy#evaluate}; greedy, as described on this class. */
    @Override
    public PolicyEvaluation evaluate(List<Identity> signers) {
        return GreedyEvaluator.evaluate(this, signers);
    }

    /** The canonical policy-language text, described on this class. */
    @Override
    public String toString() {
        return rule.toString();
    }
}
