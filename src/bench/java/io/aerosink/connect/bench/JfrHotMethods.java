package io.aerosink.connect.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * The hot methods of a worker's JFR recording ({@code SinkBenchmark --parts worker --worker-jfr FILE}): execution
 * samples by thread kind, then the threads of one kind (the task thread unless named) by the method on top of the
 * stack (self) and by every method on the stack (total). Prints Markdown.
 * <p>{@code mvn -B -o -Pbench test-compile exec:exec -Dbench.main=io.aerosink.connect.bench.JfrHotMethods
 * -Dbench.args='FILE [kind] [top]'}
 */
public final class JfrHotMethods {

    private JfrHotMethods() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 0) {
            System.err.println("JfrHotMethods FILE [thread kind, e.g. 'task thread' or 'sink writers'] [top N]");
            System.exit(2);
        }
        String kind = args.length > 1 ? args[1].replace('_', ' ') : WorkerThreadKind.TASK;
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Map<String, Long> byKind = new HashMap<>();
        Map<String, Long> self = new HashMap<>();
        Map<String, Long> total = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            RecordedStackTrace stack = event.getStackTrace();
            String k = kind(event.getThread("sampledThread").getJavaName(), stack);
            byKind.merge(k, 1L, Long::sum);
            if (!k.equals(kind) || stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(method(frames.get(0)), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : frames) {
                if (seen.add(method(frame))) {
                    total.merge(method(frame), 1L, Long::sum);
                }
            }
        }
        long all = byKind.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("| Thread kind | Samples | Share |\n|---|---:|---:|");
        for (Map.Entry<String, Long> e : sorted(byKind, byKind.size())) {
            System.out.printf("| %s | %,d | %.1f%% |%n", e.getKey(), e.getValue(), 100.0 * e.getValue() / all);
        }
        print("Self: method on top of the stack, " + kind, self, samples, top);
        // The thread's own frames (its run loop) are on every sample and say nothing.
        long everywhere = samples;
        total.values().removeIf(n -> n >= everywhere);
        print("Total: method anywhere on the stack, " + kind + ", frames on every sample left out", total, samples, top);
    }

    /**
     * JFR keeps the name a pool thread had when it started ({@code pool-1-thread-2}), not the {@code task-thread-*}
     * Connect gives it later: a task thread is known by WorkerSinkTask on its stack.
     */
    private static String kind(String thread, RecordedStackTrace stack) {
        if (thread.contains("-writer-")) {
            return WorkerThreadKind.WRITERS;
        }
        if (stack != null && stack.getFrames().stream().anyMatch(f -> f.getMethod().getType().getName()
                .equals("org.apache.kafka.connect.runtime.WorkerSinkTask"))) {
            return WorkerThreadKind.TASK;
        }
        return WorkerThreadKind.of(thread, "\0");
    }

    private static void print(String title, Map<String, Long> counts, long samples, int top) {
        System.out.printf("%n%s (%,d samples)%n%n| Method | Share |%n|---|---:|%n", title, samples);
        for (Map.Entry<String, Long> e : sorted(counts, top)) {
            System.out.printf("| `%s` | %.1f%% |%n", e.getKey(), 100.0 * e.getValue() / samples);
        }
    }

    private static List<Map.Entry<String, Long>> sorted(Map<String, Long> counts, int top) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .toList();
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }
}
