package dev.ledgersim.msp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.msp.internal.Ecdsa;
import java.math.BigInteger;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignatureTest {

    private static final byte[] MESSAGE = "proposal bytes".getBytes(UTF_8);
    private static Identity alice;
    private static Identity bob;
    private static Identity simAlice;
    private static Identity simBob;

    @BeforeAll
    static void enroll() {
        CertificateAuthority ca = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(1, "sig"), Crypto.ecdsa());
        alice = ca.enroll("alice", Role.CLIENT);
        bob = ca.enroll("bob", Role.CLIENT);
        CertificateAuthority sim = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(1, "sig"), Crypto.simulated());
        simAlice = sim.enroll("alice", Role.CLIENT);
        simBob = sim.enroll("bob", Role.CLIENT);
    }

    @Test
    void ecdsaSignatureVerifiesAndBindsMessageAndSigner() {
        byte[] sig = alice.sign(MESSAGE);
        assertTrue(alice.verify(MESSAGE, sig));
        assertFalse(alice.verify("other".getBytes(UTF_8), sig));
        assertFalse(bob.verify(MESSAGE, sig));
        assertFalse(alice.verify(MESSAGE, Arrays.copyOf(sig, sig.length - 1)));
        assertFalse(alice.verify(MESSAGE, new byte[0]));
        assertFalse(alice.verify(MESSAGE, null));
    }

    @Test
    void aBusyKeyGetsPrecomputedMultiplesAndVerifiesTheSame() {
        Crypto.Verifier verifier = Crypto.ecdsa().verifier(alice.certificate().getPublicKey());
        byte[] signature = alice.sign(MESSAGE);
        byte[] bobs = bob.sign(MESSAGE);
        for (int i = 0; i < EcdsaCrypto.USES_BEFORE_MULTIPLES + 8; i++) {
            assertTrue(verifier.verify(MESSAGE, signature), "valid, use " + i);
            assertFalse(verifier.verify("other".getBytes(UTF_8), signature), "other message, use " + i);
            assertFalse(verifier.verify(MESSAGE, bobs), "another signer, use " + i);
        }
        assertTrue(EcdsaCrypto.hasMultiples(alice.certificate().getPublicKey()), "the key's table was built");
        Crypto.Verifier fresh = Crypto.ecdsa().verifier(alice.certificate().getPublicKey());
        assertTrue(fresh.verify(MESSAGE, signature), "a new verifier of the same key finds the shared table");
        assertFalse(fresh.verify(MESSAGE, bobs));
    }

    @Test
    void ecdsaSignaturesAreDeterministicAndLowS() {
        byte[] first = alice.sign(MESSAGE);
        assertArrayEquals(first, alice.sign(MESSAGE), "RFC 6979: same key and message, same signature");
        for (int i = 0; i < 50; i++) {
            BigInteger[] rs = Ecdsa.decodeSignature(alice.sign(("m" + i).getBytes(UTF_8)));
            assertNotNull(rs);
            assertTrue(Ecdsa.isLowS(rs[1]), "signature " + i + " is high-S");
        }
    }

    @Test
    void standardJcaVerifiesOurSignatures() throws Exception {
        Signature jca = Signature.getInstance("SHA256withECDSA");
        jca.initVerify(alice.certificate().getPublicKey());
        jca.update(MESSAGE);
        assertTrue(jca.verify(alice.sign(MESSAGE)));
    }

    @Test
    void highSSignatureIsRejectedThoughMathematicallyValid() throws Exception {
        BigInteger[] rs = Ecdsa.decodeSignature(alice.sign(MESSAGE));
        byte[] highS = Ecdsa.encodeSignature(rs[0], Ecdsa.CURVE.getN().subtract(rs[1]));

        Signature jca = Signature.getInstance("SHA256withECDSA");
        jca.initVerify(alice.certificate().getPublicKey());
        jca.update(MESSAGE);
        assertTrue(jca.verify(highS), "the high-S twin is a valid ECDSA signature");
        assertFalse(alice.verify(MESSAGE, highS), "Fabric refuses s > N/2");
    }

    @Test
    void nonCanonicalDerIsRejected() {
        byte[] sig = alice.sign(MESSAGE);
        // The same SEQUENCE with a long-form length byte (BER, not DER).
        byte[] ber = new byte[sig.length + 1];
        ber[0] = 0x30;
        ber[1] = (byte) 0x81;
        ber[2] = sig[1];
        System.arraycopy(sig, 2, ber, 3, sig.length - 2);
        assertFalse(alice.verify(MESSAGE, ber));
        byte[] trailing = Arrays.copyOf(sig, sig.length + 1);
        assertFalse(alice.verify(MESSAGE, trailing));
    }

    @Test
    void rfc6979VectorForP256Sha256() {
        // RFC 6979 A.2.5, P-256, SHA-256, message "sample".
        HexFormat hex = HexFormat.of();
        BigInteger x = new BigInteger("C9AFA9D845BA75166B5C215767B1D6934E50C3DB36E89B127B8A622B120F6721", 16);
        BigInteger r = new BigInteger("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", 16);
        BigInteger s = new BigInteger("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16);
        byte[] sig = Ecdsa.sign(new ECPrivateKeyParameters(x, Ecdsa.DOMAIN), "sample".getBytes(UTF_8));
        BigInteger[] rs = Ecdsa.decodeSignature(sig);
        assertEquals(r, rs[0]);
        assertEquals(Ecdsa.CURVE.getN().subtract(s), rs[1], "the RFC's s is high; we emit N - s");
        ECPublicKeyParameters pub = new ECPublicKeyParameters(Ecdsa.DOMAIN.getG().multiply(x).normalize(), Ecdsa.DOMAIN);
        assertEquals("60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6",
                hex.formatHex(pub.getQ().getAffineXCoord().getEncoded()));
        assertTrue(Ecdsa.verify(pub, "sample".getBytes(UTF_8), sig, true));
    }

    @Test
    void simulatedSignaturesBindMessageAndSigner() {
        byte[] sig = simAlice.sign(MESSAGE);
        assertEquals(32, sig.length);
        assertTrue(simAlice.verify(MESSAGE, sig));
        assertFalse(simAlice.verify("other".getBytes(UTF_8), sig));
        assertFalse(simBob.verify(MESSAGE, sig));
        assertFalse(simAlice.verify(MESSAGE, null));
        assertArrayEquals(sig, simAlice.sign(MESSAGE));
        assertEquals("simulated", simAlice.crypto().name());
    }

    @Test
    void simulatedSignatureIsNotAnEcdsaSignature() {
        byte[] sim = simAlice.sign(MESSAGE);
        assertFalse(alice.verify(MESSAGE, sim));
        assertNotEquals(alice.sign(MESSAGE).length, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa", "simulated"})
    void verifyOnlyIdentityCannotSign(String mode) {
        Identity signer = mode.equals("ecdsa") ? alice : simAlice;
        Identity verifier = signer.withoutPrivateKey();
        assertFalse(verifier.canSign());
        assertTrue(verifier.verify(MESSAGE, signer.sign(MESSAGE)));
        MspException e = assertThrows(MspException.class, () -> verifier.sign(MESSAGE));
        assertEquals(MspException.Reason.NO_SIGNING_KEY, e.reason());
        assertTrue(e.getMessage().contains("alice"), e.getMessage());
        assertEquals(signer, verifier);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa", "simulated", "ecdsa-shared", "simulated-shared"})
    void aMessageInsideALargerBufferIsVerifiedInPlaceExactlyAsACopy(String mode) {
        Identity signer = signerFor(mode);
        Crypto.Verifier verifier = verifierFor(mode, signer);
        byte[] signature = signer.sign(MESSAGE);
        byte[] buffer = new byte[MESSAGE.length + 7];
        Arrays.fill(buffer, (byte) 0x5a);
        System.arraycopy(MESSAGE, 0, buffer, 3, MESSAGE.length);

        assertTrue(verifier.verify(buffer, 3, MESSAGE.length, signature));
        assertTrue(signer.verify(buffer, 3, MESSAGE.length, signature));
        assertFalse(verifier.verify(buffer, 2, MESSAGE.length, signature), "shifted by one byte");
        assertFalse(verifier.verify(buffer, 3, MESSAGE.length - 1, signature), "one byte short");
        assertFalse(verifier.verify(buffer, 3, MESSAGE.length + 1, signature), "one byte long");
        assertEquals(verifier.verify(MESSAGE, signature), verifier.verify(buffer, 3, MESSAGE.length, signature));
        assertThrows(IndexOutOfBoundsException.class, () -> verifier.verify(buffer, 4, MESSAGE.length + 4, signature));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa", "simulated", "ecdsa-shared", "simulated-shared"})
    void aMessageInTwoPartsIsVerifiedInPlaceExactlyAsTheJoinedCopy(String mode) {
        Identity signer = signerFor(mode);
        Crypto.Verifier verifier = verifierFor(mode, signer);
        byte[] message = new byte[150];
        new java.util.SplittableRandom(9).nextBytes(message);
        byte[] signature = signer.sign(message);
        byte[] other = bob.sign(message);
        // Each part sits inside a larger buffer, two bytes in.
        for (int split : new int[] {0, 1, 31, 32, 33, 64, 100, 149, 150}) {
            byte[] head = new byte[split + 4];
            byte[] tail = new byte[message.length - split + 4];
            System.arraycopy(message, 0, head, 2, split);
            System.arraycopy(message, split, tail, 2, message.length - split);
            int tailLength = message.length - split;
            assertTrue(verifier.verify(head, 2, split, tail, 2, tailLength, signature), "split at " + split);
            assertTrue(signer.verify(head, 2, split, tail, 2, tailLength, signature), "split at " + split);
            assertFalse(verifier.verify(head, 2, split, tail, 2, tailLength, other), "another key's signature, split " + split);
            if (tailLength > 0) {
                assertFalse(verifier.verify(head, 2, split, tail, 2, tailLength - 1, signature), "one byte short, split " + split);
                tail[2 + tailLength - 1] ^= 1;
                assertFalse(verifier.verify(head, 2, split, tail, 2, tailLength, signature), "last byte changed, split " + split);
            }
        }
        byte[] part = new byte[10];
        assertThrows(IndexOutOfBoundsException.class, () -> verifier.verify(part, 0, 10, part, 5, 6, signature));
        assertThrows(IndexOutOfBoundsException.class, () -> verifier.verify(part, 1, 10, part, 0, 1, signature));
    }

    /** Alice of the scheme that {@code mode} names ({@code ecdsa...} or {@code simulated...}). */
    private static Identity signerFor(String mode) {
        return mode.startsWith("ecdsa") ? alice : simAlice;
    }

    /** A verifier of {@code signer}'s key, sharing verifications when {@code mode} ends with "shared". */
    private static Crypto.Verifier verifierFor(String mode, Identity signer) {
        Crypto crypto = mode.endsWith("shared") ? signer.crypto().withSharedVerification() : signer.crypto();
        return crypto.verifier(signer.certificate().getPublicKey());
    }
}
