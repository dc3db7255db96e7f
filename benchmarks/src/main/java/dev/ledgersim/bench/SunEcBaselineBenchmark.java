package dev.ledgersim.bench;

import dev.ledgersim.msp.CaConfig;
import dev.ledgersim.msp.CertificateAuthority;
import dev.ledgersim.msp.Crypto;
import dev.ledgersim.msp.DeterministicRandom;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.Role;
import java.security.PublicKey;
import java.security.Signature;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lesson 1, baseline: the JDK's own {@code SHA256withECDSA} (the SunEC provider) verifying the same
 * kind of signature as {@link SignatureBenchmark#verify()}. LedgerSim does not use it on the hot path:
 * compare the two numbers to see why.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SunEcBaselineBenchmark {

    private PublicKey key;
    private byte[] message;
    private byte[] signature;
    private Signature sunEc;

    /** One identity's key, a 400-byte message and its LedgerSim ECDSA signature. */
    @Setup
    public void setUp() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(CaConfig.defaults("Org1MSP"),
                DeterministicRandom.fromSeed(1, "bench"), Crypto.ecdsa());
        Identity signer = ca.enroll("peer0.org1msp", Role.PEER);
        key = signer.certificate().getPublicKey();
        message = new byte[400];
        DeterministicRandom.fromSeed(2, "message").nextBytes(message);
        signature = signer.sign(message);
        sunEc = Signature.getInstance("SHA256withECDSA", "SunEC");
        if (!sunEcVerify()) {
            throw new IllegalStateException("benchmark setup: SunEC does not verify the signature");
        }
    }

    /** One verification with the JDK's provider. */
    @Benchmark
    public boolean sunEcVerify() throws Exception {
        sunEc.initVerify(key);
        sunEc.update(message);
        return sunEc.verify(signature);
    }
}
