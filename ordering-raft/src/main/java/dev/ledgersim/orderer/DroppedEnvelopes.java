package dev.ledgersim.orderer;

import dev.ledgersim.ledger.protocol.Envelope;
import java.util.List;
import java.util.Objects;

/**
 * Envelopes that this orderer accepted (their broadcast returned SUCCESS, here or at the follower that
 * forwarded them) and that will never be ordered by it. Fabric drops them silently (FABRIC.md §7.4):
 * the client only notices that its transaction never commits (a commit-status timeout) and must
 * resubmit — which can end as {@code DUPLICATE_TXID} if another copy did commit. LedgerSim drops them
 * too, but reports them here, in the {@link Effects} of the event that decided their fate, and counts
 * them ({@link ChannelOrderer#droppedEnvelopeCount()}).
 *
 * @param channelId the channel
 * @param reason why they were dropped
 * @param envelopes the envelopes, in the order they were accepted
 * @param detail a sentence for logs
 */
public record DroppedEnvelopes(String channelId, Reason reason, List<Envelope> envelopes, String detail) {

    /** Why envelopes were dropped. */
    public enum Reason {
        /** The leader lost leadership with these envelopes in its block cutter's pending batch. */
        PENDING_BATCH_DISCARDED,
        /** The leader lost leadership with these envelopes waiting in its submit queue (back-pressure or just elected). */
        SUBMIT_QUEUE_DISCARDED,
        /**
         * A block a deposed leader proposed did not commit: the Raft entry was replaced by another leader's
         * (decided when the block number it claimed was committed with other contents).
         */
        PROPOSAL_NOT_COMMITTED,
        /** Raft refused the proposal of the block holding them (e.g. leadership transfer in progress). */
        PROPOSAL_REFUSED,
        /** A forwarded envelope reached a node that knew no leader (or had been forwarded too often). */
        FORWARD_FAILED,
        /** A forwarded envelope arrived while the leader's submit queue was full. */
        SUBMIT_QUEUE_FULL
    }

    /** Validates and copies. */
    public DroppedEnvelopes {
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        envelopes = List.copyOf(envelopes);
    }
}
