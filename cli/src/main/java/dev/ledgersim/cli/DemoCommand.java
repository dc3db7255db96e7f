package dev.ledgersim.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Msp;
import dev.ledgersim.msp.MspException;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import dev.ledgersim.msp.internal.Ecdsa;
import dev.ledgersim.msp.policy.ImplicitMetaPolicy;
import dev.ledgersim.msp.policy.Policy;
import dev.ledgersim.msp.policy.PolicyEvaluation;
import dev.ledgersim.msp.policy.PolicyParseException;
import java.io.PrintStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ledgersim demo}: by default the healthcare network story ({@link HealthcareDemo}); with
 * {@code --identities}, what a Fabric MSP does, step by step, on a two-organisation network —
 * certificate authorities, enrollment with NodeOU roles and attributes, endorsement signatures checked
 * after deserialization, endorsement policies with their explanations, tampering, revocation, expiry
 * and determinism from the seed.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"A healthcare network step by step: two hospitals and a research institute, medical records with "
                + "private personal data, patient consent, audit, de-identified research access and a read conflict.",
                "With --identities: certificate authorities, signatures, MSP validation and endorsement policies."})
final class DemoCommand implements Callable<Integer> {

    private static final HexFormat HEX = HexFormat.of();

    @Option(names = "--seed", paramLabel = "N", defaultValue = "42", converter = Converters.WholeNumber.class,
            description = "the seed every key and certificate is drawn from (default: ${DEFAULT-VALUE})")
    private long seed;

    @Option(names = "--identities",
            description = "show identities, signatures and endorsement policies instead of the healthcare network")
    private boolean identities;

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        return identities ? run(out) : new HealthcareDemo(seed, out).run();
    }

    int run(PrintStream out) {
        out.println("LedgerSim demo, seed " + seed + ": identities, signatures and policies as a Fabric MSP handles them");
        out.println();

        out.println("1. Certificate authorities (ECDSA P-256, keys and serials drawn from the seed)");
        CertificateAuthority org1 = CertificateAuthority.create(CaConfig.defaults("Org1MSP").withIntermediate(true),
                DeterministicRandom.fromSeed(seed, "ca/Org1MSP"), Crypto.ecdsa());
        CertificateAuthority org2 = CertificateAuthority.create(CaConfig.defaults("Org2MSP"),
                DeterministicRandom.fromSeed(seed, "ca/Org2MSP"), Crypto.ecdsa());
        out.println("   Org1MSP  root " + org1.rootCertificate().getSubjectX500Principal()
                + "  ->  intermediate " + org1.issuerCertificate().getSubjectX500Principal());
        out.println("   Org2MSP  root " + org2.rootCertificate().getSubjectX500Principal());
        out.println();

        out.println("2. Enrollment: the role is an OU in the subject, attributes go in extension 1.2.3.4.5.6.7.8.1");
        Identity peer1 = org1.enroll("peer0.org1msp", Role.PEER);
        Identity peer2 = org2.enroll("peer0.org2msp", Role.PEER);
        Identity drBob = org1.enroll("drbob", Role.CLIENT, Map.of("role", "doctor"));
        Identity admin1 = org1.enroll("admin", Role.ADMIN);
        Identity mallory = org1.enroll("mallory", Role.CLIENT);
        for (Identity id : List.of(peer1, peer2, drBob, admin1, mallory)) {
            out.printf("   %-14s %-7s serial %s…  valid until %s%n", id.name(), id.role().label(),
                    id.certificate().getSerialNumber().toString(16).substring(0, 12), id.expiresAt());
        }
        out.println("   drbob's id, as a contract sees it: " + drBob.id());
        out.println("   drbob's attributes: " + drBob.attributes());
        out.println();

        out.println("3. Endorsement: each peer signs proposalResponsePayload || its serialized identity");
        byte[] payload = "proposal response payload: rw-set {patient1 -> glucose 7.9 mmol/L}".getBytes(UTF_8);
        byte[] sig1 = peer1.sign(concat(payload, peer1.serialize()));
        byte[] sig2 = peer2.sign(concat(payload, peer2.serialize()));
        MspManager channel = new MspManager(List.of(org1.msp(), org2.msp()));
        Identity seen1 = channel.deserializeAndValidate(peer1.serialize());
        Identity seen2 = channel.deserializeAndValidate(peer2.serialize());
        out.println("   peer0.org1msp signature " + sig1.length + " bytes, DER, low-S: " + HEX.formatHex(sig1, 0, 12) + "…");
        out.println("   the committer deserializes each endorser through the channel MSPs and verifies:");
        out.println("     peer0.org1msp -> " + verdict(seen1.verify(concat(payload, peer1.serialize()), sig1)));
        out.println("     peer0.org2msp -> " + verdict(seen2.verify(concat(payload, peer2.serialize()), sig2)));
        out.println();

        out.println("4. Endorsement policies (Fabric's greedy evaluation, each signer counted once)");
        Policy and = Policy.parse("AND('Org1MSP.peer', 'Org2MSP.peer')");
        show(out, and, List.of(seen1, seen2));
        show(out, and, List.of(seen1, drBob));
        show(out, Policy.parse("OutOf(2, 'Org1MSP.member', 'Org2MSP.member', 'Org1MSP.admin')"), List.of(drBob, admin1));
        show(out, Policy.parse("AND('Org1MSP.member', 'Org1MSP.peer')"), List.of(peer1, drBob));
        out.println("     (greedy: the member principal took peer0.org1msp first, so nothing was left for the peer principal)");
        ImplicitMetaPolicy majority = ImplicitMetaPolicy.parse("MAJORITY Endorsement").bind(Map.of(
                "Org1MSP", Policy.parse("OR('Org1MSP.peer')"), "Org2MSP", Policy.parse("OR('Org2MSP.peer')")));
        show(out, majority, List.of(seen1));
        try {
            Policy.parse("AND('Org1MSP.peer', Org2MSP.peer)");
        } catch (PolicyParseException e) {
            out.println("   a typo is caught with its position: " + e.getMessage());
        }
        out.println();

        out.println("5. Tampering");
        byte[] changed = concat("proposal response payload: rw-set {patient1 -> glucose 4.2 mmol/L}".getBytes(UTF_8),
                peer1.serialize());
        out.println("   payload changed after signing          -> " + verdict(seen1.verify(changed, sig1)));
        out.println("   high-S twin (r, N-s) of a valid sig    -> " + verdict(seen1.verify(concat(payload, peer1.serialize()), highS(sig1)))
                + "  (valid ECDSA, but Fabric requires s <= N/2)");
        out.println("   drbob's signature claimed for peer0    -> "
                + verdict(seen1.verify(concat(payload, peer1.serialize()), drBob.sign(concat(payload, peer1.serialize())))));
        out.println();

        out.println("6. Revocation: the Org1 CA revokes mallory; the channel learns the new CRL");
        Instant now = CaConfig.DEFAULT_VALID_FROM.plus(Duration.ofDays(10));
        channel.validate(mallory);
        out.println("   before: mallory is valid");
        org1.revoke(mallory, now);
        MspManager updated = channel.withMsp(org1.msp());
        try {
            updated.validate(mallory);
            out.println("   after: mallory is still valid — this should not happen");
            return 1;
        } catch (MspException e) {
            out.println("   after: " + e.reason() + ": " + e.getMessage());
        }
        out.println();

        out.println("7. Expiry is checked at endorsement and broadcast, not when a block is validated");
        CertificateAuthority org3 = CertificateAuthority.create(
                CaConfig.defaults("Org3MSP").withIdentityValidity(Duration.ofDays(30)),
                DeterministicRandom.fromSeed(seed, "ca/Org3MSP"), Crypto.ecdsa());
        Identity temp = org3.enroll("locum", Role.CLIENT);
        org3.msp().validate(temp);
        out.println("   locum, valid 30 days: validates for commit on day 45: ok");
        try {
            Msp.checkNotExpired(temp, CaConfig.DEFAULT_VALID_FROM.plus(Duration.ofDays(45)));
        } catch (MspException e) {
            out.println("   but a proposal on day 45 is refused: " + e.getMessage());
        }
        out.println();

        out.println("8. Determinism: every certificate above is a function of the seed");
        out.println("   SHA-256 over all certificates: " + HEX.formatHex(digest(List.of(peer1, peer2, drBob, admin1, mallory))).substring(0, 32)
                + "…  (run again with --seed " + seed + " to get the same, another seed for another)");
        return 0;
    }

    private static void show(PrintStream out, Policy policy, List<Identity> signers) {
        PolicyEvaluation evaluation = policy.evaluate(signers);
        out.println("   " + policy + " signed by " + signers.stream().map(Identity::name).toList()
                + " -> " + (evaluation.satisfied() ? "satisfied" : "NOT satisfied"));
        if (!evaluation.satisfied()) {
            out.println("     " + evaluation.explain().replace("\n", "\n     "));
        }
    }

    private static String verdict(boolean ok) {
        return ok ? "valid" : "REJECTED";
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] highS(byte[] der) {
        BigInteger[] rs = Ecdsa.decodeSignature(der);
        return Ecdsa.encodeSignature(rs[0], Ecdsa.CURVE.getN().subtract(rs[1]));
    }

    private static byte[] digest(List<Identity> identities) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Identity id : identities) {
                sha.update(id.serialize());
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
