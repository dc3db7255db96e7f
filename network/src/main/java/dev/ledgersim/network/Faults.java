package dev.ledgersim.network;

import dev.ledgersim.network.runtime.Engine;
import dev.ledgersim.network.runtime.Fault;
import java.util.Objects;
import java.util.Set;

/**
 * Fault injection on a running network (API.md §6): crash and restart nodes, partition and heal the
 * network, degrade links. Every change applies from now on; messages already in flight keep their fate.
 * In the simulated runtime every random consequence (which message is lost, how long one takes) is
 * drawn from the run's seed, so a run with faults is reproduced by its seed. Each fault applied is
 * recorded in the trace.
 *
 * <pre>{@code
 * Faults faults = sim.faults();
 * faults.crash("orderer0.orderermsp");
 * faults.restart("orderer0.orderermsp");
 * faults.partition(Set.of("orderer0.orderermsp"), Set.of("orderer1.orderermsp", "orderer2.orderermsp"));
 * faults.heal();
 * faults.link("peer0.org1msp", "orderer1.orderermsp").latency(Duration.ofMillis(30)).dropRate(0.1);
 * }</pre>
 *
 * <p>Every method validates its arguments ({@link IllegalArgumentException} naming the bad value for an
 * unknown node, a rate outside [0, 1], a negative duration). Thread-safe.
 */
public final class Faults {

    private final Engine engine;

    private Faults(Engine engine) {
        this.engine = Objects.requireNonNull(engine, "engine");
    }

    /** Faults over an engine (used by the {@code LedgerSim} builder). */
    public static Faults of(Engine engine) {
        return new Faults(engine);
    }

    /**
     * Crashes a node: its in-memory state is gone, messages in flight to it and its timers are lost. A
     * no-op if it is already down.
     */
    public void crash(String node) {
        engine.crash(requireKnown(node));
    }

    /**
     * Restarts a node with a fresh instance that recovers from its own storage and catches up from the
     * others; a running node is crashed first (a reboot).
     */
    public void restart(String node) {
        engine.restart(requireKnown(node));
    }

    /** Whether the node is running (registered and not crashed). */
    public boolean isAlive(String node) {
        return engine.isAlive(requireKnown(node));
    }

    /**
     * Drops every message between a node of {@code a} and a node of {@code b}, in both directions, until
     * {@link #heal()}. Partitions accumulate; messages inside each side still flow.
     *
     * @throws IllegalArgumentException for an unknown node, an empty side, or a node on both sides
     */
    public void partition(Set<String> a, Set<String> b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        a.forEach(this::requireKnown);
        b.forEach(this::requireKnown);
        engine.inject(Fault.Partition.of(a, b));
    }

    /** Cuts {@code node} off from every other node, both directions, until {@link #heal()}. */
    public void isolate(String node) {
        engine.inject(new Fault.Isolate(requireKnown(node)));
    }

    /**
     * Removes every partition, isolation and link setting: every link is reliable and FIFO again with
     * the default latency. Crashed nodes stay down (restart them).
     */
    public void heal() {
        engine.inject(new Fault.Heal());
    }

    /**
     * The link between {@code a} and {@code b}, both directions, to degrade fluently; each setter takes
     * effect at once and keeps the link's other settings.
     */
    public LinkFaults link(String a, String b) {
        return new LinkFaults(engine, requireKnown(a), requireKnown(b));
    }

    /** Applies a typed fault record (crash, restart, partition, isolate, link configuration, heal). */
    public void inject(Fault fault) {
        engine.inject(Objects.requireNonNull(fault, "fault"));
    }

    private String requireKnown(String node) {
        Objects.requireNonNull(node, "node");
        if (!engine.nodes().contains(node)) {
            throw new IllegalArgumentException("unknown node: " + node + " (known: " + engine.nodes() + ")");
        }
        return node;
    }
}
