package dev.ledgersim.msp;

import dev.ledgersim.msp.internal.BoundedCache;
import dev.ledgersim.msp.internal.Ecdsa;
import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * A scheme whose verifications are shared by everyone using it: see {@link Crypto#withSharedVerification()}.
 * The outcome of checking a (public key, message, signature) triple is remembered — valid or not — and
 * given to the next node that checks the same triple, which is what verification, a pure function, would
 * have answered. Remembers at least the {@value #REMEMBERED} most recently checked triples.
 */
final class SharedVerificationCrypto implements Crypto {

    /** How many outcomes are kept: enough for every signature of the transactions in flight. */
    static final int REMEMBERED = 1 << 16;

    private final Crypto scheme;
    private final BoundedCache<Triple, Boolean> outcomes;
    private final LongAdder requested = new LongAdder();
    private final LongAdder performed = new LongAdder();

    SharedVerificationCrypto(Crypto scheme) {
        if (scheme instanceof SharedVerificationCrypto) {
            throw new IllegalArgumentException("verification is already shared by " + scheme);
        }
        this.scheme = scheme;
        this.outcomes = new BoundedCache<>(REMEMBERED);
    }

    @Override
    public String name() {
        return scheme.name() + "+shared-verification";
    }

    @Override
    public KeyPair generateKeyPair(SecureRandom random) {
        return scheme.generateKeyPair(random);
    }

    @Override
    public Signer signer(KeyPair keyPair) {
        return scheme.signer(keyPair);
    }

    @Override
    public Verifier verifier(PublicKey publicKey) {
        Verifier own = scheme.verifier(publicKey);
        byte[] keyDigest = Ecdsa.sha256(publicKey.getEncoded());
        return new Verifier() {
            @Override
            public boolean verify(byte[] message, byte[] signature) {
                if (message == null) {
                    return shared(Triple.of(keyDigest, null, 0, 0, signature), () -> own.verify(null, signature));
                }
                return verify(message, 0, message.length, signature);
            }

            @Override
            public boolean verify(byte[] message, int offset, int length, byte[] signature) {
                java.util.Objects.checkFromIndexSize(offset, length, message.length);
                return shared(Triple.of(keyDigest, message, offset, length, signature),
                        () -> own.verify(message, offset, length, signature));
            }

            @Override
            public boolean verify(byte[] message, int offset, int length, byte[] suffix, int suffixOffset, int suffixLength,
                                  byte[] signature) {
                java.util.Objects.checkFromIndexSize(offset, length, message.length);
                java.util.Objects.checkFromIndexSize(suffixOffset, suffixLength, suffix.length);
                return shared(Triple.of(keyDigest, message, offset, length, suffix, suffixOffset, suffixLength, signature),
                        () -> own.verify(message, offset, length, suffix, suffixOffset, suffixLength, signature));
            }
        };
    }

    /** The remembered outcome of {@code triple}, or {@code compute}'s, computed once however many ask. */
    private boolean shared(Triple triple, java.util.function.BooleanSupplier compute) {
        requested.increment();
        // A node asking while another computes the same triple waits for that answer instead of computing
        // it again (peers validate the same block at the same time).
        return outcomes.computeIfAbsent(triple, t -> {
            performed.increment();
            return compute.getAsBoolean();
        });
    }

    @Override
    public boolean sharesVerification() {
        return true;
    }

    @Override
    public Crypto withSharedVerification() {
        return this;
    }

    @Override
    public VerificationCount verificationCount() {
        return new VerificationCount(requested.sum(), performed.sum());
    }

    @Override
    public String toString() {
        return name();
    }

    /** A (key, message, signature) triple by its SHA-256, held as four longs for cheap hashing. */
    private record Triple(long a, long b, long c, long d) {
        static Triple of(byte[] keyDigest, byte[] message, int offset, int length, byte[] signature) {
            return of(keyDigest, message, offset, length, null, 0, 0, signature);
        }

        /** The triple of a message in two parts: the same as for the parts joined into one array. */
        static Triple of(byte[] keyDigest, byte[] message, int offset, int length, byte[] suffix, int suffixOffset,
                         int suffixLength, byte[] signature) {
            MessageDigest sha = Ecdsa.sha256Digest();
            sha.update(keyDigest);
            sha.update(intBytes(message == null ? -1 : length + suffixLength));
            if (message != null) {
                sha.update(message, offset, length);
            }
            if (suffix != null) {
                sha.update(suffix, suffixOffset, suffixLength);
            }
            sha.update(intBytes(signature == null ? -1 : signature.length));
            if (signature != null) {
                sha.update(signature);
            }
            ByteBuffer h = ByteBuffer.wrap(sha.digest());
            return new Triple(h.getLong(), h.getLong(), h.getLong(), h.getLong());
        }

        private static byte[] intBytes(int v) {
            return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
        }
    }
}
