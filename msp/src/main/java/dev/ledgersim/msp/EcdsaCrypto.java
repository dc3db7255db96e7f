package dev.ledgersim.msp;

import dev.ledgersim.msp.internal.BoundedCache;
import dev.ledgersim.msp.internal.Ecdsa;
import dev.ledgersim.msp.internal.FixedBaseMultiples;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Real ECDSA P-256 / SHA-256 with RFC 6979 nonces and Fabric's low-S rule. See {@link Crypto#ecdsa()}.
 *
 * <p>A public key that has verified {@value #USES_BEFORE_MULTIPLES} signatures gets a table of precomputed
 * multiples ({@link Ecdsa#keyMultiples}), shared by every verifier of that key: a verification then
 * costs about two thirds of BouncyCastle's. In a network a few keys — peers', orderers', busy clients' —
 * sign almost everything, so a small number of tables serves nearly every check; at most
 * {@code 2 × }{@value #TABLES_PER_GENERATION} are kept (about 17 MB), the least used forgotten.
 */
final class EcdsaCrypto implements Crypto {

    static final EcdsaCrypto INSTANCE = new EcdsaCrypto();

    /** Verifications by one verifier before its key's table is built (a build costs some fifty). */
    static final int USES_BEFORE_MULTIPLES = 64;
    /** Key tables per generation of the cache. */
    static final int TABLES_PER_GENERATION = 32;
    private static final BoundedCache<KeyPoint, FixedBaseMultiples> KEY_MULTIPLES =
            new BoundedCache<>(TABLES_PER_GENERATION);

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
        KeyPoint point = KeyPoint.of(key);
        return new Verifier() {
            private int uses;

            @Override
            public boolean verify(byte[] message, byte[] signature) {
                return verify(message, 0, message.length, signature);
            }

            @Override
            public boolean verify(byte[] message, int offset, int length, byte[] signature) {
                return Ecdsa.verify(key, multiples(), message, offset, length, signature, true);
            }

            @Override
            public boolean verify(byte[] message, int offset, int length, byte[] suffix, int suffixOffset, int suffixLength,
                                  byte[] signature) {
                return Ecdsa.verify(key, multiples(), message, offset, length, suffix, suffixOffset, suffixLength,
                        signature, true);
            }

            /** The key's table once it has been used enough (a racy count: a lost increment is harmless). */
            private FixedBaseMultiples multiples() {
                FixedBaseMultiples multiples = KEY_MULTIPLES.get(point);
                if (multiples == null && ++uses >= USES_BEFORE_MULTIPLES) {
                    multiples = KEY_MULTIPLES.computeIfAbsent(point, p -> Ecdsa.keyMultiples(key));
                }
                return multiples;
            }
        };
    }

    /** Whether {@code publicKey}'s table is cached now (for tests). */
    static boolean hasMultiples(PublicKey publicKey) {
        return KEY_MULTIPLES.get(KeyPoint.of(Ecdsa.publicKeyParameters(publicKey))) != null;
    }

    /** A public key's affine point, as the key of its table. */
    private record KeyPoint(BigInteger x, BigInteger y) {
        static KeyPoint of(ECPublicKeyParameters key) {
            org.bouncycastle.math.ec.ECPoint q = key.getQ().normalize();
            return new KeyPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
