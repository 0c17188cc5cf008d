package io.aerosink.connect.bench;

import java.util.Map;

import io.aerosink.connect.bench.ProcessCpu.ThreadCpu;

/**
 * One timed run of a case through the worker: from the task's first poll until the last row was in Aerospike, the
 * worker process's CPU (all its threads) over that time, by thread kind, the sink's own counters of the run, and the
 * CPU the bench (with its broker) and the test server spent meanwhile, both on the server's core.
 */
record WorkerMeasurement(WorkerCase workerCase, long rows, long nanos, long cpuNanos, Map<String, Long> byKind,
                         Map<Long, ThreadCpu> threads, long batchCalls, long recordsWritten, long recordsFolded,
                         long benchCpuNanos, long serverCpuNanos) {

    double rowsPerSecond() {
        return rows / (nanos / 1e9);
    }

    double cpuMicrosPerRow() {
        return cpuNanos / 1e3 / rows;
    }

    /** CPU over the run's time: how many cores' worth it kept busy. */
    double cores(long nanosOfCpu) {
        return (double) nanosOfCpu / nanos;
    }

    double kindMicrosPerRow(String kind) {
        return byKind.getOrDefault(kind, 0L) / 1e3 / rows;
    }
}
