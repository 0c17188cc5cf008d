package io.aerosink.connect.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run's CPU went besides the client's own threads: the in-process server, the garbage collector, the JIT
 * compiler and the rest, from Linux's per-thread counters (the JVM reports Java threads only, and the collector and
 * compiler threads are not). Empty where {@code /proc} is missing.
 */
final class CpuByThreadKind {

    static final String SERVER = "server";
    static final String GC = "gc";
    static final String JIT = "jit";
    static final String OTHER = "other";
    static final List<String> KINDS = List.of(SERVER, GC, JIT, OTHER);

    private static final String CLIENT = "client";

    private CpuByThreadKind() {
    }

    /** CPU nanoseconds so far by kind, over the threads alive now. */
    static Map<String, Long> snapshot() {
        Map<String, Long> byKind = new HashMap<>();
        try {
            ProcessCpu.threads(ProcessHandle.current().pid())
                    .values().forEach(t -> byKind.merge(kind(t.name()), t.nanos(), Long::sum));
        } catch (RuntimeException noProc) {
            return new HashMap<>();
        }
        return byKind;
    }

    /** CPU nanoseconds by kind spent from {@code before} to {@code after}; empty when either snapshot is. */
    static Map<String, Long> between(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> spent = new HashMap<>();
        if (before.isEmpty() || after.isEmpty()) {
            return spent;
        }
        for (String kind : KINDS) {
            spent.put(kind, Math.max(0, after.getOrDefault(kind, 0L) - before.getOrDefault(kind, 0L)));
        }
        return spent;
    }

    /** Linux keeps the first 15 characters of a thread's name. */
    private static String kind(String comm) {
        if (comm.startsWith("aerospike-test")) {
            return SERVER;
        }
        if (comm.startsWith("GC Thread") || comm.startsWith("G1 ")) {
            return GC;
        }
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
            return JIT;
        }
        if (comm.equals("java") || comm.equals("main") || comm.startsWith("aerosink-bench")
                || comm.startsWith("bench-raw")) {
            return CLIENT;
        }
        return OTHER;
    }
}
