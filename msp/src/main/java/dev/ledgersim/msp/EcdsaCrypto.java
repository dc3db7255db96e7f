package dev.ledgersim.msp;

import dev.ledgersim.msp.internal.Ecdsa;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/** Real ECDSA P-256 / SHA-256 with RFC 6979 nonces and Fabric's low-S rule. See {@link Crypto#ecdsa()}. */
final class EcdsaCrypto implements Crypto {

    static final EcdsaCrypto INSTANCE = new EcdsaCrypto();

    private EcdsaCrypto() {
    }

    @Override
    public String name() {
        return "ecdsa-p256";
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
        return Ecdsa.generateKeyPair(random);
    }

    @Override
    public Signer signer(KeyPair keyPair) {
        ECPrivateKeyParameters key = Ecdsa.privateKeyParameters(keyPair.getPrivate());
        return message -> Ecdsa.sign(key, message);
    }

    @Override
    public Verifier verifier(PublicKey publicKey) {
        ECPublicKeyParameters key = Ecdsa.publicKeyParameters(publicKey);
        return new Verifier() {
            @Override
            public boolean verify(byte[] message, byte[] signature) {
                return Ecdsa.verify(key, message, signature, true);
            }

            @Override
            public boolean verify(byte[] message, int offset, int length, byte[] signature) {
                return Ecdsa.verify(key, message, offset, length, signature, true);
            }
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
