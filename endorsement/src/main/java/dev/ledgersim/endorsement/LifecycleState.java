package dev.ledgersim.endorsement;

import dev.ledgersim.endorsement.simulation.CollectionAccess;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.state.StateDb;
import dev.ledgersim.ledger.state.VersionedValue;
import dev.ledgersim.ledger.validation.NamespacePolicies;
import dev.ledgersim.ledger.validation.NamespacePolicy;
import dev.ledgersim.msp.policy.Policy;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the chaincode lifecycle keeps its state, as Fabric's {@code _lifecycle} does (FABRIC.md §10.1):
 * committed definitions in the public {@code _lifecycle} namespace, each organisation's approvals in its
 * implicit private collection {@code _implicit_org_<MSPID>} (so every peer sees only their hashes), and
 * the {@link NamespacePolicies} the validator derives from them.
 */
public final class LifecycleState {

    /** The lifecycle's namespace. */
    public static final String NAMESPACE = "_lifecycle";

    private static final String IMPLICIT_PREFIX = "_implicit_org_";

    private final StateDb state;
    private final ChannelPolicies channel;
    private final Map<Bytes, NamespacePolicy> parsed = new ConcurrentHashMap<>();
    private final Map<Bytes, ChaincodeParameters> definitions = new ConcurrentHashMap<>();

    /** The lifecycle state of a channel whose world state is {@code state}. */
    public LifecycleState(StateDb state, ChannelPolicies channel) {
        this.state = state;
        this.channel = channel;
        state.cacheNamespace(NAMESPACE); // read by every endorsement and validation, written by lifecycle only
    }

    /** Key of a committed definition's parameters. */
    public static String definitionKey(String chaincode) {
        return "namespaces/fields/" + chaincode + "/Definition";
    }

    /** Key of an approval of {@code chaincode} at {@code sequence}, in the approving org's implicit collection. */
    public static String approvalKey(String chaincode, long sequence) {
        return "namespaces/fields/" + chaincode + "#" + sequence + "/Parameters";
    }

    /** The implicit collection of organisation {@code mspId}. */
    public static String implicitCollection(String mspId) {
        return IMPLICIT_PREFIX + mspId;
    }

    /** The committed parameters of {@code chaincode}, if defined; parsing is cached by the stored bytes. */
    public Optional<ChaincodeParameters> committed(String chaincode) {
        return state.get(NAMESPACE, definitionKey(chaincode))
                .map(v -> definitions.computeIfAbsent(v.value(), bytes -> ChaincodeParameters.fromJson(bytes.unsafeArray())));
    }

    /** The committed sequence of {@code chaincode}, 0 when not defined. */
    public long committedSequence(String chaincode) {
        return committed(chaincode).map(ChaincodeParameters::sequence).orElse(0L);
    }

    /**
     * What the validator checks writes against: {@code _lifecycle} under the channel's
     * LifecycleEndorsement (each implicit collection under its organisation's Endorsement policy), every
     * defined chaincode under its committed policy (or the channel's MAJORITY Endorsement) and collection
     * policies. Reads the committed state at each lookup; parsing is cached by the stored bytes.
     */
    public NamespacePolicies policies() {
        return namespace -> {
            if (namespace.equals(NAMESPACE)) {
                Map<String, Policy> implicit = new TreeMap<>();
                for (String org : channel.organizations()) {
                    implicit.put(implicitCollection(org), channel.orgPolicy(org, "Endorsement"));
                }
                return Optional.of(NamespacePolicy.of(NAMESPACE, "", channel.lifecycleEndorsement(), implicit));
            }
            Optional<VersionedValue> stored = state.get(NAMESPACE, definitionKey(namespace));
            return stored.map(v -> parsed.computeIfAbsent(v.value(), bytes -> toPolicy(ChaincodeParameters.fromJson(bytes.unsafeArray()))));
        };
    }

    /**
     * Resolves the collections simulations may use: each organisation's implicit collection
     * {@code _implicit_org_<MSPID>} (members: that organisation; anyone may write to it, as Fabric lets
     * a client send data to another organisation), and the collections of committed definitions.
     */
    public CollectionAccess.Resolver collections() {
        return (namespace, collection) -> {
            if (collection.startsWith(IMPLICIT_PREFIX)) {
                String org = collection.substring(IMPLICIT_PREFIX.length());
                if (!channel.organizations().contains(org)) {
                    return Optional.empty();
                }
                return Optional.of(new CollectionAccess(Policy.parse("OR('" + org + ".member')"), false, false));
            }
            return committed(namespace).flatMap(p -> p.collection(collection))
                    .map(c -> new CollectionAccess(c.memberOrgsPolicy(), c.memberOnlyRead(), c.memberOnlyWrite()));
        };
    }

    private NamespacePolicy toPolicy(ChaincodeParameters parameters) {
        Map<String, Policy> collections = new TreeMap<>();
        parameters.collections().forEach(c -> c.endorsementPolicy().ifPresent(p -> collections.put(c.name(), p)));
        Policy ep = parameters.explicitEndorsementPolicy().map(p -> (Policy) p).orElse(channel.endorsement());
        return NamespacePolicy.of(parameters.name(), parameters.version(), ep, collections);
    }
}
