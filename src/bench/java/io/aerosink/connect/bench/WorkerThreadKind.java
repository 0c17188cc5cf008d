package io.aerosink.connect.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.aerosink.connect.bench.ProcessCpu.ThreadCpu;

/**
 * What a Connect worker's thread is for, from its kernel name (the first 15 characters of the Java name): the task
 * thread polls the consumer (fetch responses are parsed there), converts and calls {@code put()}; the sink's writer
 * threads send the batches; the rest is the worker's own machinery and the JVM's.
 */
final class WorkerThreadKind {

    static final String TASK = "task thread";
    static final String WRITERS = "sink writers";
    static final String KAFKA = "Kafka clients' own threads";
    static final String GC = "garbage collector";
    static final String JIT = "JIT compiler";
    static final String OTHER = "other";
    static final List<String> KINDS = List.of(TASK, WRITERS, KAFKA, GC, JIT, OTHER);

    private WorkerThreadKind() {
    }

    /** CPU nanoseconds by kind; {@code connector} names the sink's writer threads ({@code <connector>-<n>-writer-<i>}). */
    static Map<String, Long> split(Map<Long, ThreadCpu> spent, String connector) {
        Map<String, Long> byKind = new LinkedHashMap<>();
        KINDS.forEach(k -> byKind.put(k, 0L));
        spent.values().forEach(t -> byKind.merge(of(t.name(), connector), t.nanos(), Long::sum));
        return byKind;
    }

    static String of(String name, String connector) {
        if (name.startsWith("task-thread-")) {
            return TASK;
        }
        if (name.startsWith(connector + "-")) {
            return WRITERS;
        }
        // Consumer heartbeats and the worker's producers of its config, offset and status topics.
        if (name.startsWith("kafka-") || name.startsWith("consumer_") || name.startsWith("KafkaBasedLog")) {
            return KAFKA;
        }
        if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.equals("VM Thread")) {
            return GC;
        }
        if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        return OTHER;
    }
}
