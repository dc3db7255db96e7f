package dev.ledgersim.network.runtime;

import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A fault, as a value: what {@link Engine#inject} applies and what the trace records
 * ({@link TraceEvent.Kind#FAULT}). Generators of random fault schedules draw these from the seed.
 */
public sealed interface Fault {

    /** Crash a node ({@link Engine#crash}). */
    record Crash(String node) implements Fault {
        /** Validates. */
        public Crash {
            Objects.requireNonNull(node, "node");
        }
    }

    /** Restart a node ({@link Engine#restart}). */
    record Restart(String node) implements Fault {
        /** Validates. */
        public Restart {
            Objects.requireNonNull(node, "node");
        }
    }

    /**
     * Drop every message between a node of {@code a} and a node of {@code b}, both directions, from now
     * until {@link Heal}. Messages already in flight are still delivered.
     *
     * @param a one side, non-empty, sorted copy
     * @param b the other side, non-empty, disjoint from {@code a}, sorted copy
     */
    record Partition(SortedSet<String> a, SortedSet<String> b) implements Fault {
        /** Validates and copies. */
        public Partition {
            a = copy(a, "a");
            b = copy(b, "b");
            for (String n : a) {
                if (b.contains(n)) {
                    throw new IllegalArgumentException("node " + n + " is on both sides of the partition");
                }
            }
        }

        /** A partition between two sets. */
        public static Partition of(Set<String> a, Set<String> b) {
            return new Partition(new TreeSet<>(Objects.requireNonNull(a, "a")),
                    new TreeSet<>(Objects.requireNonNull(b, "b")));
        }

        /** Whether a message {@code from -> to} crosses this partition. */
        public boolean separates(String from, String to) {
            return a.contains(from) && b.contains(to) || b.contains(from) && a.contains(to);
        }

        private static SortedSet<String> copy(SortedSet<String> s, String name) {
            Objects.requireNonNull(s, name);
            if (s.isEmpty()) {
                throw new IllegalArgumentException("partition side " + name + " is empty");
            }
            TreeSet<String> c = new TreeSet<>();
            for (String n : s) {
                c.add(Objects.requireNonNull(n, "node name"));
            }
            return java.util.Collections.unmodifiableSortedSet(c);
        }
    }

    /** Drop every message to or from {@code node} (except its messages to itself) until {@link Heal}. */
    record Isolate(String node) implements Fault {
        /** Validates. */
        public Isolate {
            Objects.requireNonNull(node, "node");
        }
    }

    /** Configure the directed link {@code from -> to}; until {@link Heal}. */
    record ConfigureLink(String from, String to, LinkConfig config) implements Fault {
        /** Validates. */
        public ConfigureLink {
            Objects.requireNonNull(from, "from");
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(config, "config");
        }
    }

    /** Remove every partition, isolation and link configuration: back to the default link everywhere. */
    record Heal() implements Fault {
    }
}
