package dev.ledgersim.ledger.validation;

import dev.ledgersim.ledger.TxValidationCode;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvMetadataWriteHash;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.KvWriteHash;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.msp.policy.PolicyEvaluation;
import dev.ledgersim.msp.policy.PolicyParseException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Fabric's v2 endorsement-policy stage with key-level (state-based) endorsement
 * ({@code core/common/validation/statebased/validator_keylevel.go}), run sequentially over one block.
 *
 * <p>The namespaces checked are the invoked chaincode, always, plus every namespace the transaction
 * writes (public writes, metadata writes, collection writes, collection metadata writes); namespaces
 * only read are not checked. In each, every written key is checked against its committed
 * {@code VALIDATION_PARAMETER} when it has one, which then replaces the chaincode (or collection)
 * policy for that key; keys without one fall back to the collection's own policy, else the chaincode's.
 * Each policy is evaluated at most once per transaction. When nothing was evaluated in a namespace
 * (a read-only transaction) the chaincode policy is. A key whose validation parameter was written by
 * an earlier transaction of the same block that passed this stage fails the later transaction, even
 * if the earlier one later fails MVCC ({@code ValidationParameterUpdatedError}).
 *
 * <p>Validation parameters are the UTF-8 text of a signature policy in LedgerSim's canonical policy
 * syntax (Fabric stores a marshaled {@code SignaturePolicyEnvelope}; the meaning is the same).
 * Not thread-safe: one instance per block, fed in block order.
 */
public final class EndorsementPolicyValidator {

    private final NamespacePolicies policies;
    private final CommittedState state;
    private final Map<Bytes, Policy> parsedParameters = new HashMap<>();
    /** Keys whose metadata an earlier transaction of this block (valid at this stage) wrote, with that txid. */
    private final Map<String, String> metadataWrittenInBlock = new HashMap<>();

    /** A validator over the committed chaincode definitions and state. */
    public EndorsementPolicyValidator(NamespacePolicies policies, CommittedState state) {
        this.policies = Objects.requireNonNull(policies, "policies");
        this.state = Objects.requireNonNull(state, "state");
    }

    /**
     * Checks one transaction's endorsements.
     *
     * @param invokedChaincode the chaincode the proposal invoked
     * @param endorsers the endorsers whose signatures verified and whose identities are valid, in
     *     endorsement order (duplicates are ignored by the policies)
     * @return {@code VALID}, {@code INVALID_CHAINCODE} or {@code ENDORSEMENT_POLICY_FAILURE}, explained
     */
    public TxValidationResult validate(int txNum, String txId, String invokedChaincode, TxReadWriteSet rwset,
                                       List<Identity> endorsers) {
        Set<String> namespaces = new LinkedHashSet<>();
        namespaces.add(invokedChaincode);
        for (NsReadWriteSet ns : rwset.nsRwSets()) {
            if (writes(ns)) {
                namespaces.add(ns.namespace());
            }
        }
        for (String namespace : namespaces) {
            Optional<NamespacePolicy> info = policies.lookup(namespace);
            if (info.isEmpty()) {
                return result(txNum, txId, TxValidationCode.INVALID_CHAINCODE,
                        "chaincode '" + namespace + "' is not defined on this channel");
            }
            NsReadWriteSet ns = rwset.nsRwSets().stream().filter(n -> n.namespace().equals(namespace)).findFirst()
                    .orElse(null);
            String failure = checkNamespace(info.get(), ns, endorsers);
            if (failure != null) {
                return result(txNum, txId, TxValidationCode.ENDORSEMENT_POLICY_FAILURE, failure);
            }
        }
        for (NsReadWriteSet ns : rwset.nsRwSets()) {
            for (KvMetadataWrite meta : ns.rwset().metadataWrites()) {
                metadataWrittenInBlock.put(publicKey(ns.namespace(), meta.key()), txId);
            }
            for (CollectionHashedRwSet coll : ns.collectionHashedRwSets()) {
                for (KvMetadataWriteHash meta : coll.hashedRwSet().metadataWrites()) {
                    metadataWrittenInBlock.put(hashedKey(ns.namespace(), coll.collectionName(), meta.keyHash()), txId);
                }
            }
        }
        return result(txNum, txId, TxValidationCode.VALID, "");
    }

    private String checkNamespace(NamespacePolicy info, NsReadWriteSet ns, List<Identity> endorsers) {
        Set<String> evaluated = new HashSet<>();
        boolean chaincodePolicyNeeded = false;
        Set<String> collectionPoliciesNeeded = new TreeSet<>();
        if (ns != null) {
            Set<String> keys = new TreeSet<>();
            for (KvWrite write : ns.rwset().writes()) {
                keys.add(write.key());
            }
            for (KvMetadataWrite meta : ns.rwset().metadataWrites()) {
                keys.add(meta.key());
            }
            for (String key : keys) {
                String earlier = metadataWrittenInBlock.get(publicKey(ns.namespace(), key));
                if (earlier != null) {
                    return "the validation parameter of key '" + MvccValidator.printable(key) + "' of " + ns.namespace()
                            + " was updated by transaction " + earlier + " earlier in this block";
                }
                Optional<Bytes> parameter = state.metadata(ns.namespace(), key, KvMetadataEntry.VALIDATION_PARAMETER);
                if (parameter.isPresent()) {
                    String failure = evaluateParameter(parameter.get(), evaluated, endorsers,
                            "key '" + MvccValidator.printable(key) + "' of " + ns.namespace());
                    if (failure != null) {
                        return failure;
                    }
                } else {
                    chaincodePolicyNeeded = true;
                }
            }
            for (CollectionHashedRwSet coll : ns.collectionHashedRwSets()) {
                Set<Bytes> hashes = new TreeSet<>();
                for (KvWriteHash write : coll.hashedRwSet().hashedWrites()) {
                    hashes.add(write.keyHash());
                }
                for (KvMetadataWriteHash meta : coll.hashedRwSet().metadataWrites()) {
                    hashes.add(meta.keyHash());
                }
                for (Bytes hash : hashes) {
                    String where = "private key with hash " + hash.toHex() + " of " + ns.namespace() + "/"
                            + coll.collectionName();
                    String earlier = metadataWrittenInBlock.get(hashedKey(ns.namespace(), coll.collectionName(), hash));
                    if (earlier != null) {
                        return "the validation parameter of " + where + " was updated by transaction " + earlier
                                + " earlier in this block";
                    }
                    Optional<Bytes> parameter = state.hashedMetadata(ns.namespace(), coll.collectionName(), hash,
                            KvMetadataEntry.VALIDATION_PARAMETER);
                    if (parameter.isPresent()) {
                        String failure = evaluateParameter(parameter.get(), evaluated, endorsers, where);
                        if (failure != null) {
                            return failure;
                        }
                    } else if (info.collectionPolicies().containsKey(coll.collectionName())) {
                        collectionPoliciesNeeded.add(coll.collectionName());
                    } else {
                        chaincodePolicyNeeded = true;
                    }
                }
            }
        }
        for (String collection : collectionPoliciesNeeded) {
            evaluated.add("collection:" + collection);
            PolicyEvaluation evaluation = info.collectionPolicies().get(collection).evaluate(endorsers);
            if (!evaluation.satisfied()) {
                return "endorsement policy of collection " + info.namespace() + "/" + collection
                        + " is not satisfied: " + evaluation.explain();
            }
        }
        if (chaincodePolicyNeeded || evaluated.isEmpty()) {
            PolicyEvaluation evaluation = info.endorsementPolicy().evaluate(endorsers);
            if (!evaluation.satisfied()) {
                return "endorsement policy of chaincode " + info.namespace() + " is not satisfied: " + evaluation.explain();
            }
        }
        return null;
    }

    private String evaluateParameter(Bytes parameter, Set<String> evaluated, List<Identity> endorsers, String where) {
        if (!evaluated.add("key-level:" + parameter.toHex())) {
            return null;
        }
        Policy policy = parsedParameters.get(parameter);
        if (policy == null) {
            try {
                policy = Policy.parse(parameter.toUtf8());
            } catch (PolicyParseException e) {
                return "the key-level validation parameter of " + where + " is not a valid policy: " + e.getMessage();
            }
            parsedParameters.put(parameter, policy);
        }
        PolicyEvaluation evaluation = policy.evaluate(endorsers);
        return evaluation.satisfied() ? null
                : "key-level endorsement policy of " + where + " is not satisfied: " + evaluation.explain();
    }

    private static boolean writes(NsReadWriteSet ns) {
        if (!ns.rwset().writes().isEmpty() || !ns.rwset().metadataWrites().isEmpty()) {
            return true;
        }
        for (CollectionHashedRwSet coll : ns.collectionHashedRwSets()) {
            if (!coll.hashedRwSet().hashedWrites().isEmpty() || !coll.hashedRwSet().metadataWrites().isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static String publicKey(String namespace, String key) {
        return namespace + '\u0000' + key;
    }

    private static String hashedKey(String namespace, String collection, Bytes hash) {
        return namespace + '\u0000' + collection + '\u0000' + hash.toHex();
    }

    private static TxValidationResult result(int txNum, String txId, TxValidationCode code, String detail) {
        return new TxValidationResult(txNum, txId, code, detail);
    }
}
