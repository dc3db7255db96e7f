package dev.ledgersim.msp.policy;

import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The identities the policy tests sign with, enrolled once per JVM (enrolling costs milliseconds).
 * Looked up by a short name: {@code peer0} ({@code Org1MSP}), {@code org2.peer0}, {@code org3.peer0}.
 */
final class Signers {

    private static final Map<String, Identity> BY_NAME = enrollAll();

    private Signers() {}

    private static Map<String, Identity> enrollAll() {
        Map<String, Identity> out = new TreeMap<>();
        CertificateAuthority org1 = ca("Org1MSP", 7L);
        for (String peer : List.of("peer0", "peer1", "peer2")) {
            out.put(peer, org1.enroll(peer, Role.PEER));
        }
        out.put("client1", org1.enroll("client1", Role.CLIENT));
        out.put("admin1", org1.enroll("admin1", Role.ADMIN));
        out.put("orderer1", org1.enroll("orderer1", Role.ORDERER));
        CertificateAuthority org2 = ca("Org2MSP", 8L);
        out.put("org2.peer0", org2.enroll("peer0", Role.PEER));
        out.put("org2.client1", org2.enroll("client1", Role.CLIENT));
        out.put("org2.admin1", org2.enroll("admin1", Role.ADMIN));
        CertificateAuthority org3 = ca("Org3MSP", 9L);
        out.put("org3.peer0", org3.enroll("peer0", Role.PEER));
        return out;
    }

    private static CertificateAuthority ca(String mspId, long seed) {
        return CertificateAuthority.create(CaConfig.defaults(mspId), DeterministicRandom.fromSeed(seed, "ca/" + mspId),
                Crypto.ecdsa());
    }

    /** The identity enrolled under {@code name}. */
    static Identity get(String name) {
        Identity identity = BY_NAME.get(name);
        if (identity == null) {
            throw new IllegalArgumentException("no test identity '" + name + "', known: " + BY_NAME.keySet());
        }
        return identity;
    }

    /** The identities for a space-separated list of names ({@code ""} for none), in that order. */
    static List<Identity> list(String names) {
        List<Identity> out = new ArrayList<>();
        for (String name : names.trim().split("\\s+")) {
            if (!name.isEmpty()) {
                out.add(get(name));
            }
        }
        return out;
    }
}
