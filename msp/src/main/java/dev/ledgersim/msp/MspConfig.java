package dev.ledgersim.msp;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * What an MSP knows of one organisation, as carried in a channel's configuration: its root CA
 * certificates, its intermediate CA certificates and its certificate revocation lists. NodeOUs are
 * always enabled, with the conventional OU names {@code client}, {@code peer}, {@code admin} and
 * {@code orderer}.
 *
 * @param mspId the organisation's MSP id
 * @param rootCertificates self-signed CA certificates (at least one)
 * @param intermediateCertificates CA certificates chaining to a root; when present, identities must be
 *     issued by one of them
 * @param crls revocation lists issued by the organisation's CAs
 */
public record MspConfig(String mspId, List<X509Certificate> rootCertificates,
                        List<X509Certificate> intermediateCertificates, List<X509CRL> crls) {

    /** Validates and copies. */
    public MspConfig {
        Objects.requireNonNull(mspId, "mspId");
        rootCertificates = List.copyOf(rootCertificates);
        intermediateCertificates = List.copyOf(intermediateCertificates);
        crls = List.copyOf(crls);
        if (rootCertificates.isEmpty()) {
            throw new IllegalArgumentException("MSP " + mspId + " needs at least one root CA certificate");
        }
    }
}
