package dev.ledgersim.network.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * The simulated network both engines send through: a point-to-point link for every ordered pair of
 * names (including a node to itself), each behaving as its {@link LinkConfig} says, plus partitions and
 * isolations. Thread-safe; changes apply to messages sent afterwards (messages already in flight keep
 * their fate).
 *
 * <p><b>Decisions.</b> For each message, in this order: a message between the two sides of a
 * {@link Fault.Partition}, or to/from an {@link Fault.Isolate isolated} node (self-sends excepted), is
 * dropped; then, on the link's own random stream ({@link Seeds}: {@code "link/<from>-><to>"}), it is
 * dropped with probability {@code dropRate}, else duplicated with probability {@code duplicateRate};
 * each copy draws its latency (and reorder jitter). A draw is made only when the rate or distribution
 * needs one, so a reliable fixed-latency link consumes no randomness. Because every link has its own
 * stream, traffic on one link never shifts the decisions on another. The engine then drops copies whose
 * receiver is down.
 *
 * <p>All node names given here must be registered with the engine.
 */
public final class NetworkFaults {

    private final long seed;
    private final LinkConfig defaultLink;
    private final Predicate<String> knownNode;
    private final Consumer<Fault> listener;
    private final ConcurrentHashMap<String, LinkState> links = new ConcurrentHashMap<>();
    /** Partitions, isolations and link configurations in force, in application order; guarded by this. */
    private final Map<Object, Fault> active = new LinkedHashMap<>();
    private volatile List<Fault.Partition> partitions = List.of();
    private volatile Set<String> isolated = Set.of();

    /**
     * Creates the network of an engine.
     *
     * @param seed the run's seed
     * @param defaultLink the behaviour of unconfigured links
     * @param knownNode whether a name is a registered node (for argument checks)
     * @param listener told of every fault applied, after it took effect (the engine traces it)
     */
    NetworkFaults(long seed, LinkConfig defaultLink, Predicate<String> knownNode, Consumer<Fault> listener) {
        this.seed = seed;
        this.defaultLink = Objects.requireNonNull(defaultLink, "defaultLink");
        this.knownNode = Objects.requireNonNull(knownNode, "knownNode");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The behaviour of links not configured otherwise. */
    public LinkConfig defaultLink() {
        return defaultLink;
    }

    /** The configuration in force on the directed link {@code from -> to}. */
    public LinkConfig link(String from, String to) {
        LinkState s = links.get(key(from, to));
        LinkConfig c = s == null ? null : s.configured;
        return c == null ? defaultLink : c;
    }

    /**
     * Configures the directed link {@code from -> to} until {@link #heal()}.
     *
     * @throws IllegalArgumentException for an unknown node
     */
    public void configureLink(String from, String to, LinkConfig config) {
        apply(new Fault.ConfigureLink(from, to, config));
    }

    /** Configures both directions between {@code a} and {@code b}. */
    public void configureLinkBothWays(String a, String b, LinkConfig config) {
        configureLink(a, b, config);
        if (!a.equals(b)) {
            configureLink(b, a, config);
        }
    }

    /**
     * Drops every message between a node of {@code a} and a node of {@code b}, both directions, until
     * {@link #heal()}. Partitions accumulate.
     *
     * @throws IllegalArgumentException for an unknown node, an empty side, or a node on both sides
     */
    public void partition(Set<String> a, Set<String> b) {
        apply(Fault.Partition.of(a, b));
    }

    /** Drops every message to or from {@code node} (except to itself) until {@link #heal()}. */
    public void isolate(String node) {
        apply(new Fault.Isolate(node));
    }

    /** Removes every partition, isolation and link configuration. */
    public void heal() {
        apply(new Fault.Heal());
    }

    /**
     * Applies a network fault ({@link Fault.Partition}, {@link Fault.Isolate},
     * {@link Fault.ConfigureLink}, {@link Fault.Heal}).
     *
     * @throws IllegalArgumentException for crash/restart (engine faults) or unknown nodes
     */
    public void apply(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        synchronized (this) {
            if (fault instanceof Fault.Partition p) {
                p.a().forEach(this::requireKnown);
                p.b().forEach(this::requireKnown);
                active.put(p, p);
                List<Fault.Partition> next = new ArrayList<>(partitions);
                next.add(p);
                partitions = List.copyOf(next);
            } else if (fault instanceof Fault.Isolate i) {
                requireKnown(i.node());
                active.put(i, i);
                Set<String> next = new TreeSet<>(isolated);
                next.add(i.node());
                isolated = Collections.unmodifiableSet(next);
            } else if (fault instanceof Fault.ConfigureLink c) {
                requireKnown(c.from());
                requireKnown(c.to());
                LinkState s = state(c.from(), c.to());
                synchronized (s) {
                    s.configured = c.config();
                }
                active.remove(List.of(c.from(), c.to()));
                active.put(List.of(c.from(), c.to()), c);
            } else if (fault instanceof Fault.Heal) {
                active.clear();
                partitions = List.of();
                isolated = Set.of();
                for (LinkState s : links.values()) {
                    synchronized (s) {
                        s.configured = null;
                    }
                }
            } else {
                throw new IllegalArgumentException(fault + " is not a network fault: apply it with Engine.inject");
            }
        }
        listener.accept(fault);
    }

    /** The partitions, isolations and link configurations in force, in the order applied. */
    public synchronized List<Fault> active() {
        return List.copyOf(active.values());
    }

    /**
     * Whether messages {@code from -> to} are cut by a partition or an isolation (never for a node to
     * itself).
     */
    public boolean isCut(String from, String to) {
        return cutReason(from, to) != null;
    }

    private String cutReason(String from, String to) {
        if (from.equals(to)) {
            return null;
        }
        Set<String> iso = isolated;
        if (!iso.isEmpty() && (iso.contains(from) || iso.contains(to))) {
            return "isolated";
        }
        for (Fault.Partition p : partitions) {
            if (p.separates(from, to)) {
                return "partition";
            }
        }
        return null;
    }

    /**
     * Decides the fate of one message sent now on {@code from -> to}.
     *
     * @param nowNanos the engine's monotonic time in nanoseconds (virtual, or {@code System.nanoTime})
     */
    Plan plan(String from, String to, long nowNanos) {
        String cut = cutReason(from, to);
        if (cut != null) {
            return Plan.dropped(cut);
        }
        LinkState s = state(from, to);
        synchronized (s) {
            LinkConfig c = s.configured == null ? defaultLink : s.configured;
            RandomGenerator r = s.random;
            if (c.dropRate() > 0.0 && r.nextDouble() < c.dropRate()) {
                return Plan.dropped("drop rate");
            }
            int copies = c.duplicateRate() > 0.0 && r.nextDouble() < c.duplicateRate() ? 2 : 1;
            long[] at = new long[copies];
            long jitter = c.reorderJitter().toNanos();
            for (int i = 0; i < copies; i++) {
                long t = nowNanos + c.latency().sampleNanos(r);
                if (jitter > 0) {
                    t += r.nextLong(jitter + 1);
                } else {
                    t = Math.max(t, s.lastDeliveryNanos);
                    s.lastDeliveryNanos = t;
                }
                at[i] = t;
            }
            return new Plan(null, at);
        }
    }

    private LinkState state(String from, String to) {
        return links.computeIfAbsent(key(from, to),
                k -> new LinkState(Seeds.random(seed, "link/" + from + "->" + to)));
    }

    private void requireKnown(String node) {
        if (!knownNode.test(node)) {
            throw new IllegalArgumentException("unknown node: " + node);
        }
    }

    private static String key(String from, String to) {
        return Objects.requireNonNull(from, "from") + '\u0000' + Objects.requireNonNull(to, "to");
    }

    /** Per directed link: its configuration (null: default), random stream and FIFO watermark. */
    private static final class LinkState {
        final RandomGenerator random;
        LinkConfig configured;
        long lastDeliveryNanos = Long.MIN_VALUE;

        LinkState(RandomGenerator random) {
            this.random = random;
        }
    }

    /** The fate of one message: dropped (with a reason) or delivered at these engine times. */
    static final class Plan {
        private static final long[] NONE = new long[0];
        final String dropReason;
        final long[] deliveryNanos;

        Plan(String dropReason, long[] deliveryNanos) {
            this.dropReason = dropReason;
            this.deliveryNanos = deliveryNanos;
        }

        static Plan dropped(String reason) {
            return new Plan(reason, NONE);
        }
    }
}
