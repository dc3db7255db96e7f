package dev.ledgersim.msp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Precomputed multiples against BouncyCastle's own multiplication, and the ECDSA built on them against
 * BouncyCastle's own signer and verifier: same points, same signature bytes, same verdicts.
 */
class FixedBaseMultiplesTest {

    private static final BigInteger N = Ecdsa.CURVE.getN();
    private static ECPrivateKeyParameters privateKey;
    private static ECPublicKeyParameters publicKey;
    private static ECPublicKeyParameters otherKey;

    @BeforeAll
    static void keys() {
        KeyPair pair = Ecdsa.generateKeyPair(new java.security.SecureRandom(new byte[] {1}));
        privateKey = Ecdsa.privateKeyParameters(pair.getPrivate());
        publicKey = Ecdsa.publicKeyParameters(pair.getPublic());
        otherKey = Ecdsa.publicKeyParameters(Ecdsa.generateKeyPair(new java.security.SecureRandom(new byte[] {2})).getPublic());
    }

    private static List<BigInteger> scalars() {
        List<BigInteger> scalars = new ArrayList<>(List.of(BigInteger.ZERO, BigInteger.ONE, BigInteger.TWO,
                BigInteger.valueOf(3), BigInteger.valueOf(255), BigInteger.valueOf(256), N.subtract(BigInteger.ONE),
                N.subtract(BigInteger.TWO), N, N.add(BigInteger.ONE), BigInteger.ONE.shiftLeft(255),
                BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE)));
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 150; i++) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            scalars.add(new BigInteger(1, bytes));
        }
        return scalars;
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 4, 5, 7, 8, 10})
    void multiplesEqualBouncyCastlesMultiplication(int window) {
        ECPoint q = publicKey.getQ();
        FixedBaseMultiples multiples = new FixedBaseMultiples(q, window);
        assertEquals(window, multiples.window());
        for (BigInteger k : scalars()) {
            ECPoint expected = q.multiply(k).normalize();
            ECPoint actual = multiples.multiply(k).normalize();
            assertEquals(expected, actual, "k = " + k.toString(16) + ", window " + window);
        }
    }

    @Test
    void theGeneratorsMultiplesEqualBouncyCastles() {
        ECPoint g = Ecdsa.CURVE.getG();
        FixedBaseMultiples multiples = new FixedBaseMultiples(g, 8);
        for (BigInteger k : scalars()) {
            assertEquals(g.multiply(k).normalize(), multiples.multiply(k).normalize(), "k = " + k.toString(16));
        }
        assertTrue(multiples.multiply(N).isInfinity(), "n·G is the point at infinity");
        assertTrue(multiples.multiply(BigInteger.ZERO).isInfinity());
    }

    @Test
    void refusesScalarsOutOfRangeAndBadTables() {
        FixedBaseMultiples multiples = new FixedBaseMultiples(publicKey.getQ(), 4);
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> multiples.multiply(BigInteger.ONE.negate()));
        assertTrue(negative.getMessage().contains("negative"), negative.getMessage());
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> multiples.multiply(BigInteger.ONE.shiftLeft(256)));
        assertTrue(tooLong.getMessage().contains("257 bits"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FixedBaseMultiples(publicKey.getQ(), 1));
        assertThrows(IllegalArgumentException.class, () -> new FixedBaseMultiples(publicKey.getQ(), 11));
        assertThrows(IllegalArgumentException.class, () -> new FixedBaseMultiples(Ecdsa.CURVE.getCurve().getInfinity(), 4));
    }

    @Test
    void signaturesAreTheBytesBouncyCastlesSignerMakes() {
        SplittableRandom random = new SplittableRandom(9);
        for (int i = 0; i < 100; i++) {
            byte[] message = new byte[1 + random.nextInt(300)];
            random.nextBytes(message);
            ECDSASigner reference = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
            reference.init(true, privateKey);
            BigInteger[] rs = reference.generateSignature(Ecdsa.sha256(message));
            byte[] expected = Ecdsa.encodeSignature(rs[0], Ecdsa.toLowS(rs[1]));
            assertArrayEquals(expected, Ecdsa.sign(privateKey, message), "message " + i);
        }
    }

    @Test
    void verificationWithKeyMultiplesGivesBouncyCastlesVerdicts() {
        FixedBaseMultiples keyMultiples = Ecdsa.keyMultiples(publicKey);
        SplittableRandom random = new SplittableRandom(10);
        int accepted = 0;
        for (int i = 0; i < 60; i++) {
            byte[] message = new byte[1 + random.nextInt(200)];
            random.nextBytes(message);
            byte[] signature = Ecdsa.sign(privateKey, message);
            BigInteger[] rs = Ecdsa.decodeSignature(signature);
            BigInteger r = rs[0];
            BigInteger s = rs[1];
            byte[] otherMessage = message.clone();
            otherMessage[0] ^= 1;
            List<byte[]> signatures = List.of(signature,
                    Ecdsa.encodeSignature(r.add(BigInteger.ONE), s),
                    Ecdsa.encodeSignature(r, s.add(BigInteger.ONE)),
                    Ecdsa.encodeSignature(r, N.subtract(s)), // the high-S twin of a valid signature
                    Ecdsa.encodeSignature(BigInteger.ZERO, s),
                    Ecdsa.encodeSignature(r, BigInteger.ZERO),
                    Ecdsa.encodeSignature(N, s),
                    Ecdsa.encodeSignature(r, N),
                    Ecdsa.encodeSignature(r.add(N), s));
            for (byte[] candidate : signatures) {
                for (byte[] m : List.of(message, otherMessage)) {
                    for (boolean lowS : new boolean[] {true, false}) {
                        boolean expected = bouncyCastleVerifies(publicKey, m, candidate, lowS);
                        assertEquals(expected, Ecdsa.verify(publicKey, keyMultiples, m, 0, m.length, candidate, lowS));
                        assertEquals(expected, Ecdsa.verify(publicKey, m, candidate, lowS));
                        accepted += expected ? 1 : 0;
                    }
                    assertFalse(Ecdsa.verify(otherKey, Ecdsa.keyMultiples(otherKey), m, 0, m.length, candidate, false),
                            "another key's verification");
                }
            }
        }
        assertEquals(60 * 3, accepted, "each valid signature twice (low-S required or not), its high-S twin once");
    }

    /** BouncyCastle's unmodified verifier, with the DER, range and low-S checks Ecdsa.verify makes. */
    private static boolean bouncyCastleVerifies(ECPublicKeyParameters key, byte[] message, byte[] der, boolean lowS) {
        BigInteger[] rs = Ecdsa.decodeSignature(der);
        if (rs == null || rs[0].signum() <= 0 || rs[1].signum() <= 0 || rs[0].compareTo(N) >= 0 || rs[1].compareTo(N) >= 0) {
            return false;
        }
        if (lowS && !Ecdsa.isLowS(rs[1])) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(Ecdsa.sha256(message), rs[0], rs[1]);
    }
}
