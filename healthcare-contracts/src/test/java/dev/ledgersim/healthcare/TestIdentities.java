package dev.ledgersim.healthcare;

import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Seeded certificate authorities for ContractTester tests: identities with the suite's attributes. */
public final class TestIdentities {

    private final Map<String, CertificateAuthority> cas = new TreeMap<>();

    /** Identities issued by seeded CAs (the same seed gives the same certificates). */
    public TestIdentities() {
    }

    /** Enrolls {@code name} in {@code mspId} with attribute {@code role} (none when null) and {@code extra}. */
    public Identity enroll(String mspId, String name, String role, Map<String, String> extra) {
        CertificateAuthority ca = cas.computeIfAbsent(mspId, msp -> CertificateAuthority.create(CaConfig.defaults(msp),
                DeterministicRandom.fromSeed(1, "ca/" + msp), Crypto.ecdsa()));
        Map<String, String> attributes = new HashMap<>(extra);
        if (role != null) {
            attributes.put("role", role);
        }
        return ca.enroll(name, Role.CLIENT, attributes);
    }

    /** Enrolls {@code name} in {@code mspId} with attribute {@code role}. */
    public Identity enroll(String mspId, String name, String role) {
        return enroll(mspId, name, role, Map.of());
    }
}
