package dev.ledgersim.msp.internal;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A thread-safe cache of at most {@code 2 × generation} entries that costs a hash-map lookup per hit and
 * nothing else. Entries live in two generations: new ones enter the young map; when it holds
 * {@code generation} entries it becomes the old map and the previous old map is dropped. A hit in the old
 * map moves the entry back to the young one, so what is still used survives the next turn and what is not
 * is forgotten within two. Unlike an LRU cache, a hit records nothing (Guava's cache appends every read
 * to a queue shared by all threads, which showed up as 6 % of the validation pipeline's CPU).
 *
 * <p>{@link #computeIfAbsent} computes a missing value once however many threads ask for it at the same
 * moment: the others wait for that value (two peers validating the same block check the same
 * signatures). Keys and values must not be null. A value is never replaced once cached, except by being
 * forgotten and computed again.
 *
 * @param <K> the key type, with value equality
 * @param <V> the value type
 */
public final class BoundedCache<K, V> {

    private final int generation;
    private final Object turn = new Object();
    private volatile ConcurrentHashMap<K, V> young;
    private volatile ConcurrentHashMap<K, V> old;
    private final AtomicInteger youngSize = new AtomicInteger();

    /**
     * A cache whose generations hold {@code generation} entries each.
     *
     * @throws IllegalArgumentException when {@code generation} is not positive
     */
    public BoundedCache(int generation) {
        if (generation <= 0) {
            throw new IllegalArgumentException("a cache generation must hold at least one entry, got " + generation);
        }
        this.generation = generation;
        this.young = newMap();
        this.old = newMap();
    }

    /** The cached value of {@code key}, or null. */
    public V get(K key) {
        V value = young.get(key);
        if (value != null) {
            return value;
        }
        value = old.get(key);
        if (value != null) {
            put(key, value);
        }
        return value;
    }

    /** Caches {@code value} for {@code key} unless a value is already cached; returns the cached value. */
    public V put(K key, V value) {
        Objects.requireNonNull(value, "value");
        ConcurrentHashMap<K, V> map = young;
        V present = map.putIfAbsent(key, value);
        if (present != null) {
            return present;
        }
        counted(map);
        return value;
    }

    /**
     * The cached value of {@code key}, or the value {@code compute} gives, cached. Threads asking for the
     * same missing key at the same time wait for one computation. An exception from {@code compute}
     * reaches every caller that waited for it and caches nothing.
     */
    public V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
        V value = get(key);
        if (value != null) {
            return value;
        }
        ConcurrentHashMap<K, V> map = young;
        boolean[] computed = new boolean[1];
        value = map.computeIfAbsent(key, k -> {
            computed[0] = true;
            return Objects.requireNonNull(compute.apply(k), "computed value");
        });
        if (computed[0]) {
            counted(map);
        }
        return value;
    }

    /** How many entries are cached now, at most {@code 2 × generation} (for tests and diagnostics). */
    public int size() {
        return young.size() + old.size();
    }

    private void counted(ConcurrentHashMap<K, V> map) {
        if (young == map && youngSize.incrementAndGet() >= generation) {
            synchronized (turn) {
                if (young == map && youngSize.get() >= generation) {
                    old = map;
                    young = newMap();
                    youngSize.set(0);
                }
            }
        }
    }

    private static <K, V> ConcurrentHashMap<K, V> newMap() {
        return new ConcurrentHashMap<>();
    }
}
