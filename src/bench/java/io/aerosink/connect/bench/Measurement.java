package io.aerosink.connect.bench;

import java.lang.management.ManagementFactory;

/**
 * One timed run: {@code rows} rows in Aerospike after {@code nanos}, the CPU the whole process spent meanwhile (the
 * in-process server's included), and the heap.
 */
record Measurement(String run, long rows, long nanos, long cpuNanos, HeapMonitor.Stats heap, ClientCpu client) {

    /** CPU of the client side: the thread calling put() (the task thread), and the threads sending batches. */
    record ClientCpu(long taskNanos, long senderNanos) {
        static final ClientCpu NONE = new ClientCpu(0, 0);
    }

    Measurement(String run, long rows, long nanos, long cpuNanos, HeapMonitor.Stats heap) {
        this(run, rows, nanos, cpuNanos, heap, ClientCpu.NONE);
    }

    /** CPU time of the live threads whose name contains {@code part}. */
    static long threadsCpuNanos(String part) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().contains(part)) {
                total += Math.max(0, threads.getThreadCpuTime(t.getId()));
            }
        }
        return total;
    }

    static long currentThreadCpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
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
