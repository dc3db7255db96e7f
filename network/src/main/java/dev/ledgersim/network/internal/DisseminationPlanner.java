package dev.ledgersim.network.internal;

import dev.ledgersim.ledger.codec.CollectionPvtReadWriteSet;
import dev.ledgersim.ledger.codec.NsPvtReadWriteSet;
import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.msp.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Chooses the peers an endorser pushes a transaction's private data to, as Fabric's
 * {@code gossip/privdata/distributor.go disseminationPlanForMsg} does (FABRIC.md §6.2). A pure function
 * of the private rw-set, the collections, the known peers and the random source.
 *
 * <p>For each collection written, in rw-set order:
 * <ol>
 *   <li>the eligible peers are the other channel peers whose identity satisfies the collection's
 *       member policy; fewer than {@code requiredPeerCount} fails the whole plan with
 *       "required to disseminate to at least %d peers, but know of only %d eligible peers";</li>
 *   <li>phase 1: one random peer of each eligible organisation (in MSP id order), until
 *       {@code maxPeerCount} peers are chosen;</li>
 *   <li>phase 2: further random peers among the rest, up to {@code maxPeerCount};</li>
 *   <li>the first {@code requiredPeerCount} pushes must be acknowledged, the others are fire and forget.</li>
 * </ol>
 * A collection with {@code maxPeerCount == 0} is pushed to nobody.
 */
final class DisseminationPlanner {

    private DisseminationPlanner() {
    }

    /**
     * What dissemination needs of a collection.
     *
     * @param memberOrgsPolicy who is a member
     * @param requiredPeerCount how many pushes must be acknowledged
     * @param maxPeerCount how many peers at most receive the data
     */
    record CollectionPolicy(Policy memberOrgsPolicy, int requiredPeerCount, int maxPeerCount) {
        /** Validates. */
        CollectionPolicy {
            Objects.requireNonNull(memberOrgsPolicy, "memberOrgsPolicy");
            if (requiredPeerCount < 0 || maxPeerCount < requiredPeerCount) {
                throw new IllegalArgumentException("invalid peer counts: required " + requiredPeerCount + ", max " + maxPeerCount);
            }
        }
    }

    /** Looks a collection's dissemination policy up; empty when the collection is unknown. */
    @FunctionalInterface
    interface Collections {
        Optional<CollectionPolicy> policy(String namespace, String collection);
    }

    /**
     * One planned push: {@code peer} receives {@code collection} of {@code namespace}.
     *
     * @param required whether its acknowledgement is needed for the endorsement to succeed
     */
    record Push(String peer, String namespace, String collection, boolean required) {
    }

    /**
     * The plan: the pushes, or why there is none.
     *
     * @param pushes every push, collection by collection
     * @param failure Fabric's message when the plan cannot be made
     */
    record Plan(List<Push> pushes, Optional<String> failure) {
        /** Copies. */
        Plan {
            pushes = List.copyOf(pushes);
            Objects.requireNonNull(failure, "failure");
        }
    }

    /**
     * The dissemination plan of {@code privateData}.
     *
     * @param candidates the channel's other peers, in directory order (the endorser itself excluded)
     */
    static Plan plan(TxPvtReadWriteSet privateData, Collections collections, List<Directory.PeerEntry> candidates,
                     RandomGenerator random) {
        List<Push> pushes = new ArrayList<>();
        for (NsPvtReadWriteSet ns : privateData.nsPvtRwSets()) {
            for (CollectionPvtReadWriteSet coll : ns.collectionPvtRwSets()) {
                Optional<CollectionPolicy> found = collections.policy(ns.namespace(), coll.collectionName());
                if (found.isEmpty()) {
                    return new Plan(List.of(), Optional.of("collection " + coll.collectionName() + " of chaincode "
                            + ns.namespace() + " is not defined"));
                }
                CollectionPolicy policy = found.get();
                SortedMap<String, List<String>> byOrg = new TreeMap<>();
                int eligible = 0;
                for (Directory.PeerEntry peer : candidates) {
                    if (policy.memberOrgsPolicy().isSatisfiedBy(List.of(peer.identity()))) {
                        byOrg.computeIfAbsent(peer.identity().mspId(), o -> new ArrayList<>()).add(peer.name());
                        eligible++;
                    }
                }
                if (eligible < policy.requiredPeerCount()) {
                    return new Plan(List.of(), Optional.of("required to disseminate to at least " + policy.requiredPeerCount()
                            + " peers, but know of only " + eligible + " eligible peers"));
                }
                planCollection(ns.namespace(), coll.collectionName(), policy, byOrg, random, pushes);
            }
        }
        return new Plan(pushes, Optional.empty());
    }

    private static void planCollection(String namespace, String collection, CollectionPolicy policy,
                                       SortedMap<String, List<String>> byOrg, RandomGenerator random, List<Push> pushes) {
        int maxRemaining = policy.maxPeerCount();
        int requiredRemaining = policy.requiredPeerCount();
        if (maxRemaining == 0) {
            return;
        }
        List<String> remaining = new ArrayList<>();
        // Phase 1: one peer of each eligible organisation.
        for (List<String> peers : byOrg.values()) {
            int chosen = random.nextInt(peers.size());
            pushes.add(new Push(peers.get(chosen), namespace, collection, requiredRemaining > 0));
            for (int i = 0; i < peers.size(); i++) {
                if (i != chosen) {
                    remaining.add(peers.get(i));
                }
            }
            requiredRemaining = Math.max(0, requiredRemaining - 1);
            maxRemaining--;
            if (maxRemaining == 0) {
                return;
            }
        }
        // Phase 2: more peers, whatever their organisation, up to the maximum.
        while (maxRemaining > 0 && !remaining.isEmpty()) {
            String peer = remaining.remove(random.nextInt(remaining.size()));
            pushes.add(new Push(peer, namespace, collection, requiredRemaining > 0));
            requiredRemaining = Math.max(0, requiredRemaining - 1);
            maxRemaining--;
        }
    }
}
