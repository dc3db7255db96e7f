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
 * Fabric's implicit meta policy ({@code common/policies/implicitmeta.go}), e.g. {@code MAJORITY Endorsement}:
 * satisfied when {@link #threshold()} of the sub-policies named {@code subPolicyName} in the child groups
 * (typically one per organisation, keyed by MSP id) are satisfied.
 *
 * <p>Each sub-policy is evaluated independently against the full set of signers: a signer counted by
 * one organisation's policy can count again in another's (there is no {@code used} sharing across
 * sub-policies, as in Fabric). The text form is {@link Spec}; {@link Spec#bind} attaches the sub-policies.
 *
 * @param rule how many sub-policies must be satisfied
 * @param subPolicyName the name of the sub-policy in each child group, e.g. {@code Endorsement}
 * @param subPolicies the bound sub-policies by child-group name, sorted by name, unmodifiable
 */
public record ImplicitMetaPolicy(Rule rule, String subPolicyName, SortedMap<String, Policy> subPolicies)
        implements Policy {

    /** How many of the sub-policies must be satisfied. */
    public enum Rule {
        /** At least one. */
        ANY,
        /** Every one. */
        ALL,
        /** More than half: {@code count / 2 + 1} (integer division). */
        MAJORITY;

        /** The number of satisfied sub-policies required out of {@code subPolicyCount}; 0 when there are none. */
        public int threshold(int subPolicyCount) {
            if (subPolicyCount < 0) {
                throw new IllegalArgumentException("subPolicyCount " + subPolicyCount + " < 0");
            }
            if (subPolicyCount == 0) {
                // Fabric: "In the special case that there are no policies, consider 0 to be a majority or any".
                return 0;
            }
            return switch (this) {
                case ANY -> 1;
                case ALL -> subPolicyCount;
                case MAJORITY -> subPolicyCount / 2 + 1;
            };
        }
    }

    /**
     * An implicit meta policy as written, before its sub-policies are known: {@code "<RULE> <SubPolicyName>"}.
     *
     * @param rule how many sub-policies must be satisfied
     * @param subPolicyName the sub-policy name, non-empty, without spaces
     */
    public record Spec(Rule rule, String subPolicyName) {

        /**
         * Validates.
         *
         * @throws IllegalArgumentException if the name is empty or has a space (it could not be written)
         */
        public Spec {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(subPolicyName, "subPolicyName");
            if (subPolicyName.isEmpty() || subPolicyName.indexOf(' ') >= 0) {
                throw new IllegalArgumentException("invalid sub-policy name '" + subPolicyName
                        + "', expected a non-empty name without spaces");
            }
        }

        /** This rule over {@code subPolicies} (by child-group name; copied and sorted by name). */
        public ImplicitMetaPolicy bind(Map<String, ? extends Policy> subPolicies) {
            return ImplicitMetaPolicy.of(rule, subPolicyName, subPolicies);
        }

        /** The text form, e.g. {@code MAJORITY Endorsement}, which {@link ImplicitMetaPolicy#parse} reads back. */
        @Override
        public String toString() {
            return rule + " " + subPolicyName;
        }
    }

    /**
     * Validates, copies and sorts the sub-policies by name.
     *
     * @throws IllegalArgumentException if the name is empty or has a space
     */
    public ImplicitMetaPolicy {
        new Spec(rule, subPolicyName);
        TreeMap<String, Policy> copy = new TreeMap<>();
        for (Map.Entry<String, Policy> entry : subPolicies.entrySet()) {
            copy.put(Objects.requireNonNull(entry.getKey(), "sub-policy name"),
                    Objects.requireNonNull(entry.getValue(), "sub-policy"));
        }
        subPolicies = Collections.unmodifiableSortedMap(copy);
    }

    /** {@code rule subPolicyName} over {@code subPolicies} (copied and sorted by name). */
    public static ImplicitMetaPolicy of(Rule rule, String subPolicyName, Map<String, ? extends Policy> subPolicies) {
        return new ImplicitMetaPolicy(rule, subPolicyName, new TreeMap<String, Policy>(subPolicies));
    }

    /**
     * Parses {@code "<ANY|ALL|MAJORITY> <SubPolicyName>"}, as Fabric's {@code ImplicitMetaFromString}:
     * split on single spaces into exactly two tokens, the rule in upper case.
     *
     * @throws PolicyParseException with Fabric's messages {@code expected two space separated tokens, but
     *     got %d} and {@code unknown rule type '%s', expected ALL, ANY, or MAJORITY}; also for null and for
     *     an empty sub-policy name (which Fabric accepts, and which no group can define)
     */
    public static Spec parse(String text) {
        if (text == null) {
            throw new PolicyParseException("policy text is null", null, 0, "");
        }
        String[] tokens = text.split(" ", -1);
        if (tokens.length != 2) {
            throw new PolicyParseException("expected two space separated tokens, but got " + tokens.length,
                    text, 0, text);
        }
        Rule rule;
        switch (tokens[0]) {
            case "ANY" -> rule = Rule.ANY;
            case "ALL" -> rule = Rule.ALL;
            case "MAJORITY" -> rule = Rule.MAJORITY;
            default -> throw new PolicyParseException("unknown rule type '" + tokens[0]
                    + "', expected ALL, ANY, or MAJORITY", text, 0, tokens[0]);
        }
        if (tokens[1].isEmpty()) {
            throw new PolicyParseException("empty sub-policy name", text, text.length(), "");
        }
        return new Spec(rule, tokens[1]);
    }

    /** The rule and sub-policy name, without the sub-policies. */
    public Spec spec() {
        return new Spec(rule, subPolicyName);
    }

    /** How many sub-policies must be satisfied: {@code rule.threshold(subPolicies().size())}. */
    public int threshold() {
        return rule.threshold(subPolicies.size());
    }

    /** See {@link Policy#isSatisfiedBy}; each sub-policy against all signers, stopping once the threshold is met. */
    @Override
    public boolean isSatisfiedBy(List<Identity> signers) {
        List<Identity> distinct = GreedyEvaluator.distinct(signers);
        int remaining = threshold();
        for (Policy policy : subPolicies.values()) {
            if (remaining == 0) {
                break;
            }
            if (policy.isSatisfiedBy(distinct)) {
                remaining--;
            }
        }
        return remaining == 0;
    }

    /**
     * See {@link Policy#evaluate}; every sub-policy is evaluated (against all signers) so that the
     * explanation covers each. On failure the reason is Fabric's {@code implicit policy evaluation failed
     * - %d sub-policies were satisfied, but this policy requires %d of the '%s' sub-policies to be
     * satisfied}.
     */
    @Override
    public PolicyEvaluation evaluate(List<Identity> signers) {
        List<Identity> distinct = GreedyEvaluator.distinct(signers);
        TreeMap<String, PolicyEvaluation> evaluations = new TreeMap<>();
        int satisfiedCount = 0;
        for (Map.Entry<String, Policy> entry : subPolicies.entrySet()) {
            PolicyEvaluation evaluation = entry.getValue().evaluate(distinct);
            evaluations.put(entry.getKey(), evaluation);
            if (evaluation.satisfied()) {
                satisfiedCount++;
            }
        }
        int threshold = threshold();
        boolean satisfied = satisfiedCount >= threshold;
        String reason = satisfied
                ? satisfiedCount + " of the " + subPolicies.size() + " '" + subPolicyName
                        + "' sub-policies were satisfied, " + threshold + " required"
                : "implicit policy evaluation failed - " + satisfiedCount
                        + " sub-policies were satisfied, but this policy requires " + threshold + " of the '"
                        + subPolicyName + "' sub-policies to be satisfied";
        List<Optional<Principal>> matched = new ArrayList<>();
        for (int i = 0; i < distinct.size(); i++) {
            Optional<Principal> first = Optional.empty();
            for (PolicyEvaluation evaluation : evaluations.values()) {
                if (evaluation.matchedPrincipals().get(i).isPresent()) {
                    first = evaluation.matchedPrincipals().get(i);
                    break;
                }
            }
            matched.add(first);
        }
        return new PolicyEvaluation(this, satisfied, distinct, matched, signers.size() - distinct.size(), reason,
                evaluations);
    }

    /** The text form, e.g. {@code MAJORITY Endorsement} (the sub-policies are not shown). */
    @Override
    public String toString() {
        return spec().toString();
    }
}
