package dev.ledgersim.endorsement;

import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.msp.policy.PolicyParseException;
import dev.ledgersim.msp.policy.PolicyRule;
import dev.ledgersim.msp.policy.SignaturePolicy;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A private data collection of a chaincode (Fabric's {@code StaticCollectionConfig}): which
 * organisations hold the data, how widely it is pushed at endorsement, how long it lives, who may read
 * and write it, and optionally its own endorsement policy. Built with {@link #builder}, validated with
 * Fabric's rules and messages (FABRIC.md §6.1) when built.
 */
public final class CollectionConfig {

    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$");

    private final String name;
    private final SignaturePolicy memberOrgsPolicy;
    private final int requiredPeerCount;
    private final int maxPeerCount;
    private final long blockToLive;
    private final boolean memberOnlyRead;
    private final boolean memberOnlyWrite;
    private final SignaturePolicy endorsementPolicy;

    private CollectionConfig(Builder b) {
        this.name = b.name;
        this.memberOrgsPolicy = b.memberOrgsPolicy;
        this.requiredPeerCount = b.requiredPeerCount;
        this.maxPeerCount = b.maxPeerCount;
        this.blockToLive = b.blockToLive;
        this.memberOnlyRead = b.memberOnlyRead;
        this.memberOnlyWrite = b.memberOnlyWrite;
        this.endorsementPolicy = b.endorsementPolicy;
    }

    /** A builder for collection {@code name}. */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** The collection name. */
    public String name() {
        return name;
    }

    /** Which organisations are members: an OR of principals. */
    public SignaturePolicy memberOrgsPolicy() {
        return memberOrgsPolicy;
    }

    /** How many other member peers must acknowledge the private data before endorsement succeeds. */
    public int requiredPeerCount() {
        return requiredPeerCount;
    }

    /** How many other member peers the endorser pushes the private data to, at most. */
    public int maxPeerCount() {
        return maxPeerCount;
    }

    /** Blocks after which the data is purged; 0 = never. */
    public long blockToLive() {
        return blockToLive;
    }

    /** Whether only members may read it through the chaincode. */
    public boolean memberOnlyRead() {
        return memberOnlyRead;
    }

    /** Whether only members may write it through the chaincode. */
    public boolean memberOnlyWrite() {
        return memberOnlyWrite;
    }

    /** The collection's own endorsement policy, replacing the chaincode's for its writes. */
    public Optional<SignaturePolicy> endorsementPolicy() {
        return Optional.ofNullable(endorsementPolicy);
    }

    /** A canonical text of every setting, used to compare definitions between organisations. */
    public String canonicalText() {
        return "collection{name=" + name + ",members=" + memberOrgsPolicy + ",required=" + requiredPeerCount
                + ",max=" + maxPeerCount + ",btl=" + blockToLive + ",memberOnlyRead=" + memberOnlyRead
                + ",memberOnlyWrite=" + memberOnlyWrite + ",ep=" + (endorsementPolicy == null ? "" : endorsementPolicy) + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CollectionConfig other && canonicalText().equals(other.canonicalText());
    }

    @Override
    public int hashCode() {
        return canonicalText().hashCode();
    }

    @Override
    public String toString() {
        return canonicalText();
    }

    /** Collects the settings; {@link #build} validates them. */
    public static final class Builder {
        private final String name;
        private SignaturePolicy memberOrgsPolicy;
        private int requiredPeerCount;
        private int maxPeerCount = 1;
        private long blockToLive;
        private boolean memberOnlyRead;
        private boolean memberOnlyWrite;
        private SignaturePolicy endorsementPolicy;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** The member organisations, e.g. {@code OR('Org1MSP.member', 'Org2MSP.member')}: only ORs allowed. */
        public Builder memberOrgsPolicy(String policy) {
            this.memberOrgsPolicy = parse(policy, "member orgs policy");
            return this;
        }

        /** Minimum peers that must receive the data at endorsement (default 0). */
        public Builder requiredPeerCount(int count) {
            this.requiredPeerCount = count;
            return this;
        }

        /** Maximum peers the data is pushed to at endorsement (default 1). */
        public Builder maxPeerCount(int count) {
            this.maxPeerCount = count;
            return this;
        }

        /** Blocks the data lives after the block that wrote it; 0 (the default) means forever. */
        public Builder blockToLive(long blocks) {
            this.blockToLive = blocks;
            return this;
        }

        /** Only members may read through the chaincode (default false). */
        public Builder memberOnlyRead(boolean value) {
            this.memberOnlyRead = value;
            return this;
        }

        /** Only members may write through the chaincode (default false). */
        public Builder memberOnlyWrite(boolean value) {
            this.memberOnlyWrite = value;
            return this;
        }

        /** The collection's own endorsement policy (a signature policy). */
        public Builder endorsementPolicy(String policy) {
            this.endorsementPolicy = parse(policy, "endorsement policy");
            return this;
        }

        /**
         * The validated collection.
         *
         * @throws IllegalArgumentException naming the collection and the rule it breaks
         */
        public CollectionConfig build() {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("collection name '" + name
                        + "' must match ^[A-Za-z0-9-]+([A-Za-z0-9_-]+)*$ (and cannot start with '_')");
            }
            if (memberOrgsPolicy == null) {
                throw new IllegalArgumentException("collection '" + name + "' needs a member orgs policy");
            }
            if (!isOrOnly(memberOrgsPolicy.rule())) {
                throw new IllegalArgumentException("collection '" + name + "': the member orgs policy " + memberOrgsPolicy
                        + " must be an OR of principals (every gate must need exactly one of its members)");
            }
            if (requiredPeerCount < 0) {
                throw new IllegalArgumentException("collection '" + name + "': requiredPeerCount (" + requiredPeerCount
                        + ") cannot be less than zero");
            }
            if (maxPeerCount < requiredPeerCount) {
                throw new IllegalArgumentException("collection '" + name + "': maximum peer count (" + maxPeerCount
                        + ") cannot be less than the required peer count (" + requiredPeerCount + ")");
            }
            if (blockToLive < 0) {
                throw new IllegalArgumentException("collection '" + name + "': blockToLive cannot be negative, got " + blockToLive);
            }
            return new CollectionConfig(this);
        }

        private SignaturePolicy parse(String policy, String what) {
            try {
                return Policy.parse(policy);
            } catch (PolicyParseException e) {
                throw new IllegalArgumentException("collection '" + name + "': invalid " + what + ": " + e.getMessage(), e);
            }
        }

        private static boolean isOrOnly(PolicyRule rule) {
            if (rule instanceof PolicyRule.NOutOf gate) {
                return gate.n() == 1 && gate.rules().stream().allMatch(Builder::isOrOnly);
            }
            return true;
        }
    }
}
