package dev.ledgersim.msp;

import dev.ledgersim.msp.internal.BoundedCache;
import dev.ledgersim.msp.internal.Ecdsa;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The membership service provider of one organisation: decides whether an identity belongs to it.
 *
 * <p>{@link #validate(Identity)} follows Fabric's {@code msp/mspimplvalidate.go}:
 * <ol>
 *   <li>a CA certificate cannot be an identity;</li>
 *   <li>the certificate must chain to a root CA of the MSP, through an intermediate CA when the MSP
 *       has intermediates (a certificate signed directly by the root is then refused: the parent must
 *       be a leaf of the MSP's certification tree);</li>
 *   <li>the chain is checked at the certificate's {@code notBefore + 1s}, so the identity's own expiry is
 *       <em>not</em> checked here and block validation never depends on a clock — expiry is checked only
 *       where Fabric checks it (endorsement, broadcast, deliver), with {@link #checkNotExpired};</li>
 *   <li>a certificate whose serial is on a CRL of its issuing CA, with a valid signature of that CA, is
 *       revoked (a CRL with a bad signature is ignored);</li>
 *   <li>the certificate must carry exactly one of the client, peer, admin and orderer OUs.</li>
 * </ol>
 * Results are cached per certificate (an {@code Msp} is immutable: a new CRL means a new {@code Msp}).
 * Thread-safe.
 */
public final class Msp {

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

    private final MspConfig config;
    private final Crypto crypto;
    private final List<CaNode> roots = new ArrayList<>();
    private final List<CaNode> issuers = new ArrayList<>();
    private final List<CaNode> nonIssuers = new ArrayList<>();
    private final BoundedCache<String, Optional<MspException>> verdicts = new BoundedCache<>(50_000);

    /**
     * An MSP for {@code config}, whose identities sign with {@code crypto}.
     *
     * @throws IllegalArgumentException when a root is not a self-signed CA certificate, or an
     *     intermediate does not chain to a root
     */
    public Msp(MspConfig config, Crypto crypto) {
        this.config = Objects.requireNonNull(config, "config");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        for (X509Certificate root : config.rootCertificates()) {
            CaNode node = new CaNode(root, null);
            if (root.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("root certificate " + root.getSubjectX500Principal()
                        + " of MSP " + mspId() + " is not a CA certificate");
            }
            if (!root.getSubjectX500Principal().equals(root.getIssuerX500Principal()) || !node.signed(root)) {
                throw new IllegalArgumentException("root certificate " + root.getSubjectX500Principal()
                        + " of MSP " + mspId() + " is not self-signed");
            }
            roots.add(node);
        }
        List<CaNode> intermediates = new ArrayList<>();
        for (X509Certificate ica : config.intermediateCertificates()) {
            if (ica.getBasicConstraints() < 0) {
                throw new IllegalArgumentException("intermediate certificate " + ica.getSubjectX500Principal()
                        + " of MSP " + mspId() + " is not a CA certificate");
            }
            CaNode parent = roots.stream().filter(r -> r.issued(ica)).findFirst().orElseThrow(() ->
                    new IllegalArgumentException("intermediate certificate " + ica.getSubjectX500Principal()
                            + " of MSP " + mspId() + " does not chain to any of its root certificates"));
            intermediates.add(new CaNode(ica, parent));
        }
        if (intermediates.isEmpty()) {
            issuers.addAll(roots);
        } else {
            issuers.addAll(intermediates);
            nonIssuers.addAll(roots);
        }
    }

    /** The organisation's MSP id. */
    public String mspId() {
        return config.mspId();
    }

    /** The configuration this MSP was built from. */
    public MspConfig config() {
        return config;
    }

    /** The signature scheme of this MSP's identities. */
    public Crypto crypto() {
        return crypto;
    }

    /** Reads a certificate of this MSP as a verify-only identity (no validation; see {@link #validate}). */
    public Identity identity(X509Certificate certificate) {
        return Identity.verifying(mspId(), certificate, crypto);
    }

    /**
     * Checks that {@code identity} is a valid identity of this MSP, as Fabric's {@code Validate}:
     * chain, revocation and NodeOU role — not expiry.
     *
     * @throws MspException saying why it is not
     */
    public void validate(Identity identity) {
        Objects.requireNonNull(identity, "identity");
        if (!identity.mspId().equals(mspId())) {
            throw new MspException(MspException.Reason.UNKNOWN_MSP, "the identity '" + identity.name()
                    + "' is a member of a different MSP (expected " + mspId() + ", got " + identity.mspId() + ")");
        }
        Optional<MspException> verdict = verdicts.get(identity.fingerprint());
        if (verdict == null) {
            verdict = verdicts.put(identity.fingerprint(), Optional.ofNullable(check(identity)));
        }
        if (verdict.isPresent()) {
            MspException cached = verdict.get();
            throw new MspException(cached.reason(), cached.getMessage());
        }
    }

    /** Whether {@link #validate} accepts {@code identity}. */
    public boolean isValid(Identity identity) {
        try {
            validate(identity);
            return true;
        } catch (MspException e) {
            return false;
        }
    }

    /**
     * Checks that the certificate of {@code identity} has not expired at {@code now}, as Fabric's
     * endorser, orderer broadcast and deliver service do (and only they).
     *
     * @throws MspException with reason {@link MspException.Reason#EXPIRED}
     */
    public static void checkNotExpired(Identity identity, Instant now) {
        if (now.isAfter(identity.expiresAt())) {
            throw new MspException(MspException.Reason.EXPIRED, "the certificate of '" + identity.name()
                    + "' (MSP " + identity.mspId() + ") expired at " + identity.expiresAt() + "; it is now " + now);
        }
    }

    private MspException check(Identity identity) {
        X509Certificate cert = identity.certificate();
        String who = "'" + identity.name() + "' (MSP " + mspId() + ")";
        if (cert.getBasicConstraints() >= 0) {
            return new MspException(MspException.Reason.CA_CERTIFICATE, "the certificate of " + who
                    + " has Basic Constraint: Certificate Authority equals true and cannot be used as an identity");
        }
        Date at = new Date(cert.getNotBefore().getTime() + 1000);
        CaNode parent = issuers.stream().filter(ca -> ca.issued(cert)).findFirst().orElse(null);
        if (parent == null) {
            Optional<CaNode> root = nonIssuers.stream().filter(ca -> ca.issued(cert)).findFirst();
            if (root.isPresent()) {
                return new MspException(MspException.Reason.BAD_CHAIN, "the certificate of " + who
                        + " is signed by root CA " + root.get().certificate.getSubjectX500Principal()
                        + ", but this MSP issues identities only through its intermediate CAs");
            }
            return new MspException(MspException.Reason.BAD_CHAIN, "the certificate of " + who + " (issuer "
                    + cert.getIssuerX500Principal() + ") does not chain to any CA of MSP " + mspId());
        }
        for (CaNode ca = parent; ca != null; ca = ca.parent) {
            if (at.before(ca.certificate.getNotBefore()) || at.after(ca.certificate.getNotAfter())) {
                return new MspException(MspException.Reason.BAD_CHAIN, "the certificate of " + who
                        + " chains to CA " + ca.certificate.getSubjectX500Principal() + ", which was not valid at "
                        + at.toInstant() + " (the identity's notBefore + 1s)");
            }
        }
        for (X509CRL crl : config.crls()) {
            if (parent.signedCrl(crl) && crl.isRevoked(cert)) {
                return new MspException(MspException.Reason.REVOKED, "the certificate of " + who
                        + " has been revoked (serial " + cert.getSerialNumber().toString(16) + " is on the CRL of "
                        + crl.getIssuerX500Principal() + ")");
            }
        }
        if (identity.nodeOuRoles().size() != 1) {
            return new MspException(MspException.Reason.ROLE, identity.roleProblem());
        }
        return null;
    }

    /** A CA certificate of the MSP with its decoded key and its parent in the certification tree. */
    private static final class CaNode {
        final X509Certificate certificate;
        final CaNode parent;
        final ECPublicKeyParameters key;
        final byte[] keyId;

        CaNode(X509Certificate certificate, CaNode parent) {
            this.certificate = certificate;
            this.parent = parent;
            this.key = Ecdsa.publicKeyParameters(certificate.getPublicKey());
            this.keyId = CertificateAuthority.keyId(certificate.getPublicKey());
        }

        /** Whether this CA issued {@code cert}: issuer name matches and the signature verifies under this key. */
        boolean issued(X509Certificate cert) {
            return cert.getIssuerX500Principal().equals(certificate.getSubjectX500Principal()) && signed(cert);
        }

        boolean signed(X509Certificate cert) {
            try {
                return ECDSA_WITH_SHA256.equals(cert.getSigAlgOID())
                        && Ecdsa.verify(key, cert.getTBSCertificate(), cert.getSignature(), false);
            } catch (java.security.cert.CertificateEncodingException e) {
                return false;
            }
        }

        /** Whether {@code crl} was issued by this CA (AKI equals our key id) and its signature verifies. */
        boolean signedCrl(X509CRL crl) {
            if (!crl.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())) {
                return false;
            }
            byte[] aki = crl.getExtensionValue(Extension.authorityKeyIdentifier.getId());
            if (aki != null) {
                try {
                    byte[] inner = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(aki)).getOctets();
                    byte[] id = AuthorityKeyIdentifier.getInstance(inner).getKeyIdentifierObject() == null ? null
                            : AuthorityKeyIdentifier.getInstance(inner).getKeyIdentifierObject().getOctets();
                    if (id != null && !Arrays.equals(id, keyId)) {
                        return false;
                    }
                } catch (java.io.IOException | IllegalArgumentException e) {
                    return false;
                }
            }
            try {
                return ECDSA_WITH_SHA256.equals(crl.getSigAlgOID())
                        && Ecdsa.verify(key, crl.getTBSCertList(), crl.getSignature(), false);
            } catch (java.security.cert.CRLException e) {
                return false;
            }
        }
    }
}
