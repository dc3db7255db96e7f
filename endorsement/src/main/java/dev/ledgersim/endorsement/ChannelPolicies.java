package dev.ledgersim.endorsement;

import dev.ledgersim.msp.policy.ImplicitMetaPolicy;
import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.msp.policy.SignaturePolicy;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The application policies of a channel, as Fabric's {@code configtx.yaml} defines them for the
 * fabric-samples test network: per organisation {@code Readers OR('X.admin','X.peer','X.client')},
 * {@code Writers OR('X.admin','X.client')}, {@code Admins OR('X.admin')}, {@code Endorsement
 * OR('X.peer')}; for the channel {@code Readers = ANY Readers}, {@code Writers = ANY Writers},
 * {@code Admins = MAJORITY Admins}, {@code Endorsement = MAJORITY Endorsement} and
 * {@code LifecycleEndorsement = MAJORITY Endorsement} (FABRIC.md §5.5).
 *
 * @param orgPolicies per organisation MSP id: its policies by name (Readers, Writers, Admins, Endorsement)
 */
public record ChannelPolicies(SortedMap<String, SortedMap<String, SignaturePolicy>> orgPolicies) {

    /** Validates and copies. */
    public ChannelPolicies {
        SortedMap<String, SortedMap<String, SignaturePolicy>> copy = new TreeMap<>();
        orgPolicies.forEach((org, policies) -> copy.put(org, Collections.unmodifiableSortedMap(new TreeMap<>(policies))));
        orgPolicies = Collections.unmodifiableSortedMap(copy);
        for (Map.Entry<String, SortedMap<String, SignaturePolicy>> org : orgPolicies.entrySet()) {
            for (String name : List.of("Readers", "Writers", "Admins", "Endorsement")) {
                Objects.requireNonNull(org.getValue().get(name), "organisation " + org.getKey() + " lacks a " + name + " policy");
            }
        }
    }

    /** The test-network policies for the member organisations {@code mspIds}. */
    public static ChannelPolicies standard(List<String> mspIds) {
        SortedMap<String, SortedMap<String, SignaturePolicy>> orgs = new TreeMap<>();
        for (String msp : mspIds) {
            SortedMap<String, SignaturePolicy> p = new TreeMap<>();
            p.put("Readers", Policy.parse("OR('" + msp + ".admin', '" + msp + ".peer', '" + msp + ".client')"));
            p.put("Writers", Policy.parse("OR('" + msp + ".admin', '" + msp + ".client')"));
            p.put("Admins", Policy.parse("OR('" + msp + ".admin')"));
            p.put("Endorsement", Policy.parse("OR('" + msp + ".peer')"));
            if (orgs.put(msp, p) != null) {
                throw new IllegalArgumentException("organisation " + msp + " is listed twice");
            }
        }
        return new ChannelPolicies(orgs);
    }

    /** The member organisations' MSP ids, sorted. */
    public List<String> organizations() {
        return List.copyOf(orgPolicies.keySet());
    }

    /** {@code /Channel/Application/Readers}: ANY Readers. */
    public Policy readers() {
        return meta(ImplicitMetaPolicy.Rule.ANY, "Readers");
    }

    /** {@code /Channel/Application/Writers}: ANY Writers. */
    public Policy writers() {
        return meta(ImplicitMetaPolicy.Rule.ANY, "Writers");
    }

    /** {@code /Channel/Application/Admins}: MAJORITY Admins. */
    public Policy admins() {
        return meta(ImplicitMetaPolicy.Rule.MAJORITY, "Admins");
    }

    /** {@code /Channel/Application/Endorsement}: MAJORITY Endorsement, the default chaincode policy. */
    public Policy endorsement() {
        return meta(ImplicitMetaPolicy.Rule.MAJORITY, "Endorsement");
    }

    /** {@code /Channel/Application/LifecycleEndorsement}: MAJORITY Endorsement. */
    public Policy lifecycleEndorsement() {
        return endorsement();
    }

    /** Organisation {@code mspId}'s policy {@code name}. */
    public SignaturePolicy orgPolicy(String mspId, String name) {
        SortedMap<String, SignaturePolicy> org = orgPolicies.get(mspId);
        if (org == null) {
            throw new IllegalArgumentException("organisation " + mspId + " is not a member of this channel (members: "
                    + organizations() + ")");
        }
        return org.get(name);
    }

    private Policy meta(ImplicitMetaPolicy.Rule rule, String name) {
        SortedMap<String, Policy> subs = new TreeMap<>();
        orgPolicies.forEach((org, policies) -> subs.put(org, policies.get(name)));
        return ImplicitMetaPolicy.of(rule, name, subs);
    }
}
