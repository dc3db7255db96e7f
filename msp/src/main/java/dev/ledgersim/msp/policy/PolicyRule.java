package dev.ledgersim.msp.policy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A node of a signature policy's rule tree: Fabric's {@code SignaturePolicy} ({@code SignedBy} or
 * {@code NOutOf}). Records, so equality is structural: {@code AND('A.member', 'B.member')} and
 * {@code OutOf(2, 'A.member', 'B.member')} are the same rule.
 *
 * <p>{@link #toString()} gives the canonical policy-language text described on {@link SignaturePolicy}.
 */
public sealed interface PolicyRule permits PolicyRule.SignedBy, PolicyRule.NOutOf {

    /**
     * Satisfied by one signer, not yet counted elsewhere in the policy, that satisfies {@code principal}.
     *
     * @param principal the principal a signer must satisfy
     */
    record SignedBy(Principal principal) implements PolicyRule {

        /** Checks that the principal is present. */
        public SignedBy {
            Objects.requireNonNull(principal, "principal");
        }

        /** The quoted principal, e.g. {@code 'Org1MSP.peer'}. */
        @Override
        public String toString() {
            return principal.toString();
        }
    }

    /**
     * Satisfied when at least {@code n} of {@code rules} are satisfied, evaluated in order (see
     * {@link Policy#evaluate}).
     *
     * @param n the threshold: from 0 (always satisfied) to {@code rules.size() + 1} (never satisfied,
     *     Fabric's idiom for "nobody may write this key")
     * @param rules the sub-rules, at least one, in evaluation order
     */
    record NOutOf(int n, List<PolicyRule> rules) implements PolicyRule {

        /**
         * Validates and copies.
         *
         * @throws IllegalArgumentException if {@code rules} is empty, or {@code n} is negative or above
         *     {@code rules.size() + 1}, with Fabric's message {@code invalid t-out-of-n predicate, t %d, n %d}
         */
        public NOutOf {
            rules = List.copyOf(rules);
            if (rules.isEmpty()) {
                throw new IllegalArgumentException("a gate needs at least one sub-rule");
            }
            if (n < 0 || n > rules.size() + 1) {
                throw new IllegalArgumentException("invalid t-out-of-n predicate, t " + n + ", n " + rules.size());
            }
        }

        /**
         * The canonical text: {@code OR(..)} when {@code n == 1}, else {@code AND(..)} when {@code n} is
         * the number of sub-rules, else {@code OutOf(n, ..)}; arguments separated by {@code ", "}.
         */
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            if (n == 1) {
                out.append("OR(");
            } else if (n == rules.size()) {
                out.append("AND(");
            } else {
                out.append("OutOf(").append(n).append(", ");
            }
            for (int i = 0; i < rules.size(); i++) {
                if (i > 0) {
                    out.append(", ");
                }
                out.append(rules.get(i));
            }
            return out.append(')').toString();
        }
    }

    /** {@code SignedBy(principal)}. */
    static SignedBy signedBy(Principal principal) {
        return new SignedBy(principal);
    }

    /** {@code AND(rules..)}: all of {@code rules}, i.e. {@code OutOf(rules.length, rules..)}. */
    static NOutOf and(PolicyRule... rules) {
        return new NOutOf(rules.length, Arrays.asList(rules));
    }

    /** {@code OR(rules..)}: any one of {@code rules}, i.e. {@code OutOf(1, rules..)}. */
    static NOutOf or(PolicyRule... rules) {
        return new NOutOf(1, Arrays.asList(rules));
    }

    /** {@code OutOf(n, rules..)}. */
    static NOutOf outOf(int n, PolicyRule... rules) {
        return new NOutOf(n, Arrays.asList(rules));
    }
}
