package dev.ledgersim.orderer;

import dev.ledgersim.ledger.protocol.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Fabric's block cutter ({@code orderer/common/blockcutter/blockcutter.go}) as a pure batcher: no clock,
 * no thread. The message size is {@code len(payload) + len(signature)}, as Fabric measures it.
 *
 * <p>{@link #ordered} applies Fabric's rules to one envelope:
 * <ol>
 *   <li>larger than {@code PreferredMaxBytes}: the pending batch (if any) is cut, then the envelope is
 *       cut alone; nothing is pending;</li>
 *   <li>else, if it would take the pending batch past {@code PreferredMaxBytes}, the pending batch is cut
 *       first;</li>
 *   <li>the envelope joins the pending batch;</li>
 *   <li>a pending batch of {@code MaxMessageCount} envelopes is cut.</li>
 * </ol>
 * {@link #cut} is what the driver calls when the batch timer fires (or before a config transaction,
 * which Fabric orders alone). Not thread-safe: one cutter per channel, driven by one thread.
 */
public final class BlockCutter {

    /**
     * What one {@link #ordered} call produced.
     *
     * @param batches zero, one or two batches cut, in order
     * @param pending whether envelopes are left waiting in the pending batch
     */
    public record Ordered(List<List<Envelope>> batches, boolean pending) {
        /** Copies. */
        public Ordered {
            batches = List.copyOf(batches);
        }
    }

    private final BatchConfig config;
    private List<Envelope> pendingBatch = new ArrayList<>();
    private long pendingBytes;

    /** A cutter with {@code config}'s sizes (the timeout is the driver's business). */
    public BlockCutter(BatchConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The size Fabric counts for an envelope: payload plus signature bytes. */
    public static long messageSize(Envelope envelope) {
        return (long) envelope.payload().size() + envelope.signature().size();
    }

    /** Adds an envelope and returns the batches it caused to be cut. */
    public Ordered ordered(Envelope envelope) {
        long size = messageSize(envelope);
        List<List<Envelope>> batches = new ArrayList<>(2);
        if (size > config.preferredMaxBytes()) {
            if (!pendingBatch.isEmpty()) {
                batches.add(cut());
            }
            batches.add(List.of(envelope));
            return new Ordered(batches, false);
        }
        if (pendingBytes + size > config.preferredMaxBytes() && !pendingBatch.isEmpty()) {
            batches.add(cut());
        }
        pendingBatch.add(envelope);
        pendingBytes += size;
        boolean pending = true;
        if (pendingBatch.size() >= config.maxMessageCount()) {
            batches.add(cut());
            pending = false;
        }
        return new Ordered(batches, pending);
    }

    /** Cuts the pending batch; empty when nothing is pending. */
    public List<Envelope> cut() {
        List<Envelope> batch = List.copyOf(pendingBatch);
        pendingBatch = new ArrayList<>();
        pendingBytes = 0;
        return batch;
    }

    /** Whether envelopes are waiting. */
    public boolean hasPending() {
        return !pendingBatch.isEmpty();
    }

    /** How many envelopes are waiting. */
    public int pendingCount() {
        return pendingBatch.size();
    }
}
