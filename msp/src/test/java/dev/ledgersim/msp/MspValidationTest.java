package dev.ledgersim.msp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.msp.internal.Certificates;
import dev.ledgersim.msp.internal.Ecdsa;
import dev.ledgersim.msp.internal.EcdsaContentSigner;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class MspValidationTest {

    private static final Instant START = CaConfig.DEFAULT_VALID_FROM;
    private static CertificateAuthority org1;
    private static CertificateAuthority org1WithIca;
    private static CertificateAuthority org2;

    @BeforeAll
    static void createCas() {
        org1 = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(11, "ca/Org1MSP"), Crypto.ecdsa());
        org1WithIca = CertificateAuthority.create(CaConfig.defaults("Org1MSP").withIntermediate(true),
                DeterministicRandom.fromSeed(12, "ca/Org1MSP"), Crypto.ecdsa());
        org2 = CertificateAuthority.create(CaConfig.defaults("Org2MSP"),
                DeterministicRandom.fromSeed(13, "ca/Org2MSP"), Crypto.ecdsa());
    }

    @Test
    void enrolledIdentitiesOfEveryRoleAreValid() {
        Msp msp = org1.msp();
        for (Role role : List.of(Role.CLIENT, Role.PEER, Role.ADMIN, Role.ORDERER)) {
            Identity id = org1.enroll("valid-" + role.label(), role);
            msp.validate(id);
            assertTrue(msp.isValid(id));
        }
        Identity viaIca = org1WithIca.enroll("alice", Role.CLIENT);
        org1WithIca.msp().validate(viaIca);
    }

    @Test
    void revokedIdentityIsRefusedOnceTheCrlIsKnown() {
        Identity mallory = org1.enroll("mallory", Role.CLIENT);
        Msp before = org1.msp();
        before.validate(mallory);
        org1.revoke(mallory, START.plus(Duration.ofDays(3)));
        expect(MspException.Reason.REVOKED, "has been revoked", () -> org1.msp().validate(mallory));
        before.validate(mallory); // an MSP is a snapshot: the old one does not know the new CRL
    }

    @Test
    void revocationThroughAnIntermediateCaIsHonoured() {
        Identity eve = org1WithIca.enroll("eve", Role.CLIENT);
        org1WithIca.revoke(eve, START.plus(Duration.ofDays(1)));
        expect(MspException.Reason.REVOKED, "'eve' (MSP Org1MSP) has been revoked", () -> org1WithIca.msp().validate(eve));
    }

    @Test
    void expiryIsNotCheckedByValidateButByCheckNotExpired() {
        CertificateAuthority shortLived = CertificateAuthority.create(
                CaConfig.defaults("Org3MSP").withIdentityValidity(Duration.ofDays(30)),
                DeterministicRandom.fromSeed(14, "ca/Org3MSP"), Crypto.ecdsa());
        Identity temp = shortLived.enroll("temp", Role.CLIENT);
        Instant later = START.plus(Duration.ofDays(31));
        shortLived.msp().validate(temp); // at commit: chain checked at notBefore + 1s, as Fabric
        Msp.checkNotExpired(temp, START.plus(Duration.ofDays(29)));
        expect(MspException.Reason.EXPIRED, "expired at 2025-01-31T00:00:00Z", () -> Msp.checkNotExpired(temp, later));
    }

    @Test
    void identityOfAnotherOrganisationOrForgedCaIsRefused() {
        Identity bob = org2.enroll("bob-other", Role.CLIENT);
        expect(MspException.Reason.UNKNOWN_MSP, "member of a different MSP", () -> org1.msp().validate(bob));

        CertificateAuthority forger = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(666, "forger"), Crypto.ecdsa());
        Identity fake = forger.enroll("fake", Role.ADMIN);
        expect(MspException.Reason.BAD_CHAIN, "does not chain to any CA of MSP Org1MSP", () -> org1.msp().validate(fake));
    }

    @Test
    void withIntermediatesAnIdentitySignedByTheRootIsRefused() {
        // Same seed, same root key and certificate, but issuing directly from the root.
        CertificateAuthority rootOnly = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(12, "ca/Org1MSP"), Crypto.ecdsa());
        assertEquals(org1WithIca.rootCertificate(), rootOnly.rootCertificate());
        Identity direct = rootOnly.enroll("direct", Role.CLIENT);
        rootOnly.msp().validate(direct);
        expect(MspException.Reason.BAD_CHAIN, "issues identities only through its intermediate CAs",
                () -> org1WithIca.msp().validate(direct));
    }

    @Test
    void caCertificateCannotBeAnIdentity() {
        Identity caAsIdentity = org1.msp().identity(org1.rootCertificate());
        expect(MspException.Reason.CA_CERTIFICATE, "cannot be used as an identity", () -> org1.msp().validate(caAsIdentity));
    }

    @Test
    void certificatesWithoutExactlyOneNodeOuAreRefused() {
        KeyPair rootKeys = Ecdsa.generateKeyPair(DeterministicRandom.fromSeed(20, "hand"));
        X500Name rootName = new X500Name("CN=ca.hand,O=HandMSP");
        X509Certificate root = build(rootName, rootKeys, rootName, rootKeys, true, BigInteger.ONE);
        Msp msp = new Msp(new MspConfig("HandMSP", List.of(root), List.of(), List.of()), Crypto.ecdsa());

        KeyPair k1 = Ecdsa.generateKeyPair(DeterministicRandom.fromSeed(21, "hand"));
        Identity noOu = msp.identity(build(new X500Name("CN=nobody,O=HandMSP"), k1, rootName, rootKeys, false, BigInteger.TWO));
        expect(MspException.Reason.ROLE, "does not have an OU that resolves to client, peer, orderer, or admin",
                () -> msp.validate(noOu));
        expect(MspException.Reason.ROLE, "does not have an OU", noOu::role);

        Identity twoOus = msp.identity(build(new X500Name("CN=both,OU=client,OU=peer,O=HandMSP"), k1, rootName,
                rootKeys, false, BigInteger.TEN));
        expect(MspException.Reason.ROLE, "not a combination of them", () -> msp.validate(twoOus));

        Identity ok = msp.identity(build(new X500Name("CN=fine,OU=peer,O=HandMSP"), k1, rootName, rootKeys, false,
                BigInteger.valueOf(11)));
        msp.validate(ok);
    }

    @Test
    void crlWithABadSignatureIsIgnored() throws Exception {
        Identity victim = org1.enroll("victim", Role.CLIENT);
        KeyPair wrongKey = Ecdsa.generateKeyPair(DeterministicRandom.fromSeed(30, "wrong"));
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(org1.issuerCertificate().getSubjectX500Principal().getEncoded()), Date.from(START));
        builder.addCRLEntry(victim.certificate().getSerialNumber(), Date.from(START), CRLReason.keyCompromise);
        X509CRL forged = Certificates.crlFromDer(builder.build(
                new EcdsaContentSigner(Ecdsa.privateKeyParameters(wrongKey.getPrivate()))).getEncoded());
        assertTrue(forged.isRevoked(victim.certificate()));
        MspConfig base = org1.mspConfig();
        Msp msp = new Msp(new MspConfig("Org1MSP", base.rootCertificates(), List.of(), List.of(forged)), Crypto.ecdsa());
        msp.validate(victim);
    }

    @Test
    void managerDeserializesCachesAndValidates() {
        MspManager manager = new MspManager(List.of(org1.msp(), org2.msp()));
        Identity carol = org2.enroll("carol", Role.CLIENT);
        Identity read = manager.deserializeAndValidate(carol.serialize());
        assertEquals(carol, read);
        assertTrue(!read.canSign());
        assertSame(read, manager.deserialize(carol.serialize()), "decoded identities are cached");
        assertTrue(read.verify("m".getBytes(US_ASCII), carol.sign("m".getBytes(US_ASCII))));

        CertificateAuthority org9 = CertificateAuthority.create(CaConfig.defaults("Org9MSP"),
                DeterministicRandom.fromSeed(19, "ca/Org9MSP"), Crypto.ecdsa());
        expect(MspException.Reason.UNKNOWN_MSP, "unknown MSP 'Org9MSP' (known: Org1MSP, Org2MSP)",
                () -> manager.deserialize(org9.enroll("x", Role.CLIENT).serialize()));
        assertEquals(List.of("Org1MSP", "Org2MSP", "Org9MSP"), List.copyOf(manager.withMsp(org9.msp()).mspIds()));
    }

    @Test
    void managerReadsAnIdentityInPlaceFromARangeOfALargerArray() {
        MspManager manager = new MspManager(List.of(org1.msp(), org2.msp()));
        Identity dave = org1.enroll("dave", Role.CLIENT);
        byte[] serialized = dave.serialize();
        byte[] message = new byte[serialized.length + 40];
        java.util.Arrays.fill(message, (byte) 0x5a);
        System.arraycopy(serialized, 0, message, 17, serialized.length);

        Identity fromRange = manager.deserializeAndValidate(message, 17, serialized.length);
        assertEquals(dave, fromRange);
        assertSame(fromRange, manager.deserialize(serialized), "a range and the whole array are one cache entry");
        java.util.Arrays.fill(message, (byte) 0);
        assertSame(fromRange, manager.deserialize(serialized.clone()),
                "the cache keeps its own copy: changing the array it was read from changes nothing");

        Identity erin = org2.enroll("erin", Role.CLIENT);
        byte[] both = new byte[serialized.length + erin.serialize().length];
        System.arraycopy(serialized, 0, both, 0, serialized.length);
        System.arraycopy(erin.serialize(), 0, both, serialized.length, erin.serialize().length);
        assertEquals(erin, manager.deserialize(both, serialized.length, erin.serialize().length));
        assertSame(fromRange, manager.deserialize(both, 0, serialized.length));
        expect(MspException.Reason.MALFORMED, "malformed", () -> manager.deserialize(both, 0, serialized.length - 1));

        assertThrows(IndexOutOfBoundsException.class, () -> manager.deserialize(serialized, 1, serialized.length));
        assertThrows(IndexOutOfBoundsException.class, () -> manager.deserialize(serialized, -1, 2));
    }

    @Test
    void malformedCertificatesAreRefusedClearly() {
        MspManager manager = new MspManager(List.of(org1.msp()));
        byte[] pem = SerializedIdentity.fromBytes(org1.enroll("pemmy", Role.CLIENT).serialize()).pem();
        String text = new String(pem, US_ASCII);
        expect(MspException.Reason.MALFORMED, "no PEM block found",
                () -> manager.deserialize(new SerializedIdentity("Org1MSP", "garbage".getBytes(US_ASCII)).toBytes()));
        expect(MspException.Reason.MALFORMED, "trailing bytes after the PEM certificate block",
                () -> manager.deserialize(new SerializedIdentity("Org1MSP", (text + "extra").getBytes(US_ASCII)).toBytes()));
        expect(MspException.Reason.MALFORMED, "expected CERTIFICATE",
                () -> manager.deserialize(new SerializedIdentity("Org1MSP",
                        text.replace("CERTIFICATE", "PRIVATE KEY").getBytes(US_ASCII)).toBytes()));
        String corrupted = text.substring(0, 100) + "AAAA" + text.substring(104);
        expect(MspException.Reason.MALFORMED, "malformed certificate",
                () -> manager.deserialize(new SerializedIdentity("Org1MSP", corrupted.getBytes(US_ASCII)).toBytes()));
        expect(MspException.Reason.MALFORMED, "serialized identity is empty", () -> manager.deserialize(new byte[0]));
    }

    private static X509Certificate build(X500Name subject, KeyPair subjectKeys, X500Name issuer, KeyPair issuerKeys,
                                         boolean ca, BigInteger serial) {
        try {
            X509v3CertificateBuilder b = new X509v3CertificateBuilder(issuer, serial, Date.from(START),
                    Date.from(START.plus(Duration.ofDays(365))), subject,
                    SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            return Certificates.fromDer(b.build(new EcdsaContentSigner(
                    Ecdsa.privateKeyParameters(issuerKeys.getPrivate()))).getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void expect(MspException.Reason reason, String fragment, Executable call) {
        MspException e = assertThrows(MspException.class, call);
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), "expected '" + fragment + "' in: " + e.getMessage());
    }
}
