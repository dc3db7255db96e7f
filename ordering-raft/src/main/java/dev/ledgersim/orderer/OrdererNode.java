package dev.ledgersim.orderer;

import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One orderer node serving several channels: a {@link ChannelOrderer} per channel, each with its own Raft
 * group, Raft log, block store and batch timer, sharing nothing but this router. It routes broadcasts by
 * the envelope's channel header, messages by their channel id, and ticks every channel; channels never
 * see each other's envelopes, blocks or Raft traffic. Channels are iterated in channel-id order, so the
 * combined effects are deterministic.
 *
 * <p>Not thread-safe: confine to one thread or event loop, like the channel orderers it holds.
 */
public final class OrdererNode implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OrdererNode.class);

    private final String name;
    private final TreeMap<String, ChannelOrderer> channels = new TreeMap<>();

    /** A node named {@code name} serving no channel yet. */
    public OrdererNode(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** The node's name. */
    public String name() {
        return name;
    }

    /**
     * Adds a channel's orderer; this node then owns it and closes it in {@link #close()}.
     *
     * @throws IllegalArgumentException if it is another node's, or the channel is already served here
     */
    public ChannelOrderer join(ChannelOrderer orderer) {
        if (!orderer.nodeName().equals(name)) {
            throw new IllegalArgumentException("orderer " + orderer + " belongs to node " + orderer.nodeName() + ", not " + name);
        }
        if (channels.containsKey(orderer.channelId())) {
            throw new IllegalArgumentException("node " + name + " already serves channel " + orderer.channelId());
        }
        channels.put(orderer.channelId(), orderer);
        return orderer;
    }

    /** Opens the channel's orderer over {@code factory} ({@link ChannelOrderer#open}) and adds it. */
    public ChannelOrderer join(ChannelOrdererConfig config, KvStoreFactory factory) {
        if (channels.containsKey(config.channelId())) {
            throw new IllegalArgumentException("node " + name + " already serves channel " + config.channelId());
        }
        return join(ChannelOrderer.open(config, factory));
    }

    /** The orderer of {@code channelId}, if this node serves it. */
    public Optional<ChannelOrderer> channel(String channelId) {
        return Optional.ofNullable(channels.get(channelId));
    }

    /** The channels served, sorted. */
    public SortedSet<String> channelIds() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(channels.keySet()));
    }

    /** Ticks every channel, in channel-id order; one {@link Effects} per channel. */
    public List<Effects> tick() {
        List<Effects> all = new ArrayList<>(channels.size());
        for (ChannelOrderer c : channels.values()) {
            all.add(c.tick());
        }
        return all;
    }

    /** Routes a message to its channel; a message for a channel not served here is ignored. */
    public Effects step(OrdererMessage message) {
        ChannelOrderer c = channels.get(message.channelId());
        if (c == null) {
            log.warn("{} ignores a message from {} for channel {}, which it does not serve", name, message.from(),
                    message.channelId());
            return Effects.none(message.channelId());
        }
        return c.step(message);
    }

    /**
     * Routes a broadcast by its channel header, as Fabric's broadcast handler: an empty payload or an
     * unreadable header is refused 400, a channel not served here 404; otherwise the channel's orderer
     * decides (see {@link ChannelOrderer#broadcast}).
     */
    public Effects broadcast(Envelope envelope, Instant now) {
        String channelId = BroadcastFilter.channelOf(envelope);
        if (envelope.payload().isEmpty()) {
            return refused("", BroadcastResponse.Status.BAD_REQUEST, BroadcastFilter.EMPTY_MESSAGE);
        }
        if (channelId == null) {
            return refused("", BroadcastResponse.Status.BAD_REQUEST, "bad header: the payload or its channel header "
                    + "cannot be decoded");
        }
        ChannelOrderer c = channels.get(channelId);
        if (c == null) {
            return refused(channelId, BroadcastResponse.Status.NOT_FOUND,
                    "channel '" + channelId + "' does not exist on orderer " + name);
        }
        return c.broadcast(envelope, now);
    }

    /** Delivers the batch timeout {@code timerId} of {@code channelId}. */
    public Effects batchTimeout(String channelId, long timerId) {
        ChannelOrderer c = channels.get(channelId);
        return c == null ? Effects.none(channelId) : c.batchTimeout(timerId);
    }

    /** Closes every channel's orderer. */
    @Override
    public void close() {
        for (ChannelOrderer c : channels.values()) {
            c.close();
        }
        channels.clear();
    }

    private static Effects refused(String channelId, BroadcastResponse.Status status, String info) {
        return new Effects(channelId, List.of(), List.of(), List.of(BroadcastResponse.refused(status, info)), List.of(),
                List.of());
    }

    @Override
    public String toString() {
        return "OrdererNode[" + name + ", channels " + channels.keySet() + "]";
    }
}
