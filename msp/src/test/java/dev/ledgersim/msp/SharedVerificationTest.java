package dev.ledgersim.msp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Shared verification: the same answers as verifying alone, each distinct triple computed once. */
class SharedVerificationTest {

    private static final byte[] MESSAGE = "envelope bytes".getBytes(UTF_8);

    /** Two verifying copies of one signer, as two peers deserialise the same creator. */
    private record Setup(Crypto shared, Identity signer, Identity peerA, Identity peerB, Identity other) {
    }

    private static Setup setup(Crypto scheme) {
        Crypto shared = scheme.withSharedVerification();
        CertificateAuthority ca = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(9, "shared"), shared);
        Identity signer = ca.enroll("alice", Role.CLIENT);
        Identity other = ca.enroll("bob", Role.CLIENT);
        Identity peerA = new MspManager(List.of(ca.msp())).deserializeAndValidate(signer.serialize());
        Identity peerB = new MspManager(List.of(ca.msp())).deserializeAndValidate(signer.serialize());
        return new Setup(shared, signer, peerA, peerB, other);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa", "simulated"})
    void answersAreThoseOfVerifyingAloneAndRepeatedTriplesAreComputedOnce(String mode) {
        Crypto scheme = mode.equals("ecdsa") ? Crypto.ecdsa() : Crypto.simulated();
        Setup s = setup(scheme);
        byte[] signature = s.signer().sign(MESSAGE);
        byte[] tampered = Arrays.copyOf(signature, signature.length);
        tampered[tampered.length - 1] ^= 1;

        assertTrue(s.peerA().verify(MESSAGE, signature));
        assertTrue(s.peerB().verify(MESSAGE, signature));
        assertTrue(s.peerA().verify(MESSAGE, signature));
        assertEquals(new Crypto.VerificationCount(3, 1), s.shared().verificationCount());

        assertFalse(s.peerA().verify(MESSAGE, tampered));
        assertFalse(s.peerB().verify(MESSAGE, tampered), "an invalid outcome is shared as invalid");
        assertFalse(s.peerA().verify("other".getBytes(UTF_8), signature), "another message is another triple");
        assertFalse(s.other().verify(MESSAGE, signature), "another key is another triple");
        assertFalse(s.peerA().verify(MESSAGE, null));
        assertFalse(s.peerA().verify(MESSAGE, new byte[0]));
        assertEquals(new Crypto.VerificationCount(9, 6), s.shared().verificationCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa", "simulated"})
    void theModeIsStatedAndSignaturesAreUnchanged(String mode) {
        Crypto scheme = mode.equals("ecdsa") ? Crypto.ecdsa() : Crypto.simulated();
        Crypto shared = scheme.withSharedVerification();
        assertTrue(shared.sharesVerification());
        assertFalse(scheme.sharesVerification());
        assertEquals(scheme.name() + "+shared-verification", shared.name());
        assertSame(shared, shared.withSharedVerification());
        assertEquals(new Crypto.VerificationCount(0, 0), scheme.verificationCount());

        Identity plain = CertificateAuthority.create(CaConfig.defaults("Org1MSP"), DeterministicRandom.fromSeed(4, "same"), scheme)
                .enroll("carol", Role.CLIENT);
        Identity sharing = CertificateAuthority.create(CaConfig.defaults("Org1MSP"), DeterministicRandom.fromSeed(4, "same"), shared)
                .enroll("carol", Role.CLIENT);
        assertEquals(Arrays.toString(plain.sign(MESSAGE)), Arrays.toString(sharing.sign(MESSAGE)),
                "same seed, same key, same deterministic signature");
        assertTrue(plain.verify(MESSAGE, sharing.sign(MESSAGE)));
    }

    @org.junit.jupiter.api.Test
    void nodesAskingAtTheSameTimeShareOneComputation() throws Exception {
        Setup s = setup(Crypto.ecdsa());
        byte[] signature = s.signer().sign(MESSAGE);
        int threads = 8;
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<Boolean>> answers = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Identity node = t % 2 == 0 ? s.peerA() : s.peerB();
                answers.add(pool.submit(() -> {
                    start.await();
                    return node.verify(MESSAGE, signature);
                }));
            }
            for (var answer : answers) {
                assertTrue(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(new Crypto.VerificationCount(threads, 1), s.shared().verificationCount());
    }

    @org.junit.jupiter.api.Test
    void sharingTwiceIsRefusedOnlyForAForeignWrapper() {
        Crypto shared = Crypto.ecdsa().withSharedVerification();
        assertSame(shared, shared.withSharedVerification());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SharedVerificationCrypto(shared));
        assertTrue(e.getMessage().contains("already shared"), e.getMessage());
    }
}
