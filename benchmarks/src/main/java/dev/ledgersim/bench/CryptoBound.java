package dev.ledgersim.bench;

import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The physical limit of a faithful transaction: how many a second the machine could sign and verify
 * if it did nothing else. Measures, in the same JVM as the benchmark, ECDSA (or simulated) sign and
 * verify rates on one thread, and the combined rate of one thread per core signing and verifying at
 * once (what the cores really give together: on our 2-core VM 1.2 to 1.7 times one core, not 2×), the
 * best of {@value #ALL_CORES_WINDOWS} one-second windows.
 *
 * <p>A transaction on 2 organisations with {@code AND(Org1, Org2)} and 2 committing peers costs 4
 * signatures (proposal, 2 endorsements, envelope) and 9 verifications when every node verifies for
 * itself (2 endorsers check the proposal, the orderer the envelope, each committer the creator and both
 * endorsements), of which 4 are distinct triples — what a network with shared verification performs.
 * The bound is {@code (signs + verifies) per second on all cores / (4 + verifications)}.
 */
record CryptoBound(double signPerSecond, double verifyPerSecond, int cores, double allCoresOpsPerSecond) {

    /** Sign and verify operations a transaction needs. */
    static final int SIGNS = 4;
    static final int VERIFIES_PER_NODE = 9;
    static final int VERIFIES_SHARED = 4;

    /** Measures for {@code scheme}'s signatures over a message of {@code messageBytes}: 2 s of warm-up, then 3 s. */
    static CryptoBound measure(Crypto scheme, int messageBytes) {
        CertificateAuthority ca = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(3, "bound"), scheme);
        Identity signer = ca.enroll("peer0.org1msp", Role.PEER);
        Identity verifier = new MspManager(List.of(ca.msp())).deserializeAndValidate(signer.serialize());
        byte[] message = new byte[messageBytes];
        byte[] signature = signer.sign(message);
        if (!verifier.verify(message, signature)) {
            throw new IllegalStateException("benchmark setup: a signature does not verify");
        }
        rate(2_000_000_000L, () -> verifier.verify(message, signer.sign(message))); // warm-up: let the JIT compile both
        double sign = rate(1_000_000_000L, () -> signer.sign(message));
        double verify = rate(1_000_000_000L, () -> verifier.verify(message, signature));
        int cores = java.lang.Runtime.getRuntime().availableProcessors();
        // The best of three one-second windows: in a virtual machine one window can lose a core to a
        // neighbour, and a bound measured low would flatter the benchmark.
        double all = 0;
        for (int window = 0; window < ALL_CORES_WINDOWS; window++) {
            all = Math.max(all, allCoresRate(cores, signer, verifier, message, signature));
        }
        return new CryptoBound(sign, verify, cores, all);
    }

    /** Windows of one second in which every core signs and verifies; the bound takes the best. */
    static final int ALL_CORES_WINDOWS = 3;

    /** Sign and verify operations per second with one thread per core doing both, over one second. */
    private static double allCoresRate(int cores, Identity signer, Identity verifier, byte[] message, byte[] signature) {
        AtomicLong ops = new AtomicLong();
        Thread[] threads = new Thread[cores];
        long start = System.nanoTime();
        long end = start + 1_000_000_000L;
        for (int t = 0; t < cores; t++) {
            threads[t] = new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < end) {
                    signer.sign(message);
                    verifier.verify(message, signature);
                    n += 2;
                }
                ops.addAndGet(n);
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while measuring the crypto bound", e);
            }
        }
        return ops.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static double rate(long nanos, Runnable op) {
        long n = 0;
        long start = System.nanoTime();
        long end = start + nanos;
        while (System.nanoTime() < end) {
            op.run();
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    /** Transactions per second the cores could sign and verify, with {@code verifies} per transaction. */
    double bound(int verifies) {
        return allCoresOpsPerSecond / (SIGNS + verifies);
    }

    /** Transactions per second with {@code verifies} per transaction if the cores scaled perfectly. */
    double idealBound(int verifies) {
        return cores / (SIGNS / signPerSecond + verifies / verifyPerSecond);
    }

    /** One line: the rates and the measured throughput's share of each bound. */
    String report(String label, double txPerSecond, boolean shared) {
        int verifies = shared ? VERIFIES_SHARED : VERIFIES_PER_NODE;
        return String.format(Locale.ROOT, "[%s] %.0f tx/s committed; one core signs %.0f/s and verifies %.0f/s; %d cores "
                        + "together %.0f crypto ops/s; %d signs + %d verifications per tx (%s): bound %.0f tx/s, reached %.0f%% "
                        + "(%.0f%% of the %.0f tx/s a perfect %d-core scaling would give)",
                label, txPerSecond, signPerSecond, verifyPerSecond, cores, allCoresOpsPerSecond, SIGNS, verifies,
                shared ? "shared verification" : "every node verifies", bound(verifies), 100 * txPerSecond / bound(verifies),
                100 * txPerSecond / idealBound(verifies), idealBound(verifies), cores);
    }
}
