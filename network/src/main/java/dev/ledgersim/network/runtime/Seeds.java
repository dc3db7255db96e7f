package dev.ledgersim.network.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Derives independent random streams from a run's seed <em>by name</em>, so a stream does not depend on
 * how many others were created before it, nor in which order: adding a node does not change the draws
 * of the others. The derived seed is the first 8 bytes of SHA-256(seed as 8 big-endian bytes ‖ name in
 * UTF-8); the generator is {@code L64X128MixRandom}, whose output is specified, so streams are equal on
 * every JVM and machine.
 *
 * <p>Names used by the engines: {@code "node/<name>/<incarnation>"} for {@link NodeContext#random()},
 * {@code "link/<from>-><to>"} for the network's decisions on a link.
 */
public final class Seeds {

    private static final RandomGeneratorFactory<RandomGenerator> FACTORY =
            RandomGeneratorFactory.of("L64X128MixRandom");

    private Seeds() {
    }

    /** The seed of the stream named {@code name} in the run seeded with {@code seed}. */
    public static long derive(long seed, String name) {
        Objects.requireNonNull(name, "name");
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(ByteBuffer.allocate(Long.BYTES).putLong(seed).array());
            sha.update(name.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(sha.digest()).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A new generator for the stream named {@code name}; not thread-safe. */
    public static RandomGenerator random(long seed, String name) {
        return FACTORY.create(derive(seed, name));
    }
}
