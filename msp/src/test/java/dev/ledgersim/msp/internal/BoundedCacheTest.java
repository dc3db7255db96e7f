package dev.ledgersim.msp.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    @Test
    void aCachedValueIsFoundAndNotReplaced() {
        BoundedCache<String, String> cache = new BoundedCache<>(10);
        assertNull(cache.get("a"));
        assertEquals("1", cache.put("a", "1"));
        assertEquals("1", cache.put("a", "2"), "put keeps the value already cached");
        assertEquals("1", cache.get("a"));
        assertEquals("1", cache.computeIfAbsent("a", k -> "3"));
    }

    @Test
    void holdsAtMostTwoGenerations() {
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(100);
        for (int i = 0; i < 10_000; i++) {
            cache.put(i, i);
            assertTrue(cache.size() <= 200, "size " + cache.size() + " after " + (i + 1) + " puts");
        }
        assertNull(cache.get(0), "the oldest entries are forgotten");
        assertEquals(9_999, cache.get(9_999));
    }

    @Test
    void anEntryInUseSurvivesWhileUnusedOnesAreForgotten() {
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(100);
        cache.put(-1, -1);
        cache.put(-2, -2);
        for (int i = 0; i < 5_000; i++) {
            cache.put(i, i);
            if (i % 50 == 0) {
                assertEquals(-1, cache.get(-1), "a hit in either generation keeps the entry (put " + i + ")");
            }
        }
        assertEquals(-1, cache.get(-1));
        assertNull(cache.get(-2), "an entry not used for two generations is forgotten");
    }

    @Test
    void computesOnceForConcurrentCallers() throws Exception {
        BoundedCache<Integer, Integer> cache = new BoundedCache<>(1_000_000);
        AtomicInteger computations = new AtomicInteger();
        int threads = 4;
        int keys = 20_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> sums = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                sums.add(pool.submit(() -> {
                    start.await();
                    long sum = 0;
                    for (int k = 0; k < keys; k++) {
                        sum += cache.computeIfAbsent(k, key -> {
                            computations.incrementAndGet();
                            return key * 2;
                        });
                    }
                    return sum;
                }));
            }
            for (Future<Long> sum : sums) {
                assertEquals((long) keys * (keys - 1), sum.get(), "every caller sees the computed values");
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(keys, computations.get(), "each key computed once");
    }

    @Test
    void aFailedComputationCachesNothing() {
        BoundedCache<String, String> cache = new BoundedCache<>(10);
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> cache.computeIfAbsent("k", k -> {
                    throw new IllegalStateException("boom");
                }));
        assertEquals("boom", thrown.getMessage());
        assertNull(cache.get("k"));
        assertEquals("v", cache.computeIfAbsent("k", k -> "v"));
    }

    @Test
    void refusesNullValuesAndEmptyGenerations() {
        BoundedCache<String, String> cache = new BoundedCache<>(10);
        assertThrows(NullPointerException.class, () -> cache.put("k", null));
        assertThrows(NullPointerException.class, () -> cache.computeIfAbsent("k", k -> null));
        assertNull(cache.get("k"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> new BoundedCache<>(0));
        assertTrue(bad.getMessage().contains("got 0"), bad.getMessage());
    }

    @Test
    void aHitInTheOldGenerationReturnsTheSameInstance() {
        BoundedCache<Integer, Object> cache = new BoundedCache<>(4);
        Object kept = new Object();
        cache.put(0, kept);
        for (int i = 1; i < 4; i++) {
            cache.put(i, new Object());
        }
        assertSame(kept, cache.get(0));
    }
}
