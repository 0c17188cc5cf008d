package io.aerosink.connect.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects what the runs measured and prints it as one Markdown report: one table of every run (records/s, ratios,
 * CPU, heap, and the end-to-end latency percentiles), then the details of the latency and memory runs, the targets
 * and the settings.
 */
final class ResultTable {

    /** A run measured over several rounds. */
    static final class Series {
        final String label;
        final List<Measurement> rounds = new ArrayList<>();

        Series(String label) {
            this.label = label;
        }

        Measurement median() {
            List<Measurement> sorted = new ArrayList<>(rounds);
            sorted.sort(Comparator.comparingDouble(Measurement::rowsPerSecond));
            return sorted.get(sorted.size() / 2);
        }

        double min() {
            return rounds.stream().mapToDouble(Measurement::rowsPerSecond).min().orElse(0);
        }

        double max() {
            return rounds.stream().mapToDouble(Measurement::rowsPerSecond).max().orElse(0);
        }

        long peakUsed() {
            return rounds.stream().mapToLong(m -> m.heap().peakUsed()).max().orElse(0);
        }

        long peakAfterGc() {
            return rounds.stream().mapToLong(m -> m.heap().peakAfterGc()).max().orElse(0);
        }
    }

    private final Map<String, Series> series = new LinkedHashMap<>();
    private final List<String> sections = new ArrayList<>();
    private final List<String> targets = new ArrayList<>();
    private final List<String> settings = new ArrayList<>();
    /** p50, p99, max and the bound of the half-load latency run, in ms; null when not run. */
    private double[] latency;

    void add(String key, String label, Measurement m) {
        series.computeIfAbsent(key, k -> new Series(label)).rounds.add(m);
    }

    Series series(String key) {
        return series.get(key);
    }

    double median(String key) {
        Series s = series.get(key);
        return s == null ? Double.NaN : s.median().rowsPerSecond();
    }

    void latency(double p50, double p99, double max, double bound) {
        latency = new double[] {p50, p99, max, bound};
    }

    double[] latency() {
        return latency;
    }

    void setting(String line) {
        settings.add(line);
    }

    void section(String markdown) {
        sections.add(markdown);
    }

    void target(String name, boolean met, String evidence) {
        targets.add("| " + name + " | " + (met ? "met" : "NOT met") + " | " + evidence + " |");
    }

    void targetUnknown(String name, String why) {
        targets.add("| " + name + " | not measured | " + why + " |");
    }

    String render() {
        StringBuilder out = new StringBuilder();
        out.append("### Throughput\n\n");
        out.append("| Run | Rows | Rows/s (median) | Min .. max rows/s | vs raw | vs naive | CPU us/row: all (task + senders) "
                + "| GC ms | Peak heap MiB (sampled / after GC) | Latency ms at half load: p50 / p99 / max |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        double raw = median("raw");
        double naive = median("naive");
        for (Map.Entry<String, Series> e : series.entrySet()) {
            Series s = e.getValue();
            Measurement m = s.median();
            out.append("| ").append(s.label)
                    .append(" | ").append(String.format("%,d", m.rows()))
                    .append(" | ").append(String.format("%,.0f", m.rowsPerSecond()))
                    .append(" | ").append(s.rounds.size() > 1 ? String.format("%,.0f .. %,.0f", s.min(), s.max()) : "-")
                    .append(" | ").append(ratio(m.rowsPerSecond(), raw, e.getKey().equals("raw")))
                    .append(" | ").append(ratio(m.rowsPerSecond(), naive, e.getKey().equals("naive")))
                    .append(" | ").append(cpu(m))
                    .append(" | ").append(m.heap().gcMillis())
                    .append(" | ").append(HeapMonitor.mib(s.peakUsed())).append(" / ")
                    .append(s.peakAfterGc() == 0 ? "-" : HeapMonitor.mib(s.peakAfterGc()))
                    .append(" | ").append(e.getKey().equals("e2e") && latency != null
                            ? String.format("%.1f / %.1f / %.1f", latency[0], latency[1], latency[2]) : "-")
                    .append(" |\n");
        }
        out.append('\n');
        renderCpu(out);
        for (String section : sections) {
            out.append(section).append('\n');
        }
        if (!targets.isEmpty()) {
            out.append("### Targets\n\n| Target | Result | Evidence |\n|---|---|---|\n");
            targets.forEach(t -> out.append(t).append('\n'));
            out.append('\n');
        }
        out.append("### Settings\n\n");
        settings.forEach(s -> out.append("- ").append(s).append('\n'));
        return out.toString();
    }

    /** The median round's CPU by thread, where measured: what each microsecond of a row's cost was spent on. */
    private void renderCpu(StringBuilder out) {
        List<Map.Entry<String, Series>> measured = series.entrySet().stream()
                .filter(e -> !e.getValue().median().cpuElsewhere().isEmpty()).toList();
        if (measured.isEmpty()) {
            return;
        }
        out.append("### Where the CPU went (median round, us per row)\n\n");
        out.append("| Run | all | task thread | senders | server | garbage collector | JIT compiler | other "
                + "| client allocation B/row |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<String, Series> e : measured) {
            Measurement m = e.getValue().median();
            out.append("| ").append(e.getValue().label)
                    .append(String.format(" | %.2f | %s | %.2f", m.cpuMicrosPerRow(),
                            m.client().taskNanos() == 0 ? "-" : String.format("%.2f", m.taskMicrosPerRow()),
                            m.senderMicrosPerRow()));
            for (String kind : CpuByThreadKind.KINDS) {
                out.append(String.format(" | %.2f", m.elsewhereMicrosPerRow(kind)));
            }
            out.append(String.format(" | %,.0f |%n", m.clientBytesPerRow()));
        }
        out.append("\nThe server, collector, compiler and other columns come from Linux's per-thread counters in "
                + "10 ms ticks (the server column is the test server's whole process when it has one); the client's "
                + "columns from the JVM's thread CPU time, and its allocation (task thread and senders, the client "
                + "library's own included) from the JVM's per-thread allocation counters.\n\n");
    }

    private static String cpu(Measurement m) {
        String all = String.format("%.1f", m.cpuMicrosPerRow());
        if (m.client().senderNanos() == 0) {
            return all;
        }
        String task = m.client().taskNanos() == 0 ? "-" : String.format("%.2f", m.taskMicrosPerRow());
        return all + " (" + task + " + " + String.format("%.2f", m.senderMicrosPerRow()) + ")";
    }

    private static String ratio(double value, double base, boolean self) {
        if (self) {
            return "1.00";
        }
        if (Double.isNaN(base) || base == 0) {
            return "-";
        }
        double r = value / base;
        return r >= 10 ? String.format("%.1fx", r) : String.format("%.2f", r);
    }
}
