package dev.ledgersim.contract;

import dev.ledgersim.msp.MspException;
import dev.ledgersim.msp.SerializedIdentity;
import dev.ledgersim.msp.internal.Certificates;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Objects;

/**
 * The identity that submitted the transaction, for access control in contracts (Fabric Java's
 * {@code ClientIdentity}, itself modelled on Go's {@code cid} library): MSP id, id string, X.509
 * certificate and the Fabric CA attributes in the certificate.
 *
 * <p>It is read from {@link ChaincodeStub#getCreator()}, which holds the identity exactly as the client
 * serialized it into the signed proposal. The endorser has already checked that the identity is valid
 * for its MSP and signed the proposal, so a contract may trust it. Immutable.
 */
public final class ClientIdentity {

    private final String mspId;
    private final X509Certificate certificate;
    private final Map<String, String> attributes;
    private final String id;

    /**
     * Reads the creator of {@code stub}'s transaction.
     *
     * @throws ChaincodeException when the creator bytes are missing or are not a serialized identity
     *     (protobuf {@code SerializedIdentity} with an MSP id and one PEM X.509 certificate), or the
     *     certificate's attribute extension is malformed; the message says which
     * @throws NullPointerException if {@code stub} is null
     */
    public ClientIdentity(ChaincodeStub stub) {
        byte[] creator = Objects.requireNonNull(stub, "stub").getCreator();
        if (creator == null || creator.length == 0) {
            throw new ChaincodeException("cannot read the client identity: the transaction has no creator");
        }
        SerializedIdentity serialized;
        try {
            serialized = SerializedIdentity.fromBytes(creator);
        } catch (MspException | IllegalArgumentException e) {
            throw new ChaincodeException("cannot read the client identity: " + e.getMessage(), e);
        }
        try {
            this.certificate = Certificates.fromPem(serialized.pem());
            this.attributes = Map.copyOf(Certificates.attributes(certificate));
        } catch (IllegalArgumentException e) {
            throw new ChaincodeException("cannot read the client identity of MSP " + serialized.mspId()
                    + ": " + e.getMessage(), e);
        }
        this.mspId = serialized.mspId();
        this.id = idOf(certificate);
    }

    /**
     * The id string of a certificate, {@code x509::<subject DN>::<issuer DN>}, with the DNs as
     * {@link javax.security.auth.x500.X500Principal#toString()} prints them. This is the same format as
     * {@code dev.ledgersim.msp.Identity.id()} and Fabric Java's {@code ClientIdentity.getId()}.
     */
    static String idOf(X509Certificate certificate) {
        return "x509::" + certificate.getSubjectX500Principal() + "::" + certificate.getIssuerX500Principal();
    }

    /** The MSP id of the client's organisation, e.g. {@code Org1MSP}. */
    public String getMSPID() {
        return mspId;
    }

    /**
     * The client's id, unique within its MSP: {@code x509::<subject DN>::<issuer DN>}, e.g.
     * {@code x509::CN=drbob, OU=client, O=Org1MSP::CN=ca.org1msp, O=Org1MSP}.
     */
    public String getId() {
        return id;
    }

    /** The client's X.509 certificate. */
    public X509Certificate getX509Certificate() {
        return certificate;
    }

    /**
     * The value of the Fabric CA attribute {@code name} in the certificate (extension 1.2.3.4.5.6.7.8.1),
     * or {@code null} when the certificate has no such attribute.
     */
    public String getAttributeValue(String name) {
        return attributes.get(name);
    }

    /**
     * Whether the certificate carries the attribute {@code name} with exactly the value {@code value};
     * false when the attribute is absent.
     */
    public boolean assertAttributeValue(String name, String value) {
        String actual = attributes.get(name);
        return actual != null && actual.equals(value);
    }

    @Override
    public String toString() {
        return "ClientIdentity[" + mspId + ", " + id + "]";
    }
}
