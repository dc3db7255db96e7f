package dev.ledgersim.msp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.msp.internal.Certificates;
import java.io.ByteArrayInputStream;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {

    private static CertificateAuthority ca(long seed, boolean intermediate) {
        return CertificateAuthority.create(CaConfig.defaults("Org1MSP").withIntermediate(intermediate),
                DeterministicRandom.fromSeed(seed, "ca/Org1MSP"), Crypto.ecdsa());
    }

    @Test
    void standardJcaParsesTheCertificatesAndVerifiesTheirSignatures() throws Exception {
        CertificateAuthority ca = ca(1, true);
        Identity alice = ca.enroll("alice", Role.CLIENT);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        X509Certificate parsed = (X509Certificate) factory.generateCertificate(
                new ByteArrayInputStream(SerializedIdentity.fromBytes(alice.serialize()).pem()));
        assertEquals(alice.certificate(), parsed);

        X509Certificate root = ca.rootCertificate();
        X509Certificate ica = ca.intermediateCertificate().orElseThrow();
        root.verify(root.getPublicKey());
        ica.verify(root.getPublicKey());
        parsed.verify(ica.getPublicKey());

        // And the JDK's PKIX validator accepts the whole chain.
        CertPath path = factory.generateCertPath(List.of(parsed, ica));
        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(CaConfig.DEFAULT_VALID_FROM.plus(Duration.ofDays(1))));
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }

    @Test
    void enrolledCertificateCarriesRoleNameAndExtensions() {
        CertificateAuthority ca = ca(2, false);
        Identity peer = ca.enroll("peer0.org1msp", Role.PEER);
        X509Certificate cert = peer.certificate();
        assertEquals(Role.PEER, peer.role());
        assertEquals("peer0.org1msp", peer.name());
        assertEquals("Org1MSP", peer.mspId());
        assertEquals("CN=peer0.org1msp, OU=peer, O=Org1MSP", cert.getSubjectX500Principal().toString());
        assertEquals("x509::CN=peer0.org1msp, OU=peer, O=Org1MSP::CN=ca.org1msp, O=Org1MSP", peer.id());
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(cert.getKeyUsage()[0], "digitalSignature");
        assertEquals(3, cert.getVersion());
        assertEquals("SHA256withECDSA", cert.getSigAlgName());
        assertEquals(CaConfig.DEFAULT_VALID_FROM, cert.getNotBefore().toInstant());
        assertEquals(CaConfig.DEFAULT_VALID_FROM.plus(Duration.ofDays(365)), peer.expiresAt());
        assertEquals(Integer.MAX_VALUE, ca.rootCertificate().getBasicConstraints(), "root: CA without path length");
        assertTrue(cert.getSerialNumber().signum() > 0);
        assertTrue(cert.getSerialNumber().bitLength() > 100);
    }

    @Test
    void attributesRoundTripThroughTheFabricCaExtension() throws Exception {
        CertificateAuthority ca = ca(3, false);
        Identity drBob = ca.enroll("drbob", Role.CLIENT, Map.of("role", "doctor", "dept", "cardiology"));
        assertEquals(Map.of("role", "doctor", "dept", "cardiology", "hf.Affiliation", "",
                "hf.EnrollmentID", "drbob", "hf.Type", "client"), drBob.attributes());
        assertEquals("doctor", drBob.attribute("role").orElseThrow());
        assertTrue(drBob.attribute("missing").isEmpty());

        X509Certificate cert = drBob.certificate();
        assertFalse(cert.getCriticalExtensionOIDs().contains("1.2.3.4.5.6.7.8.1"));
        byte[] raw = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(
                cert.getExtensionValue("1.2.3.4.5.6.7.8.1"))).getOctets();
        assertEquals("{\"attrs\":{\"dept\":\"cardiology\",\"hf.Affiliation\":\"\",\"hf.EnrollmentID\":\"drbob\","
                + "\"hf.Type\":\"client\",\"role\":\"doctor\"}}", new String(raw, UTF_8), "raw JSON, keys sorted");

        Identity reread = ca.msp().identity(Certificates.fromDer(cert.getEncoded()));
        assertEquals(drBob.attributes(), reread.attributes());
    }

    @Test
    void sameSeedIssuesByteIdenticalCertificatesAndDifferentSeedsDoNot() throws Exception {
        CertificateAuthority a = ca(7, true);
        CertificateAuthority b = ca(7, true);
        assertArrayEquals(a.rootCertificate().getEncoded(), b.rootCertificate().getEncoded());
        assertArrayEquals(a.enroll("alice", Role.CLIENT).serialize(), b.enroll("alice", Role.CLIENT).serialize());
        Identity ma = a.enroll("m", Role.CLIENT);
        Identity mb = b.enroll("m", Role.CLIENT);
        a.revoke(ma, Instant.parse("2025-02-01T00:00:00Z"));
        b.revoke(mb, Instant.parse("2025-02-01T00:00:00Z"));
        assertArrayEquals(a.crl().getEncoded(), b.crl().getEncoded());
        assertFalse(java.util.Arrays.equals(a.rootCertificate().getEncoded(), ca(8, true).rootCertificate().getEncoded()));
    }

    @Test
    void enrollmentRefusesBadRequestsWithClearErrors() {
        CertificateAuthority ca = ca(4, false);
        ca.enroll("alice", Role.CLIENT);
        assertMessage(() -> ca.enroll("alice", Role.PEER), "identity 'alice' is already enrolled with the CA of Org1MSP");
        assertMessage(() -> ca.enroll("", Role.CLIENT), "invalid enrollment name ''");
        assertMessage(() -> ca.enroll("a b", Role.CLIENT), "invalid enrollment name 'a b'");
        assertMessage(() -> ca.enroll("carol", Role.MEMBER), "cannot enroll 'carol' as member");
        assertMessage(() -> ca.enroll("carol", Role.CLIENT, Map.of("hf.Type", "admin")), "names starting with 'hf.' are reserved");
        assertMessage(() -> ca.enroll("carol", Role.CLIENT, Map.of(), Instant.parse("2000-01-01T00:00:00Z")),
                "outside the CA's own validity");
        assertMessage(() -> CaConfig.defaults("Org 1"), "invalid MSP id 'Org 1'");
    }

    @Test
    void revocationPutsTheSerialOnASignedCrl() throws Exception {
        CertificateAuthority ca = ca(5, true);
        Identity mallory = ca.enroll("mallory", Role.CLIENT);
        Identity alice = ca.enroll("alice", Role.CLIENT);
        assertFalse(ca.crl().isRevoked(mallory.certificate()));
        ca.revoke(mallory, Instant.parse("2025-03-01T12:00:00Z"));
        assertTrue(ca.crl().isRevoked(mallory.certificate()));
        assertFalse(ca.crl().isRevoked(alice.certificate()));
        ca.crl().verify(ca.intermediateCertificate().orElseThrow().getPublicKey());
        assertEquals(ca.issuerCertificate().getSubjectX500Principal(), ca.crl().getIssuerX500Principal());
        assertMessage(() -> ca.revoke(mallory, Instant.parse("2025-03-02T00:00:00Z")), "already revoked");
        Identity stranger = ca(6, true).enroll("zed", Role.CLIENT);
        assertMessage(() -> ca.revoke(stranger, Instant.parse("2025-03-02T00:00:00Z")), "was not issued by the CA of Org1MSP");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String fragment) {
        RuntimeException e = assertThrows(RuntimeException.class, call);
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
}
