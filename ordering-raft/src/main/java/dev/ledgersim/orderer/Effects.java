package dev.ledgersim.orderer;

import dev.ledgersim.ledger.protocol.ProtocolBlock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one event of a {@link ChannelOrderer} asks its driver to do or tells it happened. By the
 * time an event method returns, the Raft state these effects depend on is durable and the committed
 * blocks are in the block store, so the driver may act on them in any order; the conventional order is
 * timers, then messages, then block notifications.
 *
 * @param channelId the channel
 * @param messages messages to send to other orderers (Raft traffic, forwarded envelopes, block pulls)
 * @param timers batch timer commands, in the order issued (a stop may follow a start of the same event)
 * @param responses the broadcast response, for {@link ChannelOrderer#broadcast} (empty for other events)
 * @param committedBlocks blocks appended to this orderer's block store during the event, in order: what
 *     a deliver service streams to its subscribers
 * @param dropped envelopes accepted earlier and now known never to be ordered
 */
public record Effects(String channelId, List<Outbound> messages, List<TimerCommand> timers,
                      List<BroadcastResponse> responses, List<ProtocolBlock> committedBlocks,
                      List<DroppedEnvelopes> dropped) {

    /** Validates and copies. */
    public Effects {
        Objects.requireNonNull(channelId, "channelId");
        messages = List.copyOf(messages);
        timers = List.copyOf(timers);
        responses = List.copyOf(responses);
        committedBlocks = List.copyOf(committedBlocks);
        dropped = List.copyOf(dropped);
    }

    /** No effect at all. */
    public static Effects none(String channelId) {
        return new Effects(channelId, List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Whether there is nothing to do. */
    public boolean isEmpty() {
        return messages.isEmpty() && timers.isEmpty() && responses.isEmpty() && committedBlocks.isEmpty()
                && dropped.isEmpty();
    }

    /** The broadcast response, present in the effects of {@link ChannelOrderer#broadcast}. */
    public Optional<BroadcastResponse> broadcastResponse() {
        return responses.isEmpty() ? Optional.empty() : Optional.of(responses.get(responses.size() - 1));
    }

    /** The number of envelopes reported dropped. */
    public int droppedEnvelopeCount() {
        return dropped.stream().mapToInt(d -> d.envelopes().size()).sum();
    }
}
