package dev.ledgersim.msp;

import dev.ledgersim.msp.internal.Certificates;
import dev.ledgersim.msp.internal.Ecdsa;
import dev.ledgersim.msp.internal.EcdsaContentSigner;
import java.io.IOException;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One organisation's certificate authority, in the manner of Fabric CA: a self-signed root, optionally
 * an intermediate CA under it, enrollment of identities with NodeOU roles and attributes, and
 * revocation through a CRL.
 *
 * <p>Everything it issues is deterministic: key pairs and serial numbers come from the
 * {@link SecureRandom} given at creation (a {@link DeterministicRandom} in simulations), validity
 * dates from its {@link CaConfig} or the times passed in, and certificate signatures use RFC 6979
 * nonces. Two CAs created with the same configuration and equal random streams, asked the same
 * things in the same order, issue byte-identical certificates and CRLs.
 *
 * <p>Enrolled certificates carry the subject {@code CN=<name>, OU=<role>, O=<mspId>} and, as
 * extension 1.2.3.4.5.6.7.8.1, the JSON {@code {"attrs":{...}}} with {@code hf.Affiliation},
 * {@code hf.EnrollmentID}, {@code hf.Type} and the attributes given. Thread-safe.
 */
public final class CertificateAuthority {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateAuthority.class);
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private final CaConfig config;
    private final SecureRandom random;
    private final Crypto crypto;
    private final X509Certificate root;
    private final X509Certificate intermediate;
    private final ECPrivateKeyParameters issuerKey;
    private final X509Certificate issuer;
    private final Map<String, BigInteger> enrolled = new TreeMap<>();
    private final SortedMap<BigInteger, Instant> revoked = new TreeMap<>();
    private X509CRL crl;
    private long crlNumber;

    private CertificateAuthority(CaConfig config, SecureRandom random, Crypto crypto) {
        this.config = config;
        this.random = random;
        this.crypto = crypto;
        String org = config.mspId().toLowerCase(Locale.ROOT);
        Instant notAfter = config.validFrom().plus(config.caValidity());

        KeyPair rootKeys = Ecdsa.generateKeyPair(random);
        X500Name rootName = name("ca." + org, null, config.mspId());
        this.root = issue(rootName, rootKeys.getPublic(), rootName, rootKeys.getPublic(),
                Ecdsa.privateKeyParameters(rootKeys.getPrivate()), config.validFrom(), notAfter,
                CaKind.ROOT, Collections.emptySortedMap());
        if (config.withIntermediate()) {
            KeyPair icaKeys = Ecdsa.generateKeyPair(random);
            X500Name icaName = name("ica." + org, null, config.mspId());
            this.intermediate = issue(icaName, icaKeys.getPublic(), rootName, rootKeys.getPublic(),
                    Ecdsa.privateKeyParameters(rootKeys.getPrivate()), config.validFrom(), notAfter,
                    CaKind.INTERMEDIATE, Collections.emptySortedMap());
            this.issuer = intermediate;
            this.issuerKey = Ecdsa.privateKeyParameters(icaKeys.getPrivate());
        } else {
            this.intermediate = null;
            this.issuer = root;
            this.issuerKey = Ecdsa.privateKeyParameters(rootKeys.getPrivate());
        }
        this.crl = buildCrl(config.validFrom());
    }

    /**
     * A new CA for {@code config.mspId()}.
     *
     * @param random where key pairs and serial numbers come from; the CA keeps drawing from it
     * @param crypto the signature scheme of the identities it enrolls (certificates are always ECDSA)
     */
    public static CertificateAuthority create(CaConfig config, SecureRandom random, Crypto crypto) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(crypto, "crypto");
        CertificateAuthority ca = new CertificateAuthority(config, random, crypto);
        LOG.debug("created CA for {} (intermediate: {})", config.mspId(), config.withIntermediate());
        return ca;
    }

    /** The MSP id of the organisation. */
    public String mspId() {
        return config.mspId();
    }

    /** The configuration the CA was created with. */
    public CaConfig config() {
        return config;
    }

    /** The self-signed root certificate. */
    public X509Certificate rootCertificate() {
        return root;
    }

    /** The intermediate CA certificate, when the CA has one. */
    public Optional<X509Certificate> intermediateCertificate() {
        return Optional.ofNullable(intermediate);
    }

    /** The certificate of the CA that signs identities and the CRL: the intermediate if any, else the root. */
    public X509Certificate issuerCertificate() {
        return issuer;
    }

    /** Enrolls {@code name} with {@code role} and no extra attributes, valid from the configured start. */
    public Identity enroll(String name, Role role) {
        return enroll(name, role, Map.of());
    }

    /** Enrolls {@code name} with {@code role} and {@code attributes}, valid from the configured start. */
    public Identity enroll(String name, Role role, Map<String, String> attributes) {
        return enroll(name, role, attributes, config.validFrom());
    }

    /**
     * Registers and enrolls a new identity: a fresh key pair and a certificate valid from
     * {@code notBefore} for the configured identity validity.
     *
     * @param name the enrollment id; letters, digits and {@code . _ @ -}, at most 64 characters, unique in this CA
     * @param role the NodeOU role (client, peer, admin or orderer; member is not a role one can hold)
     * @param attributes Fabric CA attributes to put in the certificate; names starting with {@code hf.} are reserved
     * @throws IllegalArgumentException when an argument is invalid or {@code name} is already enrolled
     */
    public synchronized Identity enroll(String name, Role role, Map<String, String> attributes, Instant notBefore) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(attributes, "attributes");
        Objects.requireNonNull(notBefore, "notBefore");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid enrollment name '" + name + "' for CA of " + mspId()
                    + ": use 1-64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit");
        }
        if (!role.isNodeOu()) {
            throw new IllegalArgumentException("cannot enroll '" + name + "' as " + role.label()
                    + ": choose client, peer, admin or orderer (every enrolled identity is a member)");
        }
        if (enrolled.containsKey(name)) {
            throw new IllegalArgumentException("identity '" + name + "' is already enrolled with the CA of " + mspId());
        }
        SortedMap<String, String> attrs = new TreeMap<>();
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("attribute of '" + name + "' with an empty name or a null value: " + e);
            }
            if (e.getKey().startsWith("hf.")) {
                throw new IllegalArgumentException("attribute '" + e.getKey() + "' of '" + name
                        + "': names starting with 'hf.' are reserved for the CA");
            }
            attrs.put(e.getKey(), e.getValue());
        }
        attrs.put("hf.Affiliation", "");
        attrs.put("hf.EnrollmentID", name);
        attrs.put("hf.Type", role.label());

        Instant start = notBefore.truncatedTo(ChronoUnit.SECONDS);
        Instant end = start.plus(config.identityValidity());
        if (start.isBefore(issuer.getNotBefore().toInstant()) || end.isAfter(issuer.getNotAfter().toInstant())) {
            throw new IllegalArgumentException("validity " + start + " .. " + end + " of '" + name
                    + "' is outside the CA's own validity " + issuer.getNotBefore().toInstant() + " .. "
                    + issuer.getNotAfter().toInstant());
        }
        KeyPair keys = crypto.generateKeyPair(random);
        X509Certificate certificate = issue(name(name, role.label(), mspId()), keys.getPublic(),
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuer.getPublicKey(),
                issuerKey, start, end, CaKind.NONE, attrs);
        enrolled.put(name, certificate.getSerialNumber());
        LOG.debug("enrolled {} as {} in {}", name, role.label(), mspId());
        return Identity.signing(mspId(), certificate, keys, crypto);
    }

    /**
     * Revokes an identity this CA issued: its serial goes on the CRL, dated {@code when}.
     *
     * @throws IllegalArgumentException when this CA did not issue the identity's certificate
     * @throws IllegalStateException when the identity is already revoked
     */
    public synchronized void revoke(Identity identity, Instant when) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(when, "when");
        BigInteger serial = identity.certificate().getSerialNumber();
        boolean ours = identity.mspId().equals(mspId())
                && identity.certificate().getIssuerX500Principal().equals(issuer.getSubjectX500Principal())
                && serial.equals(enrolled.get(identity.name()));
        if (!ours) {
            throw new IllegalArgumentException("identity '" + identity.name() + "' (MSP " + identity.mspId()
                    + ") was not issued by the CA of " + mspId());
        }
        if (revoked.containsKey(serial)) {
            throw new IllegalStateException("identity '" + identity.name() + "' of " + mspId() + " is already revoked");
        }
        Instant at = when.truncatedTo(ChronoUnit.SECONDS);
        revoked.put(serial, at);
        crl = buildCrl(at);
        LOG.debug("revoked {} of {} (serial {})", identity.name(), mspId(), serial.toString(16));
    }

    /** The current certificate revocation list, signed by the issuing CA. */
    public synchronized X509CRL crl() {
        return crl;
    }

    /** What an MSP needs to validate this organisation's identities, revocations included as of now. */
    public synchronized MspConfig mspConfig() {
        List<X509Certificate> intermediates = new ArrayList<>();
        if (intermediate != null) {
            intermediates.add(intermediate);
        }
        return new MspConfig(mspId(), List.of(root), intermediates, List.of(crl));
    }

    /** An MSP validating this organisation's identities, revocations included as of now. */
    public Msp msp() {
        return new Msp(mspConfig(), crypto);
    }

    private enum CaKind { ROOT, INTERMEDIATE, NONE }

    private static X500Name name(String commonName, String ou, String organization) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organization);
        if (ou != null) {
            builder.addRDN(BCStyle.OU, ou);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    private X509Certificate issue(X500Name subject, PublicKey subjectKey, X500Name issuerName, PublicKey issuerPublicKey,
                                  ECPrivateKeyParameters signingKey, Instant notBefore, Instant notAfter,
                                  CaKind kind, SortedMap<String, String> attributes) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(subjectKey.getEncoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuerName, serialNumber(),
                Date.from(notBefore), Date.from(notAfter), subject, spki);
        try {
            builder.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyId(subjectKey)));
            if (kind != CaKind.ROOT) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        new AuthorityKeyIdentifier(keyId(issuerPublicKey)));
            }
            switch (kind) {
                case ROOT -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(
                            KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case INTERMEDIATE -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(
                            KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign));
                }
                case NONE -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(new ASN1ObjectIdentifier(Certificates.ATTRIBUTE_OID), false,
                            Certificates.attributeExtensionValue(attributes));
                }
                default -> throw new IllegalStateException("unknown certificate kind " + kind);
            }
            return Certificates.fromDer(builder.build(new EcdsaContentSigner(signingKey)).getEncoded());
        } catch (IOException e) {
            throw new IllegalStateException("cannot build certificate for " + subject, e);
        }
    }

    private X509CRL buildCrl(Instant thisUpdate) {
        X509v2CRLBuilder builder = new X509v2CRLBuilder(
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
        revoked.forEach((serial, at) -> builder.addCRLEntry(serial, Date.from(at), CRLReason.unspecified));
        try {
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(keyId(issuer.getPublicKey())));
            builder.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(++crlNumber)));
            X509CRLHolder holder = builder.build(new EcdsaContentSigner(issuerKey));
            return Certificates.crlFromDer(holder.getEncoded());
        } catch (CertIOException e) {
            throw new IllegalStateException("cannot build the CRL of " + mspId(), e);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode the CRL of " + mspId(), e);
        }
    }

    /** A positive 128-bit serial number drawn from the CA's random source. */
    private BigInteger serialNumber() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[0] &= 0x7F;
        BigInteger serial = new BigInteger(bytes);
        return serial.signum() == 0 ? BigInteger.ONE : serial;
    }

    /** The key identifier cryptogen uses: SHA-256 of the uncompressed public point. */
    static byte[] keyId(PublicKey key) {
        return Ecdsa.sha256(Ecdsa.publicKeyParameters(key).getQ().getEncoded(false));
    }
}
