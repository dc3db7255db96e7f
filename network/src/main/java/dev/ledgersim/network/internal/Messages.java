package dev.ledgersim.network.internal;

import dev.ledgersim.ledger.codec.ProtoCodec;
import dev.ledgersim.ledger.codec.TxPvtReadWriteSet;
import dev.ledgersim.ledger.protocol.KvRwSet;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.ProposalResponse;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.protocol.SignedProposal;
import dev.ledgersim.network.runtime.SizedMessage;
import dev.ledgersim.orderer.BroadcastResponse;
import java.util.List;
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

    /**
     * An endorsing peer pushes the private data of a transaction it endorsed to another member peer
     * (dissemination, FABRIC.md §6.2), which keeps it in its transient store and acknowledges.
     */
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
            return 128 + ProtoCodec.encode(privateData).size();
        }
    }

    /** Acknowledges a {@link PrivateDataPush}: the data is in the receiver's transient store. */
    public record PrivateDataAck(long requestId, String peer) {
        /** Validates. */
        public PrivateDataAck {
            Objects.requireNonNull(peer, "peer");
        }
    }

    /**
     * Names one collection's private data of one transaction (Fabric's {@code PvtDataDigest}).
     *
     * @param txId the transaction
     * @param blockNum the block that carries it
     * @param txNum its index in the block
     * @param namespace the chaincode
     * @param collection the collection
     */
    public record PrivateDataDigest(String txId, long blockNum, long txNum, String namespace, String collection) {
        /** Validates. */
        public PrivateDataDigest {
            Objects.requireNonNull(txId, "txId");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(collection, "collection");
        }
    }

    /**
     * A member peer asks another member for private data it lacks: at commit (the block is being
     * committed) or later (reconciliation of data recorded missing).
     */
    public record PrivateDataPull(long requestId, String channelId, List<PrivateDataDigest> digests) implements SizedMessage {
        /** Validates and copies. */
        public PrivateDataPull {
            Objects.requireNonNull(channelId, "channelId");
            digests = List.copyOf(digests);
        }

        @Override
        public long sizeBytes() {
            return 64 + 128L * digests.size();
        }
    }

    /**
     * One collection's private data as a peer holds it: the requester checks it against the hash in the
     * block.
     */
    public record PrivateDataElement(PrivateDataDigest digest, KvRwSet rwSet) {
        /** Validates. */
        public PrivateDataElement {
            Objects.requireNonNull(digest, "digest");
            Objects.requireNonNull(rwSet, "rwSet");
        }
    }

    /**
     * The answer to a {@link PrivateDataPull}: the requested data the responder holds and the requester
     * may see (it must be a member of the collection); possibly none.
     */
    public record PrivateDataPulled(long requestId, String channelId, String peer, List<PrivateDataElement> elements)
            implements SizedMessage {
        /** Validates and copies. */
        public PrivateDataPulled {
            Objects.requireNonNull(channelId, "channelId");
            Objects.requireNonNull(peer, "peer");
            elements = List.copyOf(elements);
        }

        @Override
        public long sizeBytes() {
            long size = 64;
            for (PrivateDataElement e : elements) {
                size += 128 + ProtoCodec.encode(e.rwSet()).size();
            }
            return size;
        }
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
