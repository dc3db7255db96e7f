package dev.ledgersim.bench;

import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.msp.Role;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lesson 1: what one signature costs.
 *
 * <p>Workload: a 400-byte message, the size of a small proposal response payload plus the endorser's
 * serialized identity, signed and verified by one enrolled identity, one thread.
 *
 * <ul>
 *   <li>{@code sign} / {@code verify} — the two operations every transaction repeats (a 2-org AND
 *       policy with 2 committing peers needs 4 signatures and 9 verifications);</li>
 *   <li>{@code verifyDecodingKeyEachTime} — the wrong way: building the verifier (decoding the public
 *       key and checking the point) for every signature, as code that keeps only certificate bytes
 *       would. Compare with {@code verify}: this is why {@code MspManager} caches decoded identities;</li>
 * </ul>
 * Signing multiplies the generator from a table of its precomputed multiples, and verification, once
 * the key has checked {@code 64} signatures (the warm-up sees to it), multiplies the key from its own
 * table: on our 2-core VM one core signs about 44,000 and verifies about 27,000 a second, against
 * BouncyCastle's comb and Shamir multipliers' 15,000 and 15,000 (same signature bytes, same verdicts).
 * With {@code crypto=simulated} the same calls cost a keyed hash of the message: the ceiling for protocol-only experiments.
 * The JDK's own provider is measured beside it in {@link SunEcBaselineBenchmark}.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar SignatureBenchmark}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SignatureBenchmark {

    /** Which {@link Crypto} the identity signs with. */
    @Param({"ecdsa", "simulated"})
    public String crypto;

    private Identity signer;
    private Identity verifier;
    private byte[] message;
    private byte[] signature;

    /** Enrolls one identity and reads it back through an {@link MspManager}, as a committing peer would. */
    @Setup
    public void setUp() throws Exception {
        Crypto scheme = crypto.equals("ecdsa") ? Crypto.ecdsa() : Crypto.simulated();
        CertificateAuthority ca = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(1, "bench"), scheme);
        signer = ca.enroll("peer0.org1msp", Role.PEER);
        verifier = new MspManager(List.of(ca.msp())).deserializeAndValidate(signer.serialize());
        message = new byte[400];
        DeterministicRandom.fromSeed(2, "message").nextBytes(message);
        signature = signer.sign(message);
        if (!verifier.verify(message, signature)) {
            throw new IllegalStateException("benchmark setup: signature does not verify");
        }
    }

    /** One signature over the message. */
    @Benchmark
    public byte[] sign() {
        return signer.sign(message);
    }

    /** One verification with the identity's cached verifier. */
    @Benchmark
    public boolean verify() {
        return verifier.verify(message, signature);
    }

    /** The wrong way: a fresh verifier (public key decoded and validated) for every signature. */
    @Benchmark
    public boolean verifyDecodingKeyEachTime() {
        return verifier.crypto().verifier(verifier.certificate().getPublicKey()).verify(message, signature);
    }
}
