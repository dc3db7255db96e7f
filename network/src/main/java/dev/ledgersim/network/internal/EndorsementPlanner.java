package dev.ledgersim.network.internal;

import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.CollectionHashedRwSet;
import dev.ledgersim.ledger.protocol.KvMetadataEntry;
import dev.ledgersim.ledger.protocol.KvMetadataWrite;
import dev.ledgersim.ledger.protocol.KvWrite;
import dev.ledgersim.ledger.protocol.KvWriteHash;
import dev.ledgersim.ledger.protocol.NsReadWriteSet;
import dev.ledgersim.ledger.protocol.TxReadWriteSet;
import dev.ledgersim.ledger.state.StateDb;
import dev.ledgersim.ledger.state.VersionedValue;
import dev.ledgersim.ledger.validation.NamespacePolicies;
import dev.ledgersim.ledger.validation.NamespacePolicy;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.msp.policy.PolicyParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses which organisations must endorse a transaction, as Fabric Gateway does from the first
 * endorsement's rw-set: the policies of the invoked chaincode and of every namespace written, of the
 * collections written that have their own policy, and the key-level policies of written keys that have
 * one (a namespace whose written keys all carry key-level policies needs only those). It returns the
 * smallest set of organisations — trying the gateway's own organisation first, then the others in name
 * order — such that one peer of each satisfies every policy.
 */
final class EndorsementPlanner {

    private EndorsementPlanner() {
    }

    static List<String> plan(NamespacePolicies policies, StateDb state, String chaincode, TxReadWriteSet rwset,
                             Identity self, Directory directory, List<String> channelOrgs) {
        List<Policy> required = requiredPolicies(policies, state, chaincode, rwset);
        List<String> orgs = new ArrayList<>();
        if (channelOrgs.contains(self.mspId())) {
            orgs.add(self.mspId());
        }
        channelOrgs.stream().filter(o -> !o.equals(self.mspId()) && !directory.peersOf(o).isEmpty()).forEach(orgs::add);
        int n = orgs.size();
        for (int size = 1; size <= n; size++) {
            for (List<String> subset : combinations(orgs, size)) {
                List<Identity> signers = new ArrayList<>();
                for (String org : subset) {
                    signers.add(org.equals(self.mspId()) ? self : directory.peersOf(org).get(0).identity());
                }
                if (required.stream().allMatch(p -> p.isSatisfiedBy(signers))) {
                    return subset;
                }
            }
        }
        return orgs;
    }

    private static List<Policy> requiredPolicies(NamespacePolicies policies, StateDb state, String chaincode,
                                                 TxReadWriteSet rwset) {
        Set<Policy> required = new LinkedHashSet<>();
        boolean invokedSeen = false;
        for (NsReadWriteSet ns : rwset.nsRwSets()) {
            Optional<NamespacePolicy> info = policies.lookup(ns.namespace());
            if (info.isEmpty()) {
                continue;
            }
            boolean writes = false;
            boolean needsChaincodePolicy = false;
            Set<String> keys = new LinkedHashSet<>();
            ns.rwset().writes().stream().map(KvWrite::key).forEach(keys::add);
            ns.rwset().metadataWrites().stream().map(KvMetadataWrite::key).forEach(keys::add);
            for (String key : keys) {
                writes = true;
                Optional<Policy> keyPolicy = parameter(state.get(ns.namespace(), key));
                if (keyPolicy.isPresent()) {
                    required.add(keyPolicy.get());
                } else {
                    needsChaincodePolicy = true;
                }
            }
            for (CollectionHashedRwSet coll : ns.collectionHashedRwSets()) {
                for (KvWriteHash write : coll.hashedRwSet().hashedWrites()) {
                    writes = true;
                    Optional<Policy> keyPolicy = parameter(state.getHashed(ns.namespace(), coll.collectionName(), write.keyHash()));
                    if (keyPolicy.isPresent()) {
                        required.add(keyPolicy.get());
                    } else if (info.get().collectionPolicies().containsKey(coll.collectionName())) {
                        required.add(info.get().collectionPolicies().get(coll.collectionName()));
                    } else {
                        needsChaincodePolicy = true;
                    }
                }
            }
            boolean invoked = ns.namespace().equals(chaincode);
            invokedSeen |= invoked;
            if (needsChaincodePolicy || (invoked && !writes)) {
                required.add(info.get().endorsementPolicy());
            }
        }
        if (!invokedSeen) {
            policies.lookup(chaincode).ifPresent(info -> required.add(info.endorsementPolicy()));
        }
        return new ArrayList<>(required);
    }

    private static Optional<Policy> parameter(Optional<VersionedValue> value) {
        Bytes vp = value.map(v -> v.metadata().get(KvMetadataEntry.VALIDATION_PARAMETER)).orElse(null);
        if (vp == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Policy.parse(vp.toUtf8()));
        } catch (PolicyParseException e) {
            return Optional.empty();
        }
    }

    /** The subsets of {@code items} of {@code size}, in lexicographic order of positions. */
    private static List<List<String>> combinations(List<String> items, int size) {
        List<List<String>> out = new ArrayList<>();
        combine(items, size, 0, new ArrayList<>(), out);
        return out;
    }

    private static void combine(List<String> items, int size, int start, List<String> current, List<List<String>> out) {
        if (current.size() == size) {
            out.add(List.copyOf(current));
            return;
        }
        for (int i = start; i < items.size(); i++) {
            current.add(items.get(i));
            combine(items, size, i + 1, current, out);
            current.remove(current.size() - 1);
        }
    }
}
