package dev.ledgersim.orderer;

import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.raft.RaftMessage;
import java.util.List;
import java.util.Objects;

/**
 * What orderers of one channel send each other (Fabric's cluster service {@code Step} stream plus the
 * block puller's deliver requests). Every message names its channel and its sender by orderer name;
 * a receiver ignores a message whose sender is not a consenter of the channel, or whose Raft ids do
 * not match the sender and receiver names. Immutable.
 */
public sealed interface OrdererMessage {

    /** The channel whose Raft group the message belongs to. */
    String channelId();

    /** The sending orderer's name. */
    String from();

    /** A Raft message between consenters ({@code ConsensusRequest}). */
    record RaftStep(String channelId, String from, RaftMessage message) implements OrdererMessage {
        /** Validates. */
        public RaftStep {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * An envelope a follower accepted at broadcast and forwards to the leader it knows
     * ({@code SubmitRequest}). {@code hops} counts re-forwards by nodes that were no longer leader.
     */
    record ForwardedEnvelope(String channelId, String from, Envelope envelope, int hops) implements OrdererMessage {
        /** Validates. */
        public ForwardedEnvelope {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(envelope, "envelope");
            if (hops < 0) {
                throw new IllegalArgumentException("hops must be >= 0, was " + hops);
            }
        }
    }

    /**
     * A request for the committed blocks {@code fromNumber..toNumber} (inclusive), sent by a node that
     * installed a Raft snapshot and must fetch the blocks it covers (Fabric's block puller).
     */
    record PullBlocks(String channelId, String from, long fromNumber, long toNumber) implements OrdererMessage {
        /** Validates. */
        public PullBlocks {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(from, "from");
            if (fromNumber < 0 || toNumber < fromNumber) {
                throw new IllegalArgumentException("invalid block range " + fromNumber + ".." + toNumber);
            }
        }
    }

    /**
     * The answer to {@link PullBlocks}: consecutive committed blocks starting at the requested number
     * (possibly fewer than asked, possibly none if the sender does not have them).
     */
    record PulledBlocks(String channelId, String from, List<ProtocolBlock> blocks) implements OrdererMessage {
        /** Validates and copies. */
        public PulledBlocks {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(from, "from");
            blocks = List.copyOf(blocks);
        }
    }
}
