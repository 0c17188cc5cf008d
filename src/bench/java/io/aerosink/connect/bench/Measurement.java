package io.aerosink.connect.bench;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.function.LongUnaryOperator;

/**
 * One timed run: {@code rows} rows in Aerospike after {@code nanos}, the CPU the whole process spent meanwhile (the
 * in-process server's included), the client's share of it, the rest by {@link CpuByThreadKind} (empty when not
 * measured), and the heap.
 */
record Measurement(String run, long rows, long nanos, long cpuNanos, HeapMonitor.Stats heap, ClientCpu client,
                   Map<String, Long> cpuElsewhere) {

    /** HotSpot's view of the threads, which also counts their allocation. */
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** CPU and allocation of the client side: the thread calling put() (the task thread), and the senders. */
    record ClientCpu(long taskNanos, long senderNanos, long taskBytes, long senderBytes) {
        static final ClientCpu NONE = new ClientCpu(0, 0, 0, 0);
    }

    Measurement(String run, long rows, long nanos, long cpuNanos, HeapMonitor.Stats heap) {
        this(run, rows, nanos, cpuNanos, heap, ClientCpu.NONE);
    }

    Measurement(String run, long rows, long nanos, long cpuNanos, HeapMonitor.Stats heap, ClientCpu client) {
        this(run, rows, nanos, cpuNanos, heap, client, Map.of());
    }

    /** Microseconds per row that threads of {@code kind} spent, or NaN when not measured. */
    double elsewhereMicrosPerRow(String kind) {
        Long nanos = cpuElsewhere.get(kind);
        return nanos == null ? Double.NaN : nanos / 1e3 / rows;
    }

    /** CPU time of the live threads whose name contains {@code part}. */
    static long threadsCpuNanos(String part) {
        return sumOverThreads(part, THREADS::getThreadCpuTime);
    }

    /** Bytes the live threads whose name contains {@code part} allocated so far. */
    static long threadsAllocatedBytes(String part) {
        return sumOverThreads(part, THREADS::getThreadAllocatedBytes);
    }

    private static long sumOverThreads(String part, LongUnaryOperator byThreadId) {
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains(part)) {
                total += Math.max(0, byThreadId.applyAsLong(t.getId()));
            }
        }
        return total;
    }

    static long currentThreadAllocatedBytes() {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    double clientBytesPerRow() {
        return (double) (client.taskBytes() + client.senderBytes()) / rows;
    }

    static long currentThreadCpuNanos() {
        return THREADS.getCurrentThreadCpuTime();
    }

    double taskMicrosPerRow() {
        return client.taskNanos() / 1e3 / rows;
    }

    double senderMicrosPerRow() {
        return client.senderNanos() / 1e3 / rows;
    }

    /** CPU time of the whole JVM so far, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    double rowsPerSecond() {
        return rows * 1e9 / nanos;
    }

    double seconds() {
        return nanos / 1e9;
    }

    double cpuMicrosPerRow() {
        return cpuNanos / 1e3 / rows;
    }
}
