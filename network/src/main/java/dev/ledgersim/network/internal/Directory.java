package dev.ledgersim.network.internal;

import dev.ledgersim.msp.Identity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Who is who on the network, as every node's local configuration knows it: each organisation's peers
 * (name and identity) and the orderers. Immutable.
 *
 * @param peersByOrg organisation MSP id → its peers in name order
 * @param orderers orderer names in order
 */
public record Directory(SortedMap<String, List<PeerEntry>> peersByOrg, List<String> orderers) {

    /** One peer: its node name and identity (without private key). */
    public record PeerEntry(String name, Identity identity) {
    }

    /** Copies. */
    public Directory {
        SortedMap<String, List<PeerEntry>> copy = new TreeMap<>();
        peersByOrg.forEach((org, peers) -> copy.put(org, List.copyOf(peers)));
        peersByOrg = Collections.unmodifiableSortedMap(copy);
        orderers = List.copyOf(orderers);
    }

    /** The peers of {@code mspId}, possibly none. */
    public List<PeerEntry> peersOf(String mspId) {
        return peersByOrg.getOrDefault(mspId, List.of());
    }

    /** The peer named {@code name}. */
    public Optional<PeerEntry> peer(String name) {
        for (List<PeerEntry> peers : peersByOrg.values()) {
            for (PeerEntry peer : peers) {
                if (peer.name().equals(name)) {
                    return Optional.of(peer);
                }
            }
        }
        return Optional.empty();
    }

    /** Every peer, organisation by organisation. */
    public List<PeerEntry> allPeers() {
        List<PeerEntry> all = new ArrayList<>();
        peersByOrg.values().forEach(all::addAll);
        return all;
    }

    /** A directory from a map of organisations. */
    public static Directory of(Map<String, List<PeerEntry>> peers, List<String> orderers) {
        return new Directory(new TreeMap<>(peers), orderers);
    }
}
