package dev.ledgersim.msp;

import com.google.common.io.BaseEncoding;
import dev.ledgersim.msp.internal.Certificates;
import dev.ledgersim.msp.internal.Ecdsa;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;

/**
 * An X.509 identity of an MSP: who signed a proposal, an endorsement, a transaction or a block.
 *
 * <p>An identity enrolled with a {@link CertificateAuthority} can also {@linkplain #sign sign}; one read
 * back from bytes by an {@link MspManager} only {@linkplain #verify verifies}. Two identities are
 * equal when they have the same MSP id and the same certificate, which is also how policies count
 * signers (each identity at most once).
 *
 * <p>Holding an {@code Identity} says nothing about its validity: an {@link Msp} decides whether it
 * chains to the organisation's CA and is not revoked. Instances are immutable and thread-safe.
 */
public final class Identity {

    private final String mspId;
    private final X509Certificate certificate;
    private final byte[] serialized;
    private final String id;
    private final String fingerprint;
    private final String name;
    private final SortedMap<String, String> attributes;
    private final List<Role> nodeOuRoles;
    private final Crypto crypto;
    private final Crypto.Verifier verifier;
    private final Crypto.Signer signer;

    private Identity(String mspId, X509Certificate certificate, Crypto crypto, KeyPair keyPair) {
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.certificate = Objects.requireNonNull(certificate, "certificate");
        this.crypto = Objects.requireNonNull(crypto, "crypto");
        byte[] der = Certificates.der(certificate);
        this.serialized = new SerializedIdentity(mspId, Certificates.pem(der)).toBytes();
        this.fingerprint = BaseEncoding.base16().lowerCase().encode(Ecdsa.sha256(der));
        this.id = "x509::" + certificate.getSubjectX500Principal() + "::" + certificate.getIssuerX500Principal();
        this.name = Certificates.commonName(certificate);
        try {
            this.attributes = Certificates.attributes(certificate);
        } catch (IllegalArgumentException e) {
            throw new MspException(MspException.Reason.MALFORMED,
                    "certificate of '" + name + "' (MSP " + mspId + "): " + e.getMessage(), e);
        }
        List<Role> roles = new ArrayList<>();
        for (String ou : Certificates.organizationalUnits(certificate)) {
            for (Role role : Role.values()) {
                if (role.isNodeOu() && role.label().equals(ou) && !roles.contains(role)) {
                    roles.add(role);
                }
            }
        }
        this.nodeOuRoles = List.copyOf(roles);
        try {
            this.verifier = crypto.verifier(certificate.getPublicKey());
        } catch (IllegalArgumentException e) {
            throw new MspException(MspException.Reason.MALFORMED,
                    "certificate of '" + name + "' (MSP " + mspId + ") has an unsupported key: " + e.getMessage(), e);
        }
        this.signer = keyPair == null ? null : crypto.signer(keyPair);
    }

    /** An identity that can sign, for the holder of {@code keyPair} (whose public key is the certificate's). */
    static Identity signing(String mspId, X509Certificate certificate, KeyPair keyPair, Crypto crypto) {
        if (!certificate.getPublicKey().equals(keyPair.getPublic())) {
            throw new IllegalArgumentException("the key pair does not match the certificate of " + certificate.getSubjectX500Principal());
        }
        return new Identity(mspId, certificate, crypto, keyPair);
    }

    /** An identity that only verifies, as read from a proposal, transaction or block. */
    static Identity verifying(String mspId, X509Certificate certificate, Crypto crypto) {
        return new Identity(mspId, certificate, crypto, null);
    }

    /** The id of the MSP (organisation) the identity belongs to, e.g. {@code Org1MSP}. */
    public String mspId() {
        return mspId;
    }

    /**
     * The identity's id as Fabric's client identity library prints it:
     * {@code x509::<subject DN>::<issuer DN>}.
     */
    public String id() {
        return id;
    }

    /** The enrollment name: the subject's common name, e.g. {@code alice}. */
    public String name() {
        return name;
    }

    /** The X.509 certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * The Fabric CA attributes carried in the certificate (extension 1.2.3.4.5.6.7.8.1), sorted by name:
     * those given at enrollment plus {@code hf.EnrollmentID}, {@code hf.Type} and {@code hf.Affiliation}.
     */
    public Map<String, String> attributes() {
        return attributes;
    }

    /** One attribute, if the certificate carries it. */
    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    /**
     * The identity's NodeOU role: client, peer, admin or orderer.
     *
     * @throws MspException with reason {@link MspException.Reason#ROLE} when the certificate carries none
     *     or several of those OUs
     */
    public Role role() {
        if (nodeOuRoles.size() != 1) {
            throw new MspException(MspException.Reason.ROLE, roleProblem());
        }
        return nodeOuRoles.get(0);
    }

    /** The NodeOU roles the certificate's subject names (a valid identity has exactly one). */
    List<Role> nodeOuRoles() {
        return nodeOuRoles;
    }

    String roleProblem() {
        return nodeOuRoles.isEmpty()
                ? "the identity '" + name + "' (MSP " + mspId + ") does not have an OU that resolves to client, peer, orderer, or admin role"
                : "the identity '" + name + "' (MSP " + mspId + ") must be a client, a peer, an orderer or an admin identity to be valid, not a combination of them " + nodeOuRoles;
    }

    /** The canonical serialized form (see {@link SerializedIdentity#toBytes()}); a fresh copy. */
    public byte[] serialize() {
        return serialized.clone();
    }

    /** Lower-case hex SHA-256 of the certificate's DER bytes: Fabric's MSP identity id, used to de-duplicate signers. */
    public String fingerprint() {
        return fingerprint;
    }

    /** When the certificate stops being valid. */
    public Instant expiresAt() {
        return certificate.getNotAfter().toInstant();
    }

    /** The signature scheme this identity signs and verifies with. */
    public Crypto crypto() {
        return crypto;
    }

    /** Whether this identity holds its private key and can {@link #sign}. */
    public boolean canSign() {
        return signer != null;
    }

    /**
     * Signs {@code message} with the identity's private key.
     *
     * @throws MspException with reason {@link MspException.Reason#NO_SIGNING_KEY} for a verify-only identity
     */
    public byte[] sign(byte[] message) {
        if (signer == null) {
            throw new MspException(MspException.Reason.NO_SIGNING_KEY,
                    "identity '" + name + "' (MSP " + mspId + ") has no private key here and cannot sign");
        }
        return signer.sign(message);
    }

    /** Whether {@code signature} is this identity's valid signature over {@code message}. */
    public boolean verify(byte[] message, byte[] signature) {
        return verifier.verify(message, signature);
    }

    /**
     * Whether {@code signature} is this identity's valid signature over the {@code length} bytes of
     * {@code message} from {@code offset}, read in place.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code message}
     */
    public boolean verify(byte[] message, int offset, int length, byte[] signature) {
        return verifier.verify(message, offset, length, signature);
    }

    /**
     * Whether {@code signature} is this identity's valid signature over the {@code length} bytes of
     * {@code message} from {@code offset} followed by the {@code suffixLength} bytes of {@code suffix} from
     * {@code suffixOffset}, both read in place (see {@link Crypto.Verifier}).
     *
     * @throws IndexOutOfBoundsException if a range is not inside its array
     */
    public boolean verify(byte[] message, int offset, int length, byte[] suffix, int suffixOffset, int suffixLength,
                          byte[] signature) {
        return verifier.verify(message, offset, length, suffix, suffixOffset, suffixLength, signature);
    }

    /** The same identity without its private key, safe to hand to code that must only verify. */
    public Identity withoutPrivateKey() {
        return signer == null ? this : new Identity(mspId, certificate, crypto, null);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Identity other && mspId.equals(other.mspId) && fingerprint.equals(other.fingerprint);
    }

    @Override
    public int hashCode() {
        return 31 * mspId.hashCode() + fingerprint.hashCode();
    }

    @Override
    public String toString() {
        String roles = nodeOuRoles.size() == 1 ? nodeOuRoles.get(0).label() : nodeOuRoles.toString();
        return name + "@" + mspId + " (" + roles + ")";
    }
}
