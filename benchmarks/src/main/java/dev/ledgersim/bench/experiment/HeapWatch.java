package dev.ledgersim.bench.experiment;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.GcInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * The heap of this JVM over a measured phase, read from the garbage collector's own reports. The heap
 * only grows between collections, so its peak is the largest heap in use just before one (or now, if
 * larger); the largest heap in use just after one bounds what the run holds on to. Summing each heap
 * pool's own peak, as {@code MemoryPoolMXBean.getPeakUsage} offers, would add peaks reached at
 * different moments: with G1 that sum passes the maximum heap size.
 *
 * <p>Collections are reported on a JMX thread shortly after they end, so one that ends as the phase ends
 * may be missed. Thread-safe; {@link #close} stops listening.
 */
final class HeapWatch implements AutoCloseable {

    private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onNotification;
    private final AtomicLong peakBeforeCollection = new AtomicLong();
    private final AtomicLong peakAfterCollection = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();

    /** Starts listening to every collector of this JVM. */
    HeapWatch() {
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
    }

    /** Forgets the peaks seen so far: the phase starts now. */
    void reset() {
        peakBeforeCollection.set(0);
        peakAfterCollection.set(0);
        collections.set(0);
    }

    /** The largest heap in use since {@link #reset}, in bytes. */
    long peakBytes() {
        return Math.max(peakBeforeCollection.get(), heapUsedNow());
    }

    /**
     * The largest heap in use just after a collection since {@link #reset}, in bytes: the live data and
     * the garbage the collection left (a young collection leaves the old generation's); the heap in use
     * now when nothing was collected.
     */
    long peakAfterCollectionBytes() {
        return collections.get() == 0 ? heapUsedNow() : peakAfterCollection.get();
    }

    private static long heapUsedNow() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GcInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData()).getGcInfo();
        collected(info.getMemoryUsageBeforeGc(), info.getMemoryUsageAfterGc());
    }

    /** Takes in one collection: the memory pools' usage before and after it (heap pools counted only). */
    void collected(Map<String, MemoryUsage> before, Map<String, MemoryUsage> after) {
        peakBeforeCollection.accumulateAndGet(heapBytes(before), Math::max);
        peakAfterCollection.accumulateAndGet(heapBytes(after), Math::max);
        collections.incrementAndGet();
    }

    /** The names of this JVM's heap pools. */
    Set<String> heapPools() {
        return heapPools;
    }

    private long heapBytes(Map<String, MemoryUsage> byPool) {
        long bytes = 0;
        for (Map.Entry<String, MemoryUsage> pool : byPool.entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                bytes += pool.getValue().getUsed();
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException alreadyGone) {
                // removed before: nothing to do
            }
        }
        emitters.clear();
    }
}
