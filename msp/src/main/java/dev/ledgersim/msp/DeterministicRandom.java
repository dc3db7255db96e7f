package dev.ledgersim.msp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.SecureRandomSpi;
import org.bouncycastle.crypto.digests.SHA256Digest;

/**
 * A reproducible {@link SecureRandom}: a SHA-256 counter-mode stream derived from a seed and a label.
 *
 * <p>Every key pair, certificate serial number and nonce in a simulated network is drawn from one of
 * these, so the same network seed yields the same keys, certificates, txids and signatures on every
 * run and machine. Streams are derived by name with {@link #fork(String)} rather than shared, so the
 * bytes one component draws never depend on how many another component drew before it.
 *
 * <p>Output block {@code i} is {@code SHA-256(state || i)} with a 64-bit big-endian counter, where
 * {@code state = SHA-256("ledgersim-random" || seed || label)}. {@link #setSeed} mixes extra material into
 * the state, deterministically. Not thread-safe: confine an instance to one thread or fork one per
 * thread.
 *
 * <p>This class is for simulation. It is predictable by design and must not protect real secrets.
 */
public final class DeterministicRandom extends SecureRandom {

    private static final long serialVersionUID = 1L;

    private final transient CounterStream stream;

    private DeterministicRandom(CounterStream stream) {
        super(stream, null);
        this.stream = stream;
    }

    /** The stream named {@code label} under {@code seed}. */
    public static DeterministicRandom fromSeed(long seed, String label) {
        byte[] material = ByteBuffer.allocate(8).putLong(seed).array();
        return new DeterministicRandom(new CounterStream(derive(new byte[0], "ledgersim-random", material, label)));
    }

    /** An independent stream derived from this one's seed material and {@code label}; this stream is unchanged. */
    public DeterministicRandom fork(String label) {
        return new DeterministicRandom(new CounterStream(derive(stream.state, "fork", new byte[0], label)));
    }

    @Override
    public String getAlgorithm() {
        return "LedgerSim-SHA256-CTR";
    }

    private static byte[] derive(byte[] parent, String purpose, byte[] material, String label) {
        SHA256Digest digest = new SHA256Digest();
        update(digest, parent);
        update(digest, purpose.getBytes(StandardCharsets.UTF_8));
        update(digest, material);
        update(digest, label.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    private static void update(SHA256Digest digest, byte[] bytes) {
        byte[] length = ByteBuffer.allocate(4).putInt(bytes.length).array();
        digest.update(length, 0, 4);
        digest.update(bytes, 0, bytes.length);
    }

    /** The generator behind the {@link SecureRandom} facade. */
    private static final class CounterStream extends SecureRandomSpi {
        private static final long serialVersionUID = 1L;

        private byte[] state;
        private long counter;
        private final byte[] block = new byte[32];
        private int blockUsed = block.length;

        CounterStream(byte[] state) {
            this.state = state;
        }

        @Override
        protected void engineSetSeed(byte[] seed) {
            state = derive(state, "reseed", seed, "");
            counter = 0;
            blockUsed = block.length;
        }

        @Override
        protected void engineNextBytes(byte[] bytes) {
            int filled = 0;
            while (filled < bytes.length) {
                if (blockUsed == block.length) {
                    refill();
                }
                int n = Math.min(block.length - blockUsed, bytes.length - filled);
                System.arraycopy(block, blockUsed, bytes, filled, n);
                blockUsed += n;
                filled += n;
            }
        }

        @Override
        protected byte[] engineGenerateSeed(int numBytes) {
            byte[] out = new byte[numBytes];
            engineNextBytes(out);
            return out;
        }

        private void refill() {
            SHA256Digest digest = new SHA256Digest();
            digest.update(state, 0, state.length);
            byte[] c = ByteBuffer.allocate(8).putLong(counter++).array();
            digest.update(c, 0, c.length);
            digest.doFinal(block, 0);
            blockUsed = 0;
        }
    }
}
