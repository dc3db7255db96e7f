package dev.ledgersim.raft;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Test harness: several {@link RaftNode}s over {@link InMemoryRaftStorage}, a scripted transport and
 * a toy application (a list of the applied payloads). Single-threaded and deterministic: node
 * randomness comes from the seed, messages sit in one FIFO queue until a test delivers, drops,
 * delays or reorders them, and collections are iterated in id order.
 *
 * <p>After every input the affected node's {@link Ready}s are processed the way a driver must:
 * persist to storage, queue the messages, apply committed entries, advance. Two checkers run all the
 * time and throw {@link AssertionError}: <em>election safety</em> (at most one leader per term, §5.2)
 * and <em>state machine safety</em> (no two nodes apply different entries at one index, §5.4.3).
 *
 * <p>The command names follow etcd's interaction tests ({@code campaign}, {@code deliver-msgs},
 * {@code stabilize}, {@code tick-heartbeat}); {@link #script(String)} runs them from text.
 */
final class Network {

    private final long seed;
    private final Set<Long> bootstrapPeers;
    private final UnaryOperator<RaftConfig> customize;

    private final TreeMap<Long, RaftNode> nodes = new TreeMap<>();
    private final TreeMap<Long, InMemoryRaftStorage> storages = new TreeMap<>();
    private final TreeMap<Long, Integer> incarnations = new TreeMap<>();
    private final TreeMap<Long, List<String>> appState = new TreeMap<>();
    private final TreeMap<Long, Long> appliedIndex = new TreeMap<>();

    private final ArrayList<RaftMessage> queue = new ArrayList<>();
    private final ArrayList<RaftMessage> held = new ArrayList<>();
    private final TreeSet<String> cutLinks = new TreeSet<>();
    private final ArrayList<String> trace = new ArrayList<>();

    private final TreeMap<Long, Entry> committedByIndex = new TreeMap<>();
    private final TreeMap<Long, Long> leaderByTerm = new TreeMap<>();

    private Network(long seed, Set<Long> bootstrapPeers, UnaryOperator<RaftConfig> customize) {
        this.seed = seed;
        this.bootstrapPeers = Set.copyOf(bootstrapPeers);
        this.customize = customize;
    }

    /** A fresh cluster of {@code ids} with Fabric's defaults adjusted by {@code customize}. */
    static Network create(long seed, UnaryOperator<RaftConfig> customize, long... ids) {
        Set<Long> peers = LongStream.of(ids).boxed().collect(Collectors.toCollection(TreeSet::new));
        Network net = new Network(seed, peers, customize);
        for (long id : ids) {
            net.addNode(id, new InMemoryRaftStorage());
        }
        return net;
    }

    /** A cluster whose nodes start over the given (possibly non-empty) storages. */
    static Network createWith(long seed, UnaryOperator<RaftConfig> customize, TreeMap<Long, InMemoryRaftStorage> storages) {
        Network net = new Network(seed, storages.keySet(), customize);
        storages.forEach(net::addNode);
        return net;
    }

    /** Fabric's defaults (PreVote, CheckQuorum, ElectionTick 10, HeartbeatTick 1). */
    static Network create(long seed, long... ids) {
        return create(seed, UnaryOperator.identity(), ids);
    }

    // ---------------------------------------------------------------- membership of the harness

    RaftConfig configFor(long id) {
        int incarnation = incarnations.merge(id, 1, Integer::sum);
        RandomGenerator random = new SplittableRandom(seed * 1_000_003L + id * 7919L + incarnation);
        return customize.apply(RaftConfig.defaults(id, bootstrapPeers, random));
    }

    /** Starts node {@code id} over {@code storage} (fresh, preset, or kept from a crash). */
    void addNode(long id, InMemoryRaftStorage storage) {
        if (nodes.containsKey(id)) {
            throw new IllegalStateException("node " + id + " is running");
        }
        RaftNode node = new RaftNode(configFor(id), storage);
        nodes.put(id, node);
        storages.put(id, storage);
        Snapshot snap = storage.snapshot();
        appState.put(id, decodeApp(snap.data()));
        appliedIndex.put(id, snap.index());
        process(id);
    }

    /** A node joining the running cluster: empty storage, the cluster's bootstrap peers. */
    void addNode(long id) {
        addNode(id, new InMemoryRaftStorage());
    }

    /** Crash: the node object (all volatile state) is gone; its storage survives. */
    void crash(long id) {
        requireNode(id);
        nodes.remove(id);
        trace.add("crash " + id);
    }

    /** Restart a crashed node over its surviving storage. */
    void restart(long id) {
        trace.add("restart " + id);
        addNode(id, storages.get(id));
    }

    // ---------------------------------------------------------------- inputs

    void campaign(long id) {
        requireNode(id).campaign();
        process(id);
    }

    ProposeResult propose(long id, String data) {
        ProposeResult r = requireNode(id).propose(data.getBytes(StandardCharsets.UTF_8));
        process(id);
        return r;
    }

    ProposeResult proposeConfChange(long id, ConfChange change) {
        ProposeResult r = requireNode(id).proposeConfChange(change);
        process(id);
        return r;
    }

    TransferResult transferLeadership(long leader, long target) {
        TransferResult r = requireNode(leader).transferLeadership(target);
        process(leader);
        return r;
    }

    /** Compacts node {@code id}'s log at its applied index, the snapshot being the app state. */
    Snapshot compact(long id) {
        RaftNode n = requireNode(id);
        return n.compact(n.appliedIndex(), encodeApp(appState.get(id)));
    }

    void tick(long id) {
        requireNode(id).tick();
        process(id);
    }

    /** One tick on every running node; messages are queued, not delivered. */
    void tickAll() {
        for (long id : List.copyOf(nodes.keySet())) {
            if (nodes.containsKey(id)) {
                tick(id);
            }
        }
    }

    /** {@code n} rounds of: tick every node, then {@link #stabilize()} (an instant network). */
    void runTicks(int n) {
        for (int i = 0; i < n; i++) {
            tickAll();
            stabilize();
        }
    }

    /** Runs {@link #runTicks(int) ticks} until {@code condition} holds; fails after {@code maxTicks}. */
    int runTicksUntil(Predicate<Network> condition, int maxTicks) {
        for (int i = 0; i <= maxTicks; i++) {
            if (condition.test(this)) {
                return i;
            }
            runTicks(1);
        }
        throw new AssertionError("condition not reached in " + maxTicks + " ticks: " + this);
    }

    // ---------------------------------------------------------------- transport

    List<RaftMessage> pending() {
        return List.copyOf(queue);
    }

    /** Delivers every message queued now (not those their delivery produces), in FIFO order. */
    void deliverAll() {
        deliver(m -> true);
    }

    /** Delivers the queued messages matching {@code which}, in FIFO order; the others stay queued. */
    void deliver(Predicate<RaftMessage> which) {
        List<RaftMessage> batch = new ArrayList<>();
        for (Iterator<RaftMessage> it = queue.iterator(); it.hasNext();) {
            RaftMessage m = it.next();
            if (which.test(m)) {
                batch.add(m);
                it.remove();
            }
        }
        for (RaftMessage m : batch) {
            deliverOne(m);
        }
    }

    /** Hands {@code m} to its recipient now, bypassing the queue and the cut links. */
    void inject(RaftMessage m) {
        trace.add("inject " + m);
        requireNode(m.to()).step(m);
        process(m.to());
    }

    /** Delivers the queued messages in an order chosen by {@code random}, losing each with {@code lossRate}. */
    void deliverShuffled(RandomGenerator random, double lossRate) {
        List<RaftMessage> batch = new ArrayList<>(queue);
        queue.clear();
        for (int i = batch.size() - 1; i > 0; i--) {
            Collections.swap(batch, i, random.nextInt(i + 1));
        }
        for (RaftMessage m : batch) {
            if (random.nextDouble() < lossRate) {
                trace.add("lose " + m);
            } else {
                deliverOne(m);
            }
        }
    }

    /** Drops the queued messages matching {@code which}. */
    void drop(Predicate<RaftMessage> which) {
        for (Iterator<RaftMessage> it = queue.iterator(); it.hasNext();) {
            RaftMessage m = it.next();
            if (which.test(m)) {
                trace.add("drop " + m);
                it.remove();
            }
        }
    }

    /** Holds back the queued messages matching {@code which} until {@link #release()}. */
    void delay(Predicate<RaftMessage> which) {
        for (Iterator<RaftMessage> it = queue.iterator(); it.hasNext();) {
            RaftMessage m = it.next();
            if (which.test(m)) {
                held.add(m);
                it.remove();
            }
        }
    }

    /** Re-queues the delayed messages (after everything queued meanwhile). */
    void release() {
        queue.addAll(held);
        held.clear();
    }

    /** Cuts the links between {@code a} and {@code b} in both directions: messages on them are lost. */
    void cut(long a, long b) {
        cutLinks.add(a + ">" + b);
        cutLinks.add(b + ">" + a);
    }

    /** Cuts every link of {@code id}. */
    void isolate(long id) {
        for (long other : allIds()) {
            if (other != id) {
                cut(id, other);
            }
        }
    }

    /** Partitions the cluster into the given groups. */
    void partition(Set<Long> a, Set<Long> b) {
        for (long x : a) {
            for (long y : b) {
                cut(x, y);
            }
        }
    }

    void heal() {
        cutLinks.clear();
    }

    /** Processes Ready and delivers messages until nothing is left (etcd's {@code stabilize}). */
    void stabilize() {
        for (int round = 0; round < 10_000; round++) {
            for (long id : List.copyOf(nodes.keySet())) {
                process(id);
            }
            if (queue.isEmpty()) {
                return;
            }
            deliverAll();
        }
        throw new AssertionError("network did not stabilize: " + this);
    }

    private void deliverOne(RaftMessage m) {
        RaftNode to = nodes.get(m.to());
        if (to == null || cutLinks.contains(m.from() + ">" + m.to())) {
            trace.add("lose " + m);
            return;
        }
        trace.add("deliver " + m);
        to.step(m);
        process(m.to());
    }

    // ---------------------------------------------------------------- the driver loop and checkers

    private void process(long id) {
        RaftNode n = nodes.get(id);
        if (n == null) {
            return;
        }
        while (n.hasReady()) {
            Ready rd = n.ready();
            storages.get(id).persist(rd);
            queue.addAll(rd.messages());
            if (rd.snapshot() != null) {
                appState.put(id, decodeApp(rd.snapshot().data()));
                appliedIndex.put(id, rd.snapshot().index());
            }
            for (Entry e : rd.committedEntries()) {
                apply(id, e);
            }
            n.advance(rd);
        }
        checkElectionSafety(n);
    }

    private void apply(long id, Entry e) {
        long expected = appliedIndex.get(id) + 1;
        if (e.index() != expected) {
            throw new AssertionError("node " + id + " applied " + e.index() + ", expected " + expected);
        }
        appliedIndex.put(id, e.index());
        Entry first = committedByIndex.putIfAbsent(e.index(), e);
        if (first != null && !first.equals(e)) {
            throw new AssertionError("state machine safety violated at index " + e.index() + ": " + first
                    + " was applied elsewhere, node " + id + " applies " + e);
        }
        if (e.type() == EntryType.NORMAL && e.dataLength() > 0) {
            appState.get(id).add(new String(e.data(), StandardCharsets.UTF_8));
        }
    }

    private void checkElectionSafety(RaftNode n) {
        if (n.role() == RaftRole.LEADER) {
            Long other = leaderByTerm.putIfAbsent(n.term(), n.id());
            if (other != null && other != n.id()) {
                throw new AssertionError("election safety violated: " + other + " and " + n.id() + " lead term " + n.term());
            }
        }
    }

    private static byte[] encodeApp(List<String> state) {
        return String.join("\n", state).getBytes(StandardCharsets.UTF_8);
    }

    private static List<String> decodeApp(byte[] data) {
        String s = new String(data, StandardCharsets.UTF_8);
        return s.isEmpty() ? new ArrayList<>() : new ArrayList<>(Arrays.asList(s.split("\n", -1)));
    }

    /**
     * §5.3 Log Matching: "if two logs contain an entry with the same index and term, then the logs
     * are identical in all entries up through the given index" — checked for every pair of running
     * nodes over the indexes both still hold (compacted prefixes cannot be compared).
     */
    void checkLogMatching() {
        List<RaftNode> running = List.copyOf(nodes.values());
        for (int x = 0; x < running.size(); x++) {
            for (int y = x + 1; y < running.size(); y++) {
                RaftNode a = running.get(x);
                RaftNode b = running.get(y);
                long lo = Math.max(a.firstIndex(), b.firstIndex());
                long hi = Math.min(a.lastIndex(), b.lastIndex());
                long agreeUpTo = lo - 1;
                for (long i = hi; i >= lo; i--) {
                    if (a.entryAt(i).term() == b.entryAt(i).term()) {
                        agreeUpTo = i;
                        break;
                    }
                }
                for (long i = lo; i <= agreeUpTo; i++) {
                    if (!a.entryAt(i).equals(b.entryAt(i))) {
                        throw new AssertionError("log matching violated: nodes " + a.id() + " and " + b.id() + " agree on "
                                + a.entryAt(agreeUpTo) + " but differ at " + i + ": " + a.entryAt(i) + " vs " + b.entryAt(i));
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- observation

    RaftNode node(long id) {
        return requireNode(id);
    }

    boolean isRunning(long id) {
        return nodes.containsKey(id);
    }

    InMemoryRaftStorage storage(long id) {
        return storages.get(id);
    }

    /** Payloads applied by node {@code id}'s toy application, in order. */
    List<String> applied(long id) {
        return List.copyOf(appState.get(id));
    }

    /** The running leader of the highest term, {@link RaftNode#NONE} if none. */
    long leader() {
        long best = RaftNode.NONE;
        long bestTerm = -1;
        for (RaftNode n : nodes.values()) {
            if (n.role() == RaftRole.LEADER && n.term() > bestTerm) {
                best = n.id();
                bestTerm = n.term();
            }
        }
        return best;
    }

    /** Leaders observed so far, by term. */
    TreeMap<Long, Long> leadersByTerm() {
        return new TreeMap<>(leaderByTerm);
    }

    /** Everything delivered, lost or dropped so far, in order. */
    List<String> trace() {
        return List.copyOf(trace);
    }

    Set<Long> allIds() {
        TreeSet<Long> ids = new TreeSet<>(storages.keySet());
        ids.addAll(bootstrapPeers);
        return ids;
    }

    private RaftNode requireNode(long id) {
        RaftNode n = nodes.get(id);
        if (n == null) {
            throw new IllegalStateException("node " + id + " is not running");
        }
        return n;
    }

    // ---------------------------------------------------------------- message predicates

    static Predicate<RaftMessage> to(long... ids) {
        return m -> LongStream.of(ids).anyMatch(id -> id == m.to());
    }

    static Predicate<RaftMessage> from(long... ids) {
        return m -> LongStream.of(ids).anyMatch(id -> id == m.from());
    }

    static Predicate<RaftMessage> ofType(Class<? extends RaftMessage> type) {
        return type::isInstance;
    }

    // ---------------------------------------------------------------- scripts

    /**
     * Runs commands in the style of etcd's interaction tests, one per line ({@code #} starts a
     * comment): {@code campaign N}, {@code propose N data}, {@code stabilize},
     * {@code deliver-msgs [drop=(a,b,..)]} (deliver queued messages, dropping those to the listed
     * nodes), {@code tick-heartbeat N}, {@code tick-election N}, {@code tick-all K},
     * {@code run-ticks K}, {@code isolate N}, {@code heal}, {@code crash N}, {@code restart N},
     * {@code compact N}, {@code transfer-leadership FROM TO}, {@code add-node N},
     * {@code conf-change LEADER add|remove N}.
     */
    void script(String text) {
        for (String raw : text.split("\n")) {
            String line = raw.replaceAll("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] w = line.split("\\s+");
            switch (w[0]) {
                case "campaign" -> campaign(Long.parseLong(w[1]));
                case "propose" -> propose(Long.parseLong(w[1]), w[2]);
                case "stabilize" -> stabilize();
                case "deliver-msgs" -> {
                    Set<Long> dropTo = new TreeSet<>();
                    for (int i = 1; i < w.length; i++) {
                        if (!w[i].startsWith("drop=(") || !w[i].endsWith(")")) {
                            throw new IllegalArgumentException("bad argument '" + w[i] + "' in: " + line);
                        }
                        for (String id : w[i].substring(6, w[i].length() - 1).split(",")) {
                            dropTo.add(Long.parseLong(id.trim()));
                        }
                    }
                    drop(m -> dropTo.contains(m.to()));
                    deliverAll();
                }
                case "tick-heartbeat" -> {
                    long id = Long.parseLong(w[1]);
                    for (int i = 0; i < node(id).config().heartbeatTick(); i++) {
                        tick(id);
                    }
                }
                case "tick-election" -> {
                    long id = Long.parseLong(w[1]);
                    for (int i = 0; i < 2 * node(id).config().electionTick(); i++) {
                        tick(id);
                    }
                }
                case "tick-all" -> {
                    for (int i = 0; i < Integer.parseInt(w[1]); i++) {
                        tickAll();
                    }
                }
                case "run-ticks" -> runTicks(Integer.parseInt(w[1]));
                case "isolate" -> isolate(Long.parseLong(w[1]));
                case "heal" -> heal();
                case "crash" -> crash(Long.parseLong(w[1]));
                case "restart" -> restart(Long.parseLong(w[1]));
                case "compact" -> compact(Long.parseLong(w[1]));
                case "transfer-leadership" -> transferLeadership(Long.parseLong(w[1]), Long.parseLong(w[2]));
                case "add-node" -> addNode(Long.parseLong(w[1]));
                case "conf-change" -> {
                    long n = Long.parseLong(w[3]);
                    ConfChange cc = switch (w[2]) {
                        case "add" -> ConfChange.addNode(n);
                        case "remove" -> ConfChange.removeNode(n);
                        default -> throw new IllegalArgumentException("add or remove expected in: " + line);
                    };
                    proposeConfChange(Long.parseLong(w[1]), cc);
                }
                default -> throw new IllegalArgumentException("unknown command: " + line);
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Network[seed=" + seed + "\n");
        for (RaftNode n : nodes.values()) {
            sb.append("  ").append(n).append('\n');
        }
        sb.append("  queued=").append(queue.size()).append(", cut=").append(cutLinks).append(']');
        return sb.toString();
    }
}
