package dev.ledgersim.network.internal;

import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.SignedProposal;
import dev.ledgersim.network.runtime.SizedMessage;
import dev.ledgersim.orderer.BroadcastResponse;
import java.util.Objects;

/**
 * The messages peers and orderers exchange over the simulated network (besides the orderers' own
 * Raft traffic, {@code dev.ledgersim.orderer.OrdererMessage}). Immutable records; sizes approximate the
 * bytes on the wire for the trace.
 */
public final class Messages {

    private Messages() {
    }

    /** A gateway peer asks a peer to endorse a proposal. */
    public record EndorseRequest(long requestId, String channelId, SignedProposal proposal) implements SizedMessage {
        /** Validates. */
        public EndorseRequest {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(proposal, "proposal");
        }

        @Override
        public long sizeBytes() {
            return proposal.proposalBytes().size() + proposal.signature().size();
        }
    }

    /** A peer's answer to an {@link EndorseRequest}. */
    public record EndorseReply(long requestId, String peer, ProposalResponse response) implements SizedMessage {
        /** Validates. */
        public EndorseReply {
            Objects.requireNonNull(peer, "peer");
            Objects.requireNonNull(response, "response");
        }

        @Override
        public long sizeBytes() {
            return response.payload().size() + 200;
        }
    }

    /** A peer pushes private data it endorsed to another member peer, which keeps it in its transient store. */
    public record PrivateDataPush(long requestId, String channelId, String txId, long endorsedAtHeight,
                                  TxPvtReadWriteSet privateData) implements SizedMessage {
        /** Validates. */
        public PrivateDataPush {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(txId, "txId");
            Objects.requireNonNull(privateData, "privateData");
        }

        @Override
        public long sizeBytes() {
            return 256;
        }
    }

    /** Acknowledges a {@link PrivateDataPush}. */
    public record PrivateDataAck(long requestId, String peer) {
    }

    /** A peer asks another member peer for private data of committed transactions it lacks. */
    public record PrivateDataPull(long requestId, String channelId, String txId) {
    }

    /** The answer to a {@link PrivateDataPull}: the private data, or null when the peer has none. */
    public record PrivateDataPulled(long requestId, String channelId, String txId, TxPvtReadWriteSet privateData) {
    }

    /** A gateway peer submits an envelope to an orderer. */
    public record Broadcast(long requestId, Envelope envelope) implements SizedMessage {
        /** Validates. */
        public Broadcast {
            Objects.requireNonNull(envelope, "envelope");
        }

        @Override
        public long sizeBytes() {
            return envelope.payload().size() + envelope.signature().size();
        }
    }

    /** An orderer's answer to a {@link Broadcast}. */
    public record BroadcastReply(long requestId, String orderer, BroadcastResponse response) {
    }

    /** A peer asks an orderer to stream the blocks of a channel from {@code fromNumber} on. */
    public record DeliverRequest(String channelId, long fromNumber) {
    }

    /** A peer stops its deliver stream from an orderer (it switched to another). */
    public record DeliverCancel(String channelId) {
    }

    /** A block delivered by an orderer, or sent by a peer of the same organisation (gossip). */
    public record DeliverBlock(String channelId, ProtocolBlock block) implements SizedMessage {
        /** Validates. */
        public DeliverBlock {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(block, "block");
        }

        @Override
        public long sizeBytes() {
            long size = 64;
            for (var d : block.data()) {
                size += d.size();
            }
            return size;
        }
    }

    /** Gossip among an organisation's peers: my height on a channel. */
    public record GossipHeight(String channelId, long height) {
    }

    /** Gossip: send me blocks {@code [from, to)} of a channel. */
    public record GossipPull(String channelId, long from, long to) {
    }
}
