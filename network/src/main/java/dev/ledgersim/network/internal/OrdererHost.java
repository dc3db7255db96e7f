package dev.ledgersim.network.internal;

import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import dev.ledgersim.msp.Identity;
import dev.ledgersim.msp.MspManager;
import dev.ledgersim.network.runtime.Node;
import dev.ledgersim.network.runtime.NodeContext;
import dev.ledgersim.network.runtime.TimerHandle;
import dev.ledgersim.orderer.BroadcastResponse;
import dev.ledgersim.orderer.ChannelOrderer;
import dev.ledgersim.orderer.ChannelOrdererConfig;
import dev.ledgersim.orderer.DroppedEnvelopes;
import dev.ledgersim.orderer.Effects;
import dev.ledgersim.orderer.OrdererMessage;
import dev.ledgersim.orderer.OrdererNode;
import dev.ledgersim.orderer.Outbound;
import dev.ledgersim.orderer.TimerCommand;
import dev.ledgersim.raft.RaftConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An ordering service node on the network: one {@link OrdererNode} (a Raft group and chain per channel)
 * driven by the runtime. It ticks Raft every {@code TickInterval}, runs batch timers as the chains ask,
 * answers broadcasts, forwards Raft traffic, and streams committed blocks to the peers that asked for
 * them (deliver). All state lives in its storage; a crash loses the subscriptions, which peers renew.
 */
public final class OrdererHost implements Node {

    private static final Duration TICK = RaftConfig.FABRIC_TICK_INTERVAL;

    private record Tick() {
    }

    private record BatchTimer(String channelId, long timerId) {
    }

    private final String name;
    private final Identity signer;
    private final List<ChannelSetup> channels;
    private final KvStoreFactory storage;
    private final Map<String, TimerHandle> batchTimers = new HashMap<>();
    /** Per channel: subscriber peer → next block number it expects. */
    private final Map<String, Map<String, Long>> subscribers = new TreeMap<>();
    /** Per channel: the Raft leader last seen, to record leader changes in the trace. */
    private final Map<String, String> knownLeaders = new HashMap<>();
    /** Per channel: blocks created as leader by the last event, to record block cuts in the trace. */
    private final Map<String, Long> createdSeen = new HashMap<>();
    private NodeContext ctx;
    private OrdererNode node;

    /** An orderer named {@code name} signing blocks as {@code signer}, consenter of {@code channels}. */
    public OrdererHost(String name, Identity signer, List<ChannelSetup> channels, KvStoreFactory storage) {
        this.name = name;
        this.signer = signer;
        this.channels = List.copyOf(channels);
        this.storage = storage;
    }

    @Override
    public void onStart(NodeContext context) {
        this.ctx = context;
        this.node = new OrdererNode(name);
        for (ChannelSetup ch : channels) {
            ChannelOrdererConfig config = ChannelOrdererConfig.defaults(ch.channelId(), name, signer, ch.consenters(),
                    ch.msps(), ch.policies().writers(), context.random()).withBatch(ch.batch()).withGenesisBlock(ch.genesis());
            node.join(config, storage);
            subscribers.put(ch.channelId(), new TreeMap<>());
        }
        context.scheduleBackground(TICK, new Tick());
    }

    /** The chain of {@code channelId} on this node. */
    public Optional<ChannelOrderer> channel(String channelId) {
        return node == null ? Optional.empty() : node.channel(channelId);
    }

    /** Applies new MSPs of a channel (after a revocation). */
    public void updateMembership(String channelId, MspManager msps, dev.ledgersim.msp.policy.Policy writers) {
        node.channel(channelId).ifPresent(c -> c.updateMembership(msps, writers));
    }

    @Override
    public void onMessage(String from, Object message) {
        if (message instanceof OrdererMessage m) {
            apply(node.step(m));
        } else if (message instanceof Messages.Broadcast b) {
            Effects effects = node.broadcast(b.envelope(), ctx.now());
            apply(effects);
            BroadcastResponse response = effects.broadcastResponse()
                    .orElse(new BroadcastResponse(BroadcastResponse.Status.SERVICE_UNAVAILABLE, "no response from the chain"));
            ctx.send(from, new Messages.BroadcastReply(b.requestId(), name, response));
        } else if (message instanceof Messages.DeliverRequest d) {
            Map<String, Long> subs = subscribers.get(d.channelId());
            Optional<ChannelOrderer> chain = node.channel(d.channelId());
            if (subs == null || chain.isEmpty()) {
                return;
            }
            long next = d.fromNumber();
            while (next < chain.get().height()) {
                Optional<ProtocolBlock> block = chain.get().block(next);
                if (block.isEmpty()) {
                    break;
                }
                ctx.send(from, new Messages.DeliverBlock(d.channelId(), block.get()));
                next++;
            }
            subs.put(from, next);
        } else if (message instanceof Messages.DeliverCancel c) {
            Map<String, Long> subs = subscribers.get(c.channelId());
            if (subs != null) {
                subs.remove(from);
            }
        }
    }

    @Override
    public void onTimer(Object timerKey) {
        if (timerKey instanceof Tick) {
            for (Effects effects : node.tick()) {
                apply(effects);
            }
            ctx.scheduleBackground(TICK, new Tick());
        } else if (timerKey instanceof BatchTimer t) {
            batchTimers.remove(t.channelId());
            apply(node.batchTimeout(t.channelId(), t.timerId()));
        }
    }

    private void apply(Effects effects) {
        node.channel(effects.channelId()).ifPresent(chain -> {
            long created = chain.createdBlockCount();
            if (created > createdSeen.getOrDefault(effects.channelId(), 0L)) {
                ctx.record("block cut", Map.of("channel", effects.channelId(), "leader", name, "created", created,
                        "inflight", chain.inflightBlockCount()));
            }
            createdSeen.put(effects.channelId(), created);
        });
        for (Outbound out : effects.messages()) {
            ctx.send(out.to(), out.message());
        }
        for (TimerCommand command : effects.timers()) {
            TimerHandle previous = batchTimers.remove(command.channelId());
            if (previous != null) {
                previous.cancel();
            }
            if (command instanceof TimerCommand.StartBatchTimer start) {
                batchTimers.put(start.channelId(), ctx.schedule(start.timeout(), new BatchTimer(start.channelId(), start.timerId())));
            }
        }
        for (ProtocolBlock block : effects.committedBlocks()) {
            ctx.record("block committed by orderer", Map.of("channel", effects.channelId(), "number", block.number(),
                    "transactions", block.data().size()));
            Map<String, Long> subs = subscribers.getOrDefault(effects.channelId(), Map.of());
            for (Map.Entry<String, Long> sub : subs.entrySet()) {
                if (sub.getValue() == block.number()) {
                    ctx.send(sub.getKey(), new Messages.DeliverBlock(effects.channelId(), block));
                    sub.setValue(block.number() + 1);
                }
            }
        }
        node.channel(effects.channelId()).ifPresent(chain -> {
            String leader = chain.leader().orElse("");
            if (!leader.equals(knownLeaders.getOrDefault(effects.channelId(), ""))) {
                knownLeaders.put(effects.channelId(), leader);
                ctx.record(leader.isEmpty() ? "leader lost" : "leader elected", Map.of("channel", effects.channelId(),
                        "leader", leader, "term", chain.term()));
            }
        });
        for (DroppedEnvelopes dropped : effects.dropped()) {
            ctx.record("envelopes dropped on leader change", Map.of("channel", effects.channelId(),
                    "count", dropped.envelopes().size()));
        }
    }

    @Override
    public void onStop() {
        if (node != null) {
            node.close();
        }
    }
}
