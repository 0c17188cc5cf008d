package io.aerosink.connect.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The worker benchmark's tables: CPU per row and rows/s of every round of every case, the median round's CPU by
 * thread kind, the busiest threads, and hot keys against all-distinct keys.
 */
final class WorkerReport {

    private final BenchOptions options;
    private final Map<String, List<WorkerMeasurement>> byCase = new LinkedHashMap<>();

    WorkerReport(BenchOptions options, List<WorkerMeasurement> measured) {
        this.options = options;
        measured.forEach(m -> byCase.computeIfAbsent(m.workerCase().name, k -> new ArrayList<>()).add(m));
    }

    String render() {
        StringBuilder out = new StringBuilder("### Through a real Connect worker (its own JVM, plugin from the archive)\n\n");
        out.append("| Case | Rows | Worker CPU us/row (median round) | CPU us/row, each round | Rows/s (median round) | Rows/s, each round |\n");
        out.append("|---|---:|---:|---:|---:|---:|\n");
        byCase.values().forEach(rounds -> {
            WorkerMeasurement median = median(rounds);
            out.append(String.format("| %s | %,d | %.2f | %s | %,.0f | %s |%n", median.workerCase().label, median.rows(),
                    median.cpuMicrosPerRow(), join(rounds, m -> String.format("%.2f", m.cpuMicrosPerRow())),
                    median.rowsPerSecond(), join(rounds, m -> String.format("%,.0f", m.rowsPerSecond()))));
        });
        out.append("\nWorker CPU by thread (median round, us per row):\n\n| Case | all |");
        WorkerThreadKind.KINDS.forEach(k -> out.append(' ').append(k).append(" |"));
        out.append("\n|---|---:|").append("---:|".repeat(WorkerThreadKind.KINDS.size())).append('\n');
        byCase.values().forEach(rounds -> {
            WorkerMeasurement m = median(rounds);
            out.append("| ").append(m.workerCase().label).append(String.format(" | %.2f |", m.cpuMicrosPerRow()));
            WorkerThreadKind.KINDS.forEach(k -> out.append(String.format(" %.2f |", m.kindMicrosPerRow(k))));
            out.append('\n');
        });
        WorkerMeasurement first = median(byCase.values().iterator().next());
        out.append("\nBusiest threads of the median ").append(first.workerCase().name).append(" round (digits as #), ms: ")
                .append(busiest(first)).append("\n\n");
        hotKeys(out);
        out.append(String.format("Each case ran %d time(s) unmeasured before the rounds. ", options.workerWarmups));
        out.append("Worker JVM: `").append(String.join(" ", options.workerJvm())).append("`; overrides of the example "
                + "configs: ").append(options.workerConsumer.isEmpty() && options.workerConnector.isEmpty() ? "none"
                : "consumer " + options.workerConsumer + ", connector " + options.workerConnector).append(".\n");
        return out.toString();
    }

    private void hotKeys(StringBuilder out) {
        List<WorkerMeasurement> hot = byCase.get("hot");
        List<WorkerMeasurement> distinct = byCase.get("distinct");
        if (hot == null || distinct == null) {
            return;
        }
        out.append("Hot keys against all-distinct keys (each round):\n\n");
        out.append("| Case | Rows read/s | Worker CPU us/row | Batch calls | Record writes in Aerospike | Records folded into a waiting write | Cores busy: worker, broker and bench, server |\n");
        out.append("|---|---:|---:|---:|---:|---:|---|\n");
        for (List<WorkerMeasurement> rounds : List.of(hot, distinct)) {
            for (WorkerMeasurement m : rounds) {
                out.append(String.format("| %s | %,.0f | %.2f | %,d | %,d | %,d | %.2f, %.2f, %.2f |%n",
                        m.workerCase().label, m.rowsPerSecond(), m.cpuMicrosPerRow(), m.batchCalls(),
                        m.recordsWritten(), m.recordsFolded(), m.cores(m.cpuNanos()), m.cores(m.benchCpuNanos()),
                        m.cores(m.serverCpuNanos())));
            }
        }
        double ratio = median(hot).rowsPerSecond() / median(distinct).rowsPerSecond();
        out.append(String.format("%nHot / distinct rows read per second (medians): %.2f (target: at least 3); every hot "
                + "key ended with its newest row.%n%n", ratio));
    }

    private static String busiest(WorkerMeasurement m) {
        Map<String, Long> byName = m.threads().values().stream().collect(Collectors.groupingBy(
                t -> t.name().replaceAll("[0-9]+", "#"), Collectors.summingLong(ProcessCpu.ThreadCpu::nanos)));
        return byName.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10)
                .map(e -> "`" + e.getKey() + "` " + Math.round(e.getValue() / 1e6)).collect(Collectors.joining(", "));
    }

    /** The median round by CPU per row; of an even number, the higher of the middle two. */
    private static WorkerMeasurement median(List<WorkerMeasurement> rounds) {
        List<WorkerMeasurement> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(WorkerMeasurement::cpuMicrosPerRow));
        return sorted.get(sorted.size() / 2);
    }

    private static String join(List<WorkerMeasurement> rounds, Function<WorkerMeasurement, String> f) {
        return rounds.stream().map(f).collect(Collectors.joining(", "));
    }
}
