package dev.ledgersim.orderer;

import java.time.Duration;
import java.util.Objects;

/**
 * How an ordering service cuts blocks (Fabric's {@code BatchSize} and {@code BatchTimeout}), validated as
 * Fabric validates a channel configuration: every size non-zero, preferred at most absolute, timeout
 * positive.
 *
 * @param maxMessageCount {@code MaxMessageCount}: a block is cut when it holds this many envelopes
 * @param absoluteMaxBytes {@code AbsoluteMaxBytes}: larger envelopes are refused at broadcast
 * @param preferredMaxBytes {@code PreferredMaxBytes}: a block is cut before it would exceed this; a larger
 *     envelope gets a block of its own
 * @param batchTimeout {@code BatchTimeout}: a pending batch is cut this long after it started
 */
public record BatchConfig(int maxMessageCount, long absoluteMaxBytes, long preferredMaxBytes, Duration batchTimeout) {

    /** Validates. */
    public BatchConfig {
        Objects.requireNonNull(batchTimeout, "batchTimeout");
        if (maxMessageCount <= 0) {
            throw new IllegalArgumentException("MaxMessageCount must be positive, got " + maxMessageCount);
        }
        if (absoluteMaxBytes <= 0 || absoluteMaxBytes > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("AbsoluteMaxBytes must be within 1..4294967295, got " + absoluteMaxBytes);
        }
        if (preferredMaxBytes <= 0) {
            throw new IllegalArgumentException("PreferredMaxBytes must be positive, got " + preferredMaxBytes);
        }
        if (preferredMaxBytes > absoluteMaxBytes) {
            throw new IllegalArgumentException("PreferredMaxBytes (" + preferredMaxBytes
                    + ") must not exceed AbsoluteMaxBytes (" + absoluteMaxBytes + ")");
        }
        if (batchTimeout.isNegative() || batchTimeout.isZero()) {
            throw new IllegalArgumentException("BatchTimeout must be positive, got " + batchTimeout);
        }
    }

    /** Fabric's sampleconfig: 500 messages, 10 MB absolute, 2 MB preferred, 2 s. */
    public static BatchConfig defaults() {
        return new BatchConfig(500, 10L * 1024 * 1024, 2L * 1024 * 1024, Duration.ofSeconds(2));
    }

    /** The fabric-samples test network: 10 messages, 99 MB absolute, 512 KB preferred, 2 s. */
    public static BatchConfig testNetwork() {
        return new BatchConfig(10, 99L * 1024 * 1024, 512L * 1024, Duration.ofSeconds(2));
    }

    /** This configuration with another {@code MaxMessageCount}. */
    public BatchConfig withMaxMessageCount(int count) {
        return new BatchConfig(count, absoluteMaxBytes, preferredMaxBytes, batchTimeout);
    }

    /** This configuration with another {@code BatchTimeout}. */
    public BatchConfig withBatchTimeout(Duration timeout) {
        return new BatchConfig(maxMessageCount, absoluteMaxBytes, preferredMaxBytes, timeout);
    }
}
