package io.aerosink.connect.bench;

import java.util.Map;

import io.aerosink.connect.bench.ProcessCpu.ThreadCpu;

/**
 * One timed run of a case through the worker: from the task's first poll until the last row was in Aerospike, the
 * worker process's CPU (all its threads) over that time, by thread kind, and the sink's own counters of the run.
 */
record WorkerMeasurement(WorkerCase workerCase, long rows, long nanos, long cpuNanos, Map<String, Long> byKind,
                         Map<Long, ThreadCpu> threads, long batchCalls, long recordsWritten, long recordsFolded) {

    double rowsPerSecond() {
        return rows / (nanos / 1e9);
    }

    double cpuMicrosPerRow() {
        return cpuNanos / 1e3 / rows;
    }

    double kindMicrosPerRow(String kind) {
        return byKind.getOrDefault(kind, 0L) / 1e3 / rows;
    }
}
