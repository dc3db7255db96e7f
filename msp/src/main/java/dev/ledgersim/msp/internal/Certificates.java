package dev.ledgersim.msp.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * X.509 plumbing shared by the CA and the MSP: PEM, parsing with the JDK's certificate factory,
 * subject fields and the Fabric CA attribute extension.
 */
public final class Certificates {

    /** Fabric CA's attribute extension ({@code fabric-chaincode-go/pkg/attrmgr}). */
    public static final String ATTRIBUTE_OID = "1.2.3.4.5.6.7.8.1";

    private static final String PEM_BEGIN = "-----BEGIN CERTIFICATE-----";
    private static final String PEM_END = "-----END CERTIFICATE-----";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Certificates() {
    }

    /** PEM text of a certificate: the CERTIFICATE block with 64-character lines, ending in a newline. */
    public static byte[] toPem(X509Certificate certificate) {
        try {
            return pem(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** PEM text of DER certificate bytes. */
    public static byte[] pem(byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return (PEM_BEGIN + "\n" + body + "\n" + PEM_END + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The certificate in {@code pem}, which must hold exactly one CERTIFICATE block and nothing after it
     * but whitespace (Fabric's {@code IsWellFormed}).
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static X509Certificate fromPem(byte[] pem) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0) {
            throw new IllegalArgumentException("no PEM block found (expected '" + PEM_BEGIN + "')");
        }
        if (!text.startsWith(PEM_BEGIN, begin)) {
            int eol = text.indexOf('\n', begin);
            throw new IllegalArgumentException("PEM block of type '"
                    + text.substring(begin, eol < 0 ? text.length() : eol).trim() + "', expected CERTIFICATE");
        }
        int end = text.indexOf(PEM_END, begin);
        if (end < 0) {
            throw new IllegalArgumentException("PEM block is not terminated by '" + PEM_END + "'");
        }
        if (!text.substring(end + PEM_END.length()).isBlank()) {
            throw new IllegalArgumentException("trailing bytes after the PEM certificate block");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(begin + PEM_BEGIN.length(), end));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("PEM body is not valid base64: " + e.getMessage(), e);
        }
        return fromDer(der);
    }

    /**
     * The certificate encoded by {@code der}.
     *
     * @throws IllegalArgumentException when the bytes are not one X.509 certificate
     */
    public static X509Certificate fromDer(byte[] der) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            X509Certificate certificate =
                    (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
            if (!java.util.Arrays.equals(certificate.getEncoded(), der)) {
                throw new IllegalArgumentException("certificate bytes are not canonical DER (or have trailing bytes)");
            }
            return certificate;
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not an X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** The CRL encoded by {@code der}. */
    public static X509CRL crlFromDer(byte[] der) {
        try {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        } catch (java.security.cert.CRLException | CertificateException e) {
            throw new IllegalArgumentException("not an X.509 CRL: " + e.getMessage(), e);
        }
    }

    /** The DER bytes of a certificate the JDK parsed. */
    public static byte[] der(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode certificate " + certificate.getSubjectX500Principal(), e);
        }
    }

    /** The subject's organizational units, in certificate order. */
    public static List<String> organizationalUnits(X509Certificate certificate) {
        return values(subject(certificate), BCStyle.OU);
    }

    /** The subject's common name, or the empty string when it has none. */
    public static String commonName(X509Certificate certificate) {
        List<String> cns = values(subject(certificate), BCStyle.CN);
        return cns.isEmpty() ? "" : cns.get(0);
    }

    private static X500Name subject(X509Certificate certificate) {
        return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    }

    private static List<String> values(X500Name name, org.bouncycastle.asn1.ASN1ObjectIdentifier type) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) {
            out.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        return out;
    }

    /** The JSON value of the attribute extension for {@code attributes}: {@code {"attrs":{...}}}, keys sorted. */
    public static byte[] attributeExtensionValue(SortedMap<String, String> attributes) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode attrs = root.putObject("attrs");
        attributes.forEach(attrs::put);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write certificate attributes as JSON", e);
        }
    }

    /**
     * The Fabric CA attributes of a certificate, sorted by name; empty when it has no attribute
     * extension.
     *
     * @throws IllegalArgumentException when the extension is present but is not {@code {"attrs":{...}}}
     *     with string values
     */
    public static SortedMap<String, String> attributes(X509Certificate certificate) {
        byte[] wrapped = certificate.getExtensionValue(ATTRIBUTE_OID);
        if (wrapped == null) {
            return Collections.emptySortedMap();
        }
        byte[] json;
        try {
            json = ASN1OctetString.getInstance(ASN1Primitive.fromByteArray(wrapped)).getOctets();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute extension " + ATTRIBUTE_OID + " is not an OCTET STRING", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("attribute extension " + ATTRIBUTE_OID + " is not JSON: " + e.getMessage(), e);
        }
        JsonNode attrs = root == null ? null : root.get("attrs");
        if (attrs == null || !attrs.isObject()) {
            throw new IllegalArgumentException("attribute extension " + ATTRIBUTE_OID + " lacks an \"attrs\" object");
        }
        SortedMap<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonNode> field : attrs.properties()) {
            if (!field.getValue().isTextual()) {
                throw new IllegalArgumentException("attribute '" + field.getKey() + "' in extension "
                        + ATTRIBUTE_OID + " is not a string");
            }
            out.put(field.getKey(), field.getValue().textValue());
        }
        return Collections.unmodifiableSortedMap(out);
    }
}
