package dev.ledgersim.msp.internal;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.operator.ContentSigner;

/**
 * Signs certificates and CRLs with SHA256withECDSA using {@link Ecdsa#sign} (RFC 6979 nonces, low-S),
 * so that a CA built from a seed issues byte-identical certificates on every run.
 */
public final class EcdsaContentSigner implements ContentSigner {

    private final ECPrivateKeyParameters key;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    /** A one-shot signer for one certificate or CRL. */
    public EcdsaContentSigner(ECPrivateKeyParameters key) {
        this.key = key;
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
    }

    @Override
    public OutputStream getOutputStream() {
        return buffer;
    }

    @Override
    public byte[] getSignature() {
        return Ecdsa.sign(key, buffer.toByteArray());
    }
}
