package dev.ledgersim.msp.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.generators.ECKeyPairGenerator;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECKeyGenerationParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.util.BigIntegers;

/**
 * ECDSA on P-256 with SHA-256 as Fabric's BCCSP does it, on BouncyCastle's lightweight API.
 *
 * <p>Signing uses RFC 6979 deterministic nonces ({@link HMacDSAKCalculator}) and normalises the
 * signature to low-S ({@code s := N - s} when {@code s > N/2}); verification of transaction
 * signatures rejects high-S and non-DER encodings ({@code bccsp/utils/ecdsa.go}). All methods are
 * thread-safe: BouncyCastle signer objects are created per call (they are cheap; the curve
 * arithmetic dominates).
 *
 * <p>The curve arithmetic is BouncyCastle's, but multiples of the generator come from a
 * {@link FixedBaseMultiples} table (built once, on first use: about 20 ms and 2.6 MB), and a verifier may
 * pass one for the public key as well, so that neither signing nor verification doubles points. The
 * signatures are the same bytes BouncyCastle's own signer produces (the nonce is RFC 6979's) and
 * verification accepts exactly the same signatures; only timing differs, and it is variable (see
 * {@link FixedBaseMultiples}).
 */
public final class Ecdsa {

    /** P-256 (secp256r1) with BouncyCastle's optimised field arithmetic. */
    public static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256r1");
    /** The same curve as BouncyCastle domain parameters. */
    public static final ECDomainParameters DOMAIN =
            new ECDomainParameters(CURVE.getCurve(), CURVE.getG(), CURVE.getN(), CURVE.getH(), CURVE.getSeed());
    /** Half the group order: signatures with {@code s} above it are "high-S". */
    public static final BigInteger HALF_ORDER = CURVE.getN().shiftRight(1);

    private static final ECParameterSpec JCA_P256 = jcaP256();

    private Ecdsa() {
    }

    /**
     * SHA-256 of {@code message}, with the JDK's implementation (it uses the CPU's SHA instructions where
     * present: about ten times BouncyCastle's pure-Java digest on large messages).
     */
    public static byte[] sha256(byte[] message) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest.digest(message);
    }

    /** This thread's SHA-256 digest, reset and ready for updates. */
    public static MessageDigest sha256Digest() {
        MessageDigest digest = SHA256.get();
        digest.reset();
        return digest;
    }

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    /** A DER {@code SEQUENCE{r, s}} signature over SHA-256({@code message}), low-S, RFC 6979 nonce. */
    public static byte[] sign(ECPrivateKeyParameters key, byte[] message) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest())) {
            @Override
            protected ECMultiplier createBasePointMultiplier() {
                return GENERATOR_MULTIPLIER;
            }
        };
        signer.init(true, key);
        BigInteger[] rs = signer.generateSignature(sha256(message));
        return encodeSignature(rs[0], toLowS(rs[1]));
    }

    /**
     * Whether {@code signature} is a valid DER ECDSA signature over SHA-256({@code message}).
     *
     * @param requireLowS reject signatures whose {@code s} exceeds half the order, as Fabric does for
     *     every transaction and endorsement signature (certificates are exempt: Fabric re-encodes
     *     their signatures to low-S before checking)
     */
    public static boolean verify(ECPublicKeyParameters key, byte[] message, byte[] signature, boolean requireLowS) {
        return verify(key, message, 0, message.length, signature, requireLowS);
    }

    /**
     * As {@link #verify(ECPublicKeyParameters, byte[], byte[], boolean)}, over the {@code length} bytes of
     * {@code message} from {@code offset}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code message}
     */
    public static boolean verify(ECPublicKeyParameters key, byte[] message, int offset, int length, byte[] signature,
                                 boolean requireLowS) {
        return verify(key, null, message, offset, length, signature, requireLowS);
    }

    /**
     * As {@link #verify(ECPublicKeyParameters, byte[], int, int, byte[], boolean)}, computing
     * {@code u2·Q} from {@code keyMultiples} — precomputed multiples of {@code key}'s point — when given.
     * The answer is the same either way.
     *
     * @throws IndexOutOfBoundsException if the range is not inside {@code message}
     */
    public static boolean verify(ECPublicKeyParameters key, FixedBaseMultiples keyMultiples, byte[] message,
                                 int offset, int length, byte[] signature, boolean requireLowS) {
        return verify(key, keyMultiples, message, offset, length, message, 0, 0, signature, requireLowS);
    }

    /**
     * As {@link #verify(ECPublicKeyParameters, FixedBaseMultiples, byte[], int, int, byte[], boolean)}, over
     * a message in two parts: the {@code length} bytes of {@code message} from {@code offset}, then the
     * {@code suffixLength} bytes of {@code suffix} from {@code suffixOffset}, both fed to the digest in place.
     *
     * @throws IndexOutOfBoundsException if a range is not inside its array
     */
    public static boolean verify(ECPublicKeyParameters key, FixedBaseMultiples keyMultiples, byte[] message,
                                 int offset, int length, byte[] suffix, int suffixOffset, int suffixLength,
                                 byte[] signature, boolean requireLowS) {
        java.util.Objects.checkFromIndexSize(offset, length, message.length);
        java.util.Objects.checkFromIndexSize(suffixOffset, suffixLength, suffix.length);
        BigInteger[] rs = decodeSignature(signature);
        if (rs == null) {
            return false;
        }
        BigInteger r = rs[0];
        BigInteger s = rs[1];
        BigInteger n = CURVE.getN();
        if (r.signum() <= 0 || s.signum() <= 0 || r.compareTo(n) >= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        if (requireLowS && !isLowS(s)) {
            return false;
        }
        MessageDigest digest = sha256Digest();
        digest.update(message, offset, length);
        digest.update(suffix, suffixOffset, suffixLength);
        // SEC 1, 4.1.4, as BouncyCastle's ECDSASigner.verifySignature: the digest is exactly as long as n.
        BigInteger e = new BigInteger(1, digest.digest());
        BigInteger c = BigIntegers.modOddInverseVar(n, s);
        BigInteger u1 = e.multiply(c).mod(n);
        BigInteger u2 = r.multiply(c).mod(n);
        org.bouncycastle.math.ec.ECPoint point = (keyMultiples != null
                ? generatorMultiples().multiply(u1).add(keyMultiples.multiply(u2))
                : ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, key.getQ(), u2)).normalize();
        if (point.isInfinity()) {
            return false;
        }
        return point.getAffineXCoord().toBigInteger().mod(n).equals(r);
    }

    /**
     * Precomputed multiples of {@code key}'s point for {@link #verify(ECPublicKeyParameters,
     * FixedBaseMultiples, byte[], int, int, byte[], boolean)}: 6-bit windows, 1,408 points (about 270 KB),
     * built in about 2 ms, the time of some fifty verifications.
     */
    public static FixedBaseMultiples keyMultiples(ECPublicKeyParameters key) {
        return new FixedBaseMultiples(key.getQ(), 6);
    }

    /** The generator's multiples, 10-bit windows, built on first use. */
    private static FixedBaseMultiples generatorMultiples() {
        return GeneratorHolder.MULTIPLES;
    }

    /** Holds the generator's table, so that it is built on first use rather than when the class loads. */
    private static final class GeneratorHolder {
        static final FixedBaseMultiples MULTIPLES = new FixedBaseMultiples(CURVE.getG(), 10);
    }

    /** BouncyCastle's base-point multiplier interface over the generator's table (the signer asks for k·G). */
    private static final ECMultiplier GENERATOR_MULTIPLIER = (point, k) ->
            point == CURVE.getG() || point.equals(CURVE.getG()) ? generatorMultiples().multiply(k) : point.multiply(k);

    /** Whether {@code s} is at most half the group order. */
    public static boolean isLowS(BigInteger s) {
        return s.compareTo(HALF_ORDER) <= 0;
    }

    /** {@code s} or {@code N - s}, whichever is at most half the order. */
    public static BigInteger toLowS(BigInteger s) {
        return isLowS(s) ? s : CURVE.getN().subtract(s);
    }

    /** DER encoding of {@code SEQUENCE{INTEGER r, INTEGER s}}. */
    public static byte[] encodeSignature(BigInteger r, BigInteger s) {
        ASN1EncodableVector v = new ASN1EncodableVector(2);
        v.add(new ASN1Integer(r));
        v.add(new ASN1Integer(s));
        try {
            return new DERSequence(v).getEncoded(ASN1Encoding.DER);
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of an ECDSA signature failed", e);
        }
    }

    /**
     * The {@code (r, s)} pair of a canonical DER signature, or {@code null} when the bytes are not
     * exactly one DER {@code SEQUENCE} of two INTEGERs (BER forms and trailing bytes are refused).
     */
    public static BigInteger[] decodeSignature(byte[] der) {
        if (der == null || der.length < 8 || der.length > 72) {
            return null;
        }
        try {
            ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
            if (!(primitive instanceof ASN1Sequence seq) || seq.size() != 2
                    || !(seq.getObjectAt(0) instanceof ASN1Integer r)
                    || !(seq.getObjectAt(1) instanceof ASN1Integer s)) {
                return null;
            }
            if (!Arrays.equals(primitive.getEncoded(ASN1Encoding.DER), der)) {
                return null;
            }
            return new BigInteger[] {r.getValue(), s.getValue()};
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** A fresh P-256 key pair (JCA types) whose private scalar is drawn from {@code random}. */
    public static KeyPair generateKeyPair(SecureRandom random) {
        ECKeyPairGenerator generator = new ECKeyPairGenerator();
        generator.init(new ECKeyGenerationParameters(DOMAIN, random));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        ECPrivateKeyParameters priv = (ECPrivateKeyParameters) pair.getPrivate();
        ECPublicKeyParameters pub = (ECPublicKeyParameters) pair.getPublic();
        org.bouncycastle.math.ec.ECPoint q = pub.getQ().normalize();
        try {
            KeyFactory factory = KeyFactory.getInstance("EC");
            PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(
                    new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger()), JCA_P256));
            PrivateKey privateKey = factory.generatePrivate(new ECPrivateKeySpec(priv.getD(), JCA_P256));
            return new KeyPair(publicKey, privateKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot build P-256 keys", e);
        }
    }

    /** The BouncyCastle form of a P-256 private key. */
    public static ECPrivateKeyParameters privateKeyParameters(PrivateKey key) {
        if (!(key instanceof ECPrivateKey ec) || !isP256(ec.getParams())) {
            throw new IllegalArgumentException("expected an EC private key on P-256, got " + describe(key));
        }
        return new ECPrivateKeyParameters(ec.getS(), DOMAIN);
    }

    /**
     * The BouncyCastle form of a P-256 public key, with the point checked to be on the curve.
     *
     * @throws IllegalArgumentException for another key type or curve
     */
    public static ECPublicKeyParameters publicKeyParameters(PublicKey key) {
        if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
            throw new IllegalArgumentException("expected an EC public key on P-256, got " + describe(key));
        }
        org.bouncycastle.math.ec.ECPoint q = CURVE.getCurve()
                .validatePoint(ec.getW().getAffineX(), ec.getW().getAffineY());
        return new ECPublicKeyParameters(q, DOMAIN);
    }

    private static boolean isP256(ECParameterSpec params) {
        return params != null
                && params.getCurve().getField().getFieldSize() == 256
                && params.getOrder().equals(CURVE.getN())
                && params.getGenerator().getAffineX().equals(CURVE.getG().getAffineXCoord().toBigInteger());
    }

    private static String describe(Object key) {
        return key == null ? "null" : key.getClass().getSimpleName() + " (" + ((java.security.Key) key).getAlgorithm() + ")";
    }

    private static ECParameterSpec jcaP256() {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
