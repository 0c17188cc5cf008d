package io.aerosink.connect.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Heap use of the whole JVM, two ways: the used heap sampled every 10 ms (garbage included, so it saws up and
 * down), and the heap left after each collection, from the collectors' own notifications (what is really held).
 */
final class HeapMonitor implements AutoCloseable {

    /** Peaks since the last {@link #reset}, in bytes. */
    record Stats(long peakUsed, long peakAfterGc, int collections, long gcMillis) {
        String describe() {
            return mib(peakUsed) + " / " + (collections == 0 ? "-" : mib(peakAfterGc)) + ", " + collections + " GCs "
                    + gcMillis + " ms";
        }
    }

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private final Set<String> heapPools = new HashSet<>();
    private final AtomicLong peakUsed = new AtomicLong();
    private final AtomicLong peakAfterGc = new AtomicLong();
    private final AtomicLong lastAfterGc = new AtomicLong();
    private final AtomicInteger collections = new AtomicInteger();
    private final AtomicLong gcMillis = new AtomicLong();
    private final NotificationListener listener = this::onNotification;
    private final Thread sampler;
    private volatile boolean closed;

    HeapMonitor() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
            }
        }
        sampler = new Thread(() -> {
            while (!closed) {
                peakUsed.accumulateAndGet(usedNow(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-heap-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    static long usedNow() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Runs two full collections (the second frees what the first only made unreachable) and returns the live heap. */
    static long liveAfterFullGc() {
        System.gc();
        System.gc();
        return usedNow();
    }

    static String mib(long bytes) {
        return String.format("%,d", Math.round(bytes / 1048576.0));
    }

    void reset() {
        peakUsed.set(usedNow());
        peakAfterGc.set(0);
        collections.set(0);
        gcMillis.set(0);
    }

    Stats stats() {
        peakUsed.accumulateAndGet(usedNow(), Math::max);
        return new Stats(peakUsed.get(), peakAfterGc.get(), collections.get(), gcMillis.get());
    }

    /** Heap left after the latest collection (any phase). */
    long lastAfterGc() {
        return lastAfterGc.get();
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                after += pool.getValue().getUsed();
            }
        }
        lastAfterGc.set(after);
        peakAfterGc.accumulateAndGet(after, Math::max);
        collections.incrementAndGet();
        gcMillis.addAndGet(info.getGcInfo().getDuration());
    }

    @Override
    public void close() {
        closed = true;
        sampler.interrupt();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                try {
                    emitter.removeNotificationListener(listener);
                } catch (Exception ignored) {
                    // Not registered there: nothing to undo.
                }
            }
        }
    }
}
