package dev.ledgersim.network.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.policy.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dissemination plan of FABRIC.md §6.2 (Fabric's {@code distributor.go}), on its own. */
class DisseminationPlannerTest {

    /** Org1: 3 peers, Org2: 2 peers, Org3: 1 peer. */
    private static final List<Directory.PeerEntry> PEERS = peers();

    private static List<Directory.PeerEntry> peers() {
        List<Directory.PeerEntry> out = new ArrayList<>();
        int[] counts = {3, 2, 1};
        for (int o = 0; o < counts.length; o++) {
            String msp = "Org" + (o + 1) + "MSP";
            CertificateAuthority ca = CertificateAuthority.create(CaConfig.defaults(msp), DeterministicRandom.fromSeed(1, msp),
                    Crypto.simulated());
            for (int i = 0; i < counts[o]; i++) {
                String name = "peer" + i + ".org" + (o + 1) + "msp";
                out.add(new Directory.PeerEntry(name, ca.enroll(name, Role.PEER).withoutPrivateKey()));
            }
        }
        return out;
    }

    private static TxPvtReadWriteSet writes(String... collections) {
        SortedMap<String, KvRwSet> colls = new TreeMap<>();
        for (String c : collections) {
            colls.put(c, KvRwSet.EMPTY);
        }
        SortedMap<String, SortedMap<String, KvRwSet>> byNs = new TreeMap<>();
        byNs.put("cc", colls);
        return TxPvtReadWriteSet.of(byNs);
    }

    private static DisseminationPlanner.Collections policy(String members, int required, int max) {
        return (ns, coll) -> Optional.of(new DisseminationPlanner.CollectionPolicy(Policy.parse(members), required, max));
    }

    private static String org(String peer) {
        return peer.substring(peer.indexOf('.') + 1);
    }

    @Test
    void phaseOneTakesOnePeerOfEachOrganisationBeforeAnySecondPeer() {
        for (long seed = 0; seed < 20; seed++) {
            var plan = DisseminationPlanner.plan(writes("c"), policy("OR('Org1MSP.member','Org2MSP.member','Org3MSP.member')", 1, 3),
                    PEERS, new Random(seed));
            assertTrue(plan.failure().isEmpty());
            Set<String> orgs = plan.pushes().stream().map(p -> org(p.peer())).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(Set.of("org1msp", "org2msp", "org3msp"), orgs, "seed " + seed);
            assertEquals(List.of(true, false, false), plan.pushes().stream().map(DisseminationPlanner.Push::required).toList());
        }
    }

    @Test
    void phaseTwoFillsUpToTheMaximumWithDistinctPeersOfTheMembersOnly() {
        var plan = DisseminationPlanner.plan(writes("c"), policy("OR('Org1MSP.member','Org2MSP.member')", 4, 10),
                PEERS, new Random(3));
        assertEquals(5, plan.pushes().size(), "every eligible peer, no more");
        assertEquals(5, plan.pushes().stream().map(DisseminationPlanner.Push::peer).distinct().count());
        assertTrue(plan.pushes().stream().noneMatch(p -> org(p.peer()).equals("org3msp")));
        assertEquals(4, plan.pushes().stream().filter(DisseminationPlanner.Push::required).count());
    }

    @Test
    void tooFewEligiblePeersIsFabricsError() {
        var plan = DisseminationPlanner.plan(writes("c"), policy("OR('Org2MSP.member')", 3, 3), PEERS, new Random(0));
        assertEquals(Optional.of("required to disseminate to at least 3 peers, but know of only 2 eligible peers"), plan.failure());
        assertTrue(plan.pushes().isEmpty());
    }

    @Test
    void maxPeerCountZeroPushesNothing() {
        var plan = DisseminationPlanner.plan(writes("a", "b"), policy("OR('Org1MSP.member')", 0, 0), PEERS, new Random(0));
        assertTrue(plan.failure().isEmpty());
        assertTrue(plan.pushes().isEmpty());
    }

    @Test
    void theSameSeedGivesTheSamePlanAndCollectionsArePlannedInRwSetOrder() {
        var collections = policy("OR('Org1MSP.member','Org2MSP.member','Org3MSP.member')", 0, 2);
        var first = DisseminationPlanner.plan(writes("b", "a"), collections, PEERS, new Random(42));
        var second = DisseminationPlanner.plan(writes("b", "a"), collections, PEERS, new Random(42));
        assertEquals(first, second);
        assertEquals(List.of("a", "a", "b", "b"), first.pushes().stream().map(DisseminationPlanner.Push::collection).toList());
        assertTrue(first.pushes().stream().noneMatch(DisseminationPlanner.Push::required));
    }
}
