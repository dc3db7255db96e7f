package dev.ledgersim.msp.policy;

import dev.ledgersim.msp.Identity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Evaluates a signature policy's rule tree the way Fabric's {@code common/cauthdsl/cauthdsl.go} does.
 *
 * <p>This is deliberately greedy and does not backtrack, to reproduce Fabric: a policy that some
 * assignment of signers to principals would satisfy can still fail here, exactly as it fails on a
 * Fabric peer. Example: {@code AND('Org1MSP.member', 'Org1MSP.peer')} signed by {@code [peer1, client1]}
 * in that order. {@code 'Org1MSP.member'} takes {@code peer1} (the first unused signer that is a
 * member); {@code 'Org1MSP.peer'} then finds no unused peer and fails, although {@code peer1 -> peer},
 * {@code client1 -> member} would satisfy the policy. Signed by {@code [client1, peer1]} it passes.
 * Do not "fix" this: endorsement outcomes must match Fabric's.
 *
 * <p>The {@code used} array records, per signer, the principal that counted it (null: not counted),
 * which is Fabric's {@code []bool used} plus what the explanation needs.
 */
final class GreedyEvaluator {

    private final List<Identity> signers;
    private final boolean explaining;

    private GreedyEvaluator(List<Identity> signers, boolean explaining) {
        this.signers = signers;
        this.explaining = explaining;
    }

    /** The signers without repeats, first occurrence kept (Fabric de-duplicates by MSP id + identity id). */
    static List<Identity> distinct(List<Identity> signers) {
        Objects.requireNonNull(signers, "signers");
        Set<Identity> seen = new LinkedHashSet<>();
        for (Identity signer : signers) {
            seen.add(Objects.requireNonNull(signer, "a signer is null"));
        }
        return List.copyOf(seen);
    }

    static boolean isSatisfied(PolicyRule rule, List<Identity> distinctSigners) {
        GreedyEvaluator evaluator = new GreedyEvaluator(distinctSigners, false);
        return evaluator.evaluate(rule, new Principal[distinctSigners.size()], null);
    }

    static PolicyEvaluation evaluate(SignaturePolicy policy, List<Identity> signers) {
        List<Identity> distinct = distinct(signers);
        GreedyEvaluator evaluator = new GreedyEvaluator(distinct, true);
        Principal[] used = new Principal[distinct.size()];
        List<String> failures = new ArrayList<>();
        PolicyRule.NOutOf top = policy.rule();
        int count = evaluator.countSatisfied(top, used, failures);
        boolean satisfied = count >= top.n();
        StringBuilder reason = new StringBuilder(summary(top, count));
        if (!satisfied) {
            for (String failure : failures) {
                reason.append("; ").append(failure);
            }
        }
        List<Optional<Principal>> matched = new ArrayList<>();
        for (Principal principal : used) {
            matched.add(Optional.ofNullable(principal));
        }
        return new PolicyEvaluation(policy, satisfied, distinct, matched, signers.size() - distinct.size(),
                reason.toString(), new TreeMap<>());
    }

    /**
     * Fabric's {@code NOutOf}: every sub-rule, in order, on a scratch copy of {@code used}, committed
     * only when the sub-rule succeeds. No early exit once the threshold is met: later sub-rules still
     * consume signers, as in Fabric.
     */
    private int countSatisfied(PolicyRule.NOutOf gate, Principal[] used, List<String> failures) {
        int count = 0;
        for (PolicyRule child : gate.rules()) {
            Principal[] scratch = used.clone();
            StringBuilder why = explaining ? new StringBuilder() : null;
            if (evaluate(child, scratch, why)) {
                count++;
                System.arraycopy(scratch, 0, used, 0, used.length);
            } else if (why != null) {
                failures.add(why.toString());
            }
        }
        return count;
    }

    /** Evaluates {@code rule}, marking the signers it counts in {@code used}; on failure explains into {@code why}. */
    private boolean evaluate(PolicyRule rule, Principal[] used, StringBuilder why) {
        if (rule instanceof PolicyRule.SignedBy signedBy) {
            Principal principal = signedBy.principal();
            // Fabric's SignedBy: the first signer, in order, not used yet and satisfying the principal.
            for (int i = 0; i < used.length; i++) {
                if (used[i] == null && principal.isSatisfiedBy(signers.get(i))) {
                    used[i] = principal;
                    return true;
                }
            }
            if (why != null) {
                why.append(unmatched(principal, used));
            }
            return false;
        }
        PolicyRule.NOutOf gate = (PolicyRule.NOutOf) rule;
        List<String> failures = why != null ? new ArrayList<>() : null;
        int count = countSatisfied(gate, used, failures);
        boolean satisfied = count >= gate.n();
        if (!satisfied && why != null) {
            why.append(gate).append(" failed [").append(summary(gate, count));
            for (String failure : failures) {
                why.append("; ").append(failure);
            }
            why.append(']');
        }
        return satisfied;
    }

    private String unmatched(Principal principal, Principal[] used) {
        StringBuilder out = new StringBuilder().append(principal).append(" matched no unused signer");
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < used.length; i++) {
            if (used[i] != null && principal.isSatisfiedBy(signers.get(i))) {
                taken.add(signers.get(i) + " already counted for " + used[i]);
            }
        }
        if (!taken.isEmpty()) {
            out.append(" (").append(String.join(", ", taken)).append(')');
        }
        return out.toString();
    }

    private static String summary(PolicyRule.NOutOf gate, int count) {
        String text = count + " of " + gate.n() + " required sub-rules satisfied";
        if (gate.n() > gate.rules().size()) {
            text += " (the gate has only " + gate.rules().size() + ", so it can never be satisfied)";
        }
        return text;
    }
}
