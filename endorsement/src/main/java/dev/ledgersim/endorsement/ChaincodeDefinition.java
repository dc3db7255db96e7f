package dev.ledgersim.endorsement;

import dev.ledgersim.contract.ContractInterface;
import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.msp.policy.PolicyParseException;
import dev.ledgersim.msp.policy.SignaturePolicy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A chaincode as the lifecycle defines it on a channel: name, version, sequence, endorsement policy
 * and private data collections — what each organisation approves — plus the contract classes that run
 * it (the "installed package", which stays on the peers and is not part of what is approved).
 *
 * <p>Names, versions and sequences follow Fabric's rules (FABRIC.md §10.5). Without an explicit
 * endorsement policy the chaincode uses the channel's {@code /Channel/Application/Endorsement} policy
 * (MAJORITY Endorsement).
 */
public final class ChaincodeDefinition {

    private static final Pattern NAME = Pattern.compile("^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$");
    private static final Pattern VERSION = Pattern.compile("^[A-Za-z0-9_.+-]+$");

    private final String name;
    private final String version;
    private final long sequence;
    private final SignaturePolicy endorsementPolicy;
    private final SortedMap<String, CollectionConfig> collections;
    private final List<Supplier<? extends ContractInterface>> contracts;

    private ChaincodeDefinition(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.sequence = b.sequence;
        this.endorsementPolicy = b.endorsementPolicy;
        this.collections = Collections.unmodifiableSortedMap(new TreeMap<>(b.collections));
        this.contracts = List.copyOf(b.contracts);
    }

    /**
     * A builder for chaincode {@code name} running {@code contracts} (one factory per contract class;
     * a new instance serves each invocation).
     */
    @SafeVarargs
    public static Builder builder(String name, Supplier<? extends ContractInterface>... contracts) {
        List<Supplier<? extends ContractInterface>> list = new ArrayList<>(contracts.length);
        for (Supplier<? extends ContractInterface> contract : contracts) {
            list.add(contract);
        }
        return new Builder(name, list);
    }

    /** The chaincode name (its namespace in the world state). */
    public String name() {
        return name;
    }

    /** The definition's version label. */
    public String version() {
        return version;
    }

    /** The definition's sequence: 1 for the first definition, +1 per upgrade. */
    public long sequence() {
        return sequence;
    }

    /** The explicit endorsement policy, if any (else the channel's MAJORITY Endorsement). */
    public Optional<SignaturePolicy> endorsementPolicy() {
        return Optional.ofNullable(endorsementPolicy);
    }

    /** The private data collections, by name. */
    public SortedMap<String, CollectionConfig> collections() {
        return collections;
    }

    /** The contract factories. */
    public List<Supplier<? extends ContractInterface>> contracts() {
        return contracts;
    }

    /** This definition with another version and sequence (an upgrade). */
    public ChaincodeDefinition withVersionAndSequence(String newVersion, long newSequence) {
        Builder b = new Builder(name, contracts).version(newVersion).sequence(newSequence);
        b.endorsementPolicy = endorsementPolicy;
        b.collections.putAll(collections);
        return b.build();
    }

    /** What organisations approve and the channel commits: everything but the contract classes. */
    public ChaincodeParameters parameters() {
        return new ChaincodeParameters(name, version, sequence, endorsementPolicy, List.copyOf(collections.values()));
    }

    @Override
    public String toString() {
        return "ChaincodeDefinition[" + new String(parameters().toJson(), java.nio.charset.StandardCharsets.UTF_8) + "]";
    }

    /** Collects a definition; {@link #build} validates it. */
    public static final class Builder {
        private final String name;
        private final List<Supplier<? extends ContractInterface>> contracts;
        private String version = "1.0";
        private long sequence = 1;
        private SignaturePolicy endorsementPolicy;
        private final SortedMap<String, CollectionConfig> collections = new TreeMap<>();

        private Builder(String name, List<Supplier<? extends ContractInterface>> contracts) {
            this.name = Objects.requireNonNull(name, "name");
            this.contracts = new ArrayList<>(contracts);
        }

        /** The version label (default {@code 1.0}). */
        public Builder version(String value) {
            this.version = Objects.requireNonNull(value, "version");
            return this;
        }

        /** The sequence (default 1). */
        public Builder sequence(long value) {
            this.sequence = value;
            return this;
        }

        /**
         * The endorsement policy, e.g. {@code AND('Org1MSP.peer','Org2MSP.peer')}.
         *
         * @throws IllegalArgumentException with the parser's explanation when it does not parse
         */
        public Builder endorsementPolicy(String policy) {
            try {
                this.endorsementPolicy = Policy.parse(policy);
            } catch (PolicyParseException e) {
                throw new IllegalArgumentException("chaincode '" + name + "': invalid endorsement policy: " + e.getMessage(), e);
            }
            return this;
        }

        /** Adds a private data collection; names must be unique. */
        public Builder collection(CollectionConfig collection) {
            if (collections.putIfAbsent(collection.name(), collection) != null) {
                throw new IllegalArgumentException("chaincode '" + name + "' defines collection '" + collection.name()
                        + "' twice");
            }
            return this;
        }

        /**
         * The validated definition.
         *
         * @throws IllegalArgumentException naming the rule broken
         */
        public ChaincodeDefinition build() {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("invalid chaincode name '" + name
                        + "': must match ^[a-zA-Z0-9]+([-_][a-zA-Z0-9]+)*$");
            }
            if (!VERSION.matcher(version).matches()) {
                throw new IllegalArgumentException("invalid chaincode version '" + version + "' for '" + name
                        + "': must match ^[A-Za-z0-9_.+-]+$");
            }
            if (sequence < 1) {
                throw new IllegalArgumentException("chaincode '" + name + "': sequence must be at least 1, got " + sequence);
            }
            if (contracts.isEmpty()) {
                throw new IllegalArgumentException("chaincode '" + name + "' needs at least one contract class");
            }
            return new ChaincodeDefinition(this);
        }
    }
}
