package dev.ledgersim.orderer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ledgersim.ledger.codec.Hashes;
import dev.ledgersim.ledger.protocol.Bytes;
import dev.ledgersim.ledger.protocol.Envelope;
import dev.ledgersim.ledger.protocol.ProtocolBlock;
import dev.ledgersim.ledger.storage.KvStoreFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Test harness: several {@link OrdererNode}s (one {@link ChannelOrderer} per channel each) over a
 * scripted in-memory transport and a simulated clock. Single-threaded and deterministic: Raft
 * randomness comes from the seed, messages wait in one FIFO queue until {@link #deliverAll()} (unless
 * the link is cut by {@link #isolate} or the network is {@linkplain #hold() held}), nodes and timers are
 * iterated in name order, and {@link #tick()} advances the clock by one Raft tick and fires the batch
 * timers that are due — exactly as the effects asked.
 *
 * <p>Every effect is recorded: committed blocks per node and channel (what a deliver subscriber would
 * receive), dropped envelopes, timer commands, every message sent.
 */
final class OrdererCluster implements AutoCloseable {

    static final Duration TICK = RaftOptions.DEFAULT_TICK_INTERVAL;

    /** A message on the wire. */
    record InFlight(String from, Outbound outbound) {
    }

    private record Timer(long id, Instant deadline) {
    }

    final Fixtures f = Fixtures.get();
    final KvStoreFactory storage;
    final List<String> names = new ArrayList<>();
    final List<String> channels;
    private final long seed;
    private final UnaryOperator<ChannelOrdererConfig> customize;
    private final TreeMap<String, ProtocolBlock> genesis = new TreeMap<>();

    final TreeMap<String, OrdererNode> live = new TreeMap<>();
    private final ArrayDeque<InFlight> network = new ArrayDeque<>();
    private final Set<String> isolated = new TreeSet<>();
    private boolean held;
    private Predicate<InFlight> lost = m -> false;
    private final TreeMap<String, Timer> timers = new TreeMap<>();
    private final TreeMap<String, Integer> incarnations = new TreeMap<>();
    Instant now = Fixtures.NOW;

    final List<InFlight> sent = new ArrayList<>();
    final List<TimerCommand> timerLog = new ArrayList<>();
    final TreeMap<String, List<DroppedEnvelopes>> dropped = new TreeMap<>();
    final TreeMap<String, List<ProtocolBlock>> delivered = new TreeMap<>();

    OrdererCluster(KvStoreFactory storage, int nodes, List<String> channels, long seed,
                   UnaryOperator<ChannelOrdererConfig> customize) {
        this.storage = storage;
        this.channels = List.copyOf(channels);
        this.seed = seed;
        this.customize = customize;
        for (int i = 0; i < nodes; i++) {
            names.add(Fixtures.ordererName(i));
        }
        for (String ch : channels) {
            genesis.put(ch, f.genesis(ch));
        }
        names.forEach(this::start);
    }

    OrdererCluster(KvStoreFactory storage, int nodes, UnaryOperator<ChannelOrdererConfig> customize) {
        this(storage, nodes, List.of("mychannel"), 42, customize);
    }

    static String key(String node, String channel) {
        return node + "|" + channel;
    }

    ChannelOrdererConfig config(String node, String channel) {
        List<Consenter> consenters = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            consenters.add(new Consenter(i + 1, names.get(i)));
        }
        int index = names.indexOf(node);
        int incarnation = incarnations.getOrDefault(node, 0);
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + index * 1009L + channel.hashCode() + incarnation * 7L);
        ChannelOrdererConfig c = ChannelOrdererConfig.defaults(channel, node, f.orderers.get(index), consenters, f.msps,
                f.writers, random).withGenesisBlock(genesis.get(channel));
        return customize.apply(c);
    }

    // ------------------------------------------------------------------ node lifecycle

    void start(String node) {
        OrdererNode n = new OrdererNode(node);
        for (String ch : channels) {
            n.join(config(node, ch), storage);
        }
        live.put(node, n);
    }

    /** The node stops at once: stores closed, timers gone; messages to it are lost. */
    void crash(String node) {
        live.remove(node).close();
        timers.keySet().removeIf(k -> k.startsWith(node + "|"));
    }

    /** The node starts again over its stores (same names). */
    void restart(String node) {
        incarnations.merge(node, 1, Integer::sum);
        start(node);
    }

    void isolate(String node) {
        isolated.add(node);
    }

    void heal() {
        isolated.clear();
    }

    /** Messages matching {@code which} are lost in transit from now on (until {@link #loseNothing()}). */
    void lose(Predicate<InFlight> which) {
        lost = which;
    }

    void loseNothing() {
        lost = m -> false;
    }

    /** Messages stay queued until {@link #release()}. */
    void hold() {
        held = true;
    }

    void release() {
        held = false;
        deliverAll();
    }

    ChannelOrderer orderer(String node, String channel) {
        return live.get(node).channel(channel).orElseThrow();
    }

    ChannelOrderer orderer(String node) {
        return orderer(node, channels.get(0));
    }

    // ------------------------------------------------------------------ events

    void handle(String node, Effects fx) {
        for (TimerCommand t : fx.timers()) {
            timerLog.add(t);
            String k = key(node, t.channelId());
            if (t instanceof TimerCommand.StartBatchTimer start) {
                timers.put(k, new Timer(start.timerId(), now.plus(start.timeout())));
            } else {
                Timer running = timers.get(k);
                if (running != null && running.id() == t.timerId()) {
                    timers.remove(k);
                }
            }
        }
        for (Outbound o : fx.messages()) {
            InFlight m = new InFlight(node, o);
            sent.add(m);
            network.addLast(m);
        }
        if (!fx.dropped().isEmpty()) {
            dropped.computeIfAbsent(key(node, fx.channelId()), k -> new ArrayList<>()).addAll(fx.dropped());
        }
        if (!fx.committedBlocks().isEmpty()) {
            delivered.computeIfAbsent(key(node, fx.channelId()), k -> new ArrayList<>()).addAll(fx.committedBlocks());
        }
    }

    /** Delivers queued messages (and those they cause) until the queue is empty or held. */
    void deliverAll() {
        int steps = 0;
        while (!held && !network.isEmpty()) {
            if (++steps > 1_000_000) {
                throw new AssertionError("the network does not quiesce");
            }
            InFlight m = network.pollFirst();
            String to = m.outbound().to();
            if (!live.containsKey(to) || isolated.contains(to) || isolated.contains(m.from()) || lost.test(m)) {
                continue;
            }
            handle(to, live.get(to).step(m.outbound().message()));
        }
    }

    /** One tick of simulated time: every live node ticks, due batch timers fire, messages are delivered. */
    void tick() {
        now = now.plus(TICK);
        for (String node : List.copyOf(live.keySet())) {
            for (Effects fx : live.get(node).tick()) {
                handle(node, fx);
            }
        }
        fireDueTimers();
        deliverAll();
    }

    void ticks(int n) {
        for (int i = 0; i < n; i++) {
            tick();
        }
    }

    private void fireDueTimers() {
        for (String k : List.copyOf(timers.keySet())) {
            Timer t = timers.get(k);
            if (t != null && !t.deadline().isAfter(now)) {
                timers.remove(k);
                String[] parts = k.split("\\|");
                handle(parts[0], live.get(parts[0]).batchTimeout(parts[1], t.id()));
            }
        }
    }

    Effects broadcast(String node, Envelope envelope) {
        Effects fx = live.get(node).broadcast(envelope, now);
        handle(node, fx);
        deliverAll();
        return fx;
    }

    BroadcastResponse broadcastOk(String node, Envelope envelope) {
        BroadcastResponse r = broadcast(node, envelope).broadcastResponse().orElseThrow();
        assertTrue(r.isSuccess(), r.toString());
        return r;
    }

    // ------------------------------------------------------------------ conditions

    /** The leader of {@code channel} among the reachable live nodes, once all of them agree on it. */
    Optional<String> agreedLeader(String channel) {
        Set<String> leaders = new TreeSet<>();
        String claimed = null;
        for (String node : live.keySet()) {
            if (isolated.contains(node)) {
                continue;
            }
            ChannelOrderer o = orderer(node, channel);
            leaders.add(o.leader().orElse("none"));
            if (o.isLeader()) {
                claimed = node;
            }
        }
        return leaders.size() == 1 && claimed != null && leaders.contains(claimed) ? Optional.of(claimed) : Optional.empty();
    }

    /** Ticks until the reachable nodes agree on a leader of {@code channel}; returns its name. */
    String electLeader(String channel) {
        for (int i = 0; i < 200; i++) {
            Optional<String> leader = agreedLeader(channel);
            if (leader.isPresent() && servingLeader(leader.get(), channel)) {
                return leader.get();
            }
            tick();
        }
        throw new AssertionError("no leader of " + channel + " after 200 ticks");
    }

    String electLeader() {
        return electLeader(channels.get(0));
    }

    private boolean servingLeader(String node, String channel) {
        return orderer(node, channel).serving();
    }

    /** Ticks until {@code condition} holds (at most {@code maxTicks}). */
    void tickUntil(String what, int maxTicks, Predicate<OrdererCluster> condition) {
        for (int i = 0; i < maxTicks; i++) {
            if (condition.test(this)) {
                return;
            }
            tick();
        }
        if (!condition.test(this)) {
            throw new AssertionError("not reached after " + maxTicks + " ticks: " + what);
        }
    }

    /** Ticks until every live node has {@code height} blocks of {@code channel}. */
    void awaitHeight(String channel, long height) {
        tickUntil("height " + height + " of " + channel + " on " + live.keySet(), 200,
                c -> c.live.keySet().stream().allMatch(n -> c.orderer(n, channel).height() >= height));
    }

    // ------------------------------------------------------------------ checkers

    /**
     * Every live node holds byte-identical blocks at every height they share, each block's previous hash
     * is its predecessor's header hash and its data hash matches its envelopes.
     */
    void assertConsistent(String channel) {
        long minHeight = Long.MAX_VALUE;
        long maxHeight = 0;
        String tallest = null;
        for (String node : live.keySet()) {
            long h = orderer(node, channel).height();
            minHeight = Math.min(minHeight, h);
            if (h >= maxHeight) {
                maxHeight = h;
                tallest = node;
            }
        }
        for (long n = 0; n < minHeight; n++) {
            Bytes reference = orderer(tallest, channel).blockBytes(n).orElseThrow();
            for (String node : live.keySet()) {
                assertEquals(reference, orderer(node, channel).blockBytes(n).orElseThrow(),
                        "block " + n + " of " + channel + " differs between " + tallest + " and " + node);
            }
        }
        Bytes previous = Bytes.EMPTY;
        for (long n = 0; n < maxHeight; n++) {
            ProtocolBlock b = orderer(tallest, channel).block(n).orElseThrow();
            assertEquals(n, b.number());
            if (n > 0) {
                assertEquals(previous, b.header().previousHash(), "block " + n + " does not chain to block " + (n - 1));
            }
            assertEquals(Hashes.blockDataHash(b.data()), b.header().dataHash(), "data hash of block " + n);
            previous = Hashes.blockHeaderHash(b.header());
        }
    }

    void assertConsistent() {
        assertConsistent(channels.get(0));
    }

    /** The envelopes (encoded) of {@code channel}'s blocks 1.. on {@code node}, in order. */
    List<Bytes> orderedEnvelopes(String node, String channel) {
        List<Bytes> out = new ArrayList<>();
        ChannelOrderer o = orderer(node, channel);
        for (long n = 1; n < o.height(); n++) {
            out.addAll(o.block(n).orElseThrow().data());
        }
        return out;
    }

    List<DroppedEnvelopes> droppedOn(String node) {
        return dropped.getOrDefault(key(node, channels.get(0)), List.of());
    }

    long sentCount(Predicate<InFlight> which) {
        return sent.stream().filter(which).count();
    }

    @Override
    public void close() {
        for (OrdererNode n : live.values()) {
            n.close();
        }
        live.clear();
    }
}
