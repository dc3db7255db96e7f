package dev.ledgersim.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The heap figures of an experiment's point: peaks of whole-heap sums, from the collector's reports. */
class HeapWatchTest {

    private static final long MB = 1 << 20;

    private static Map<String, MemoryUsage> usage(String young, long youngMb, String old, long oldMb) {
        Map<String, MemoryUsage> byPool = new HashMap<>();
        byPool.put(young, new MemoryUsage(0, youngMb * MB, youngMb * MB, -1));
        byPool.put(old, new MemoryUsage(0, oldMb * MB, oldMb * MB, -1));
        byPool.put("Metaspace", new MemoryUsage(0, 999 * MB, 999 * MB, -1)); // not a heap pool: never counted
        return byPool;
    }

    @Test
    void peaksAreOfTheWholeHeapAtOneMomentNotSumsOfEachPoolsPeak() {
        try (HeapWatch watch = new HeapWatch()) {
            assertTrue(watch.heapPools().size() >= 2, "a generational collector has several heap pools: " + watch.heapPools());
            Iterator<String> pools = watch.heapPools().iterator();
            String young = pools.next();
            String old = pools.next();
            watch.reset();
            // Two young collections: a full young generation emptied each time while the old one grows. The
            // young pool peaks at 600 MB and the old at 520 MB, but the heap never held 1,120 MB at once.
            watch.collected(usage(young, 600, old, 100), usage(young, 0, old, 150));
            watch.collected(usage(young, 300, old, 500), usage(young, 0, old, 520));

            assertEquals(520 * MB, watch.peakAfterCollectionBytes(), "the largest heap just after a collection");
            long now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long peak = watch.peakBytes();
            assertTrue(peak >= 800 * MB, "the largest heap just before a collection is 800 MB, got " + peak / MB);
            assertTrue(peak <= Math.max(800 * MB, now + 256 * MB), "not a sum of pool peaks: " + peak / MB + " MB");
        }
    }

    @Test
    void withoutACollectionThePeaksAreTheHeapInUseNow() {
        try (HeapWatch watch = new HeapWatch()) {
            watch.collected(usage("a", 5_000, "b", 5_000), usage("a", 5_000, "b", 5_000)); // unknown pools: ignored
            watch.reset();
            long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            long afterCollection = watch.peakAfterCollectionBytes();
            long peak = watch.peakBytes();
            assertTrue(afterCollection > 0 && afterCollection < 5_000 * MB, afterCollection / MB + " MB");
            assertTrue(peak > 0 && peak < before + 256 * MB, peak / MB + " MB");
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        HeapWatch watch = new HeapWatch();
        watch.close();
        watch.close();
        assertTrue(watch.peakBytes() > 0);
    }
}
