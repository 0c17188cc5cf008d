package io.aerosink.connect.bench;

/** The targets, judged from what the run measured. */
final class Targets {

    private static final String[] CONNECTOR_RUNS = {"fixed", "fixed-multi", "struct"};

    private Targets() {
    }

    static void judge(BenchOptions o, ResultTable table) {
        double raw = table.median("raw");
        double naive = table.median("naive");
        for (String run : CONNECTOR_RUNS) {
            ResultTable.Series s = table.series(run);
            if (s == null) {
                continue;
            }
            double rate = s.median().rowsPerSecond();
            if (!Double.isNaN(raw)) {
                table.target(s.label + " >= 90% of raw", rate >= 0.9 * raw,
                        String.format("%,.0f vs %,.0f rows/s = %.0f%%", rate, raw, 100 * rate / raw));
            }
            if (!Double.isNaN(naive)) {
                table.target(s.label + " >= 5x naive", rate >= 5 * naive,
                        String.format("%,.0f vs %,.0f rows/s = %.1fx", rate, naive, rate / naive));
            }
        }
        double unfenced = table.median("fixed");
        double fenced = table.median("fenced");
        if (Double.isNaN(unfenced) || Double.isNaN(fenced)) {
            table.targetUnknown("fenced >= 95% of unfenced", "fixed or fenced not run");
        } else {
            table.target("fenced >= 95% of unfenced", fenced >= 0.95 * unfenced,
                    String.format("%,.0f vs %,.0f rows/s = %.0f%%", fenced, unfenced, 100 * fenced / unfenced));
        }
        if (Double.isNaN(raw)) {
            table.targetUnknown(">= 90% of raw", "raw not run");
        }
        if (Double.isNaN(naive)) {
            table.targetUnknown(">= 5x naive", "naive not run");
        }
        double[] latency = table.latency();
        if (latency == null) {
            table.targetUnknown("end-to-end p99 at half load <= linger.ms + 50 ms", "latency not run");
        } else {
            table.target("end-to-end p99 at half load <= linger.ms + 50 ms", latency[1] <= latency[3],
                    String.format("p99 %.1f ms (p50 %.1f, max %.1f) vs %.0f ms", latency[1], latency[0], latency[2], latency[3]));
        }
    }
}
