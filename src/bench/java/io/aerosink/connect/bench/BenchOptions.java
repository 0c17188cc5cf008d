package io.aerosink.connect.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Command-line flags of {@link SinkBenchmark}: {@code --name value} or {@code --name=value}. */
final class BenchOptions {

    /**
     * What runs without --parts and for --parts all: everything but the worker part, which needs the plugin archive
     * and a server process, and runs only when named.
     */
    static final List<String> DEFAULT_PARTS = List.of("raw", "fixed", "fenced", "fixed-multi", "struct", "naive", "e2e",
            "latency", "backpressure");
    static final List<String> ALL_PARTS = List.of("raw", "fixed", "fenced", "fixed-multi", "struct", "naive", "e2e",
            "latency", "backpressure", "worker");
    /** What bin/connect-distributed.sh gives a worker: its heap and KAFKA_JVM_PERFORMANCE_OPTS. */
    static final List<String> CONNECT_DISTRIBUTED_JVM = List.of("-Xms256M", "-Xmx2G", "-XX:+UseG1GC",
            "-XX:MaxGCPauseMillis=20", "-XX:InitiatingHeapOccupancyPercent=35", "-XX:+ExplicitGCInvokesConcurrent",
            "-XX:MaxInlineLevel=15", "-Djava.awt.headless=true");

    int records = 500_000;
    String hosts = System.getProperty("aerospike.hosts", "");
    String namespace = "test";
    int batchSize = 1000;
    int lingerMs = 100;
    int inFlight = 4;
    int maxBuffered = 20_000;
    int putSize = 500;
    int rowsPerMessage = 100;
    int partitions = 4;
    int naiveRecords = 20_000;
    int rounds = 3;
    int e2eRecords = 300_000;
    int e2eRowsPerMessage = 1;
    int latencySeconds = 20;
    int latencyWarmupSeconds = 3;
    int latencyKeys = 10_000;
    int slowMs = 100;
    int stallMs = 6_000;
    long commitIntervalMs = 60_000;
    String latencyDump = "";
    boolean truncate;
    /** Where the test server runs when no --hosts are given. */
    boolean serverOwnCore;
    int workerRecords = 1_000_000;
    int workerWarmups = 1;
    List<String> workerCases = WorkerCase.NAMES;
    List<String> workerJvmArgs = CONNECT_DISTRIBUTED_JVM;
    /** The JFR option of {@code --worker-jfr}, kept apart so that it holds whichever of the two flags comes first. */
    String workerJfr;
    Map<String, String> workerConsumer = new LinkedHashMap<>();
    Map<String, String> workerConnector = new LinkedHashMap<>();
    int hotRows = 60_000;
    int hotKeys = 40;
    Set<String> parts = new LinkedHashSet<>(DEFAULT_PARTS);

    static BenchOptions parse(String[] args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println(usage());
                System.exit(0);
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + usage());
            }
            String name;
            String value;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(2, eq);
                value = arg.substring(eq + 1);
            } else {
                name = arg.substring(2);
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--" + name + " needs a value\n" + usage());
                }
                value = args[++i];
            }
            o.set(name, value);
        }
        int unit = 5 * o.batchSize * o.rowsPerMessage / gcd(o.batchSize, o.rowsPerMessage);
        if (o.records % unit != 0) {
            throw new IllegalArgumentException("--records must be a multiple of " + unit + " (5 x the least common "
                    + "multiple of --batch-size and --rows-per-message: the warm-up round runs a fifth), so that no run "
                    + "ends on a part batch waiting for linger.ms");
        }
        if (o.runs("worker") && !o.serverOwnCore) {
            throw new IllegalArgumentException("--parts worker needs --server own-core: the worker's CPU is measured "
                    + "apart from the server's, which runs in a process of its own");
        }
        if (o.hotRows % o.hotKeys != 0) {
            throw new IllegalArgumentException("--hot-rows must be a multiple of --hot-keys");
        }
        if (o.serverOwnCore && !o.hosts.isEmpty()) {
            throw new IllegalArgumentException("--server own-core starts a test server; it cannot go with --hosts");
        }
        return o;
    }

    private void set(String name, String value) {
        switch (name) {
            case "records" -> records = positive(name, value);
            case "hosts" -> hosts = value.trim();
            case "namespace" -> namespace = value.trim();
            case "batch-size" -> batchSize = positive(name, value);
            case "linger-ms" -> lingerMs = Integer.parseInt(value);
            case "in-flight" -> inFlight = positive(name, value);
            case "max-buffered" -> maxBuffered = positive(name, value);
            case "put-size" -> putSize = positive(name, value);
            case "rows-per-message" -> rowsPerMessage = positive(name, value);
            case "partitions" -> partitions = positive(name, value);
            case "naive-records" -> naiveRecords = positive(name, value);
            case "rounds" -> rounds = positive(name, value);
            case "e2e-records" -> e2eRecords = positive(name, value);
            case "e2e-rows-per-message" -> e2eRowsPerMessage = positive(name, value);
            case "latency-seconds" -> latencySeconds = positive(name, value);
            case "latency-warmup-seconds" -> latencyWarmupSeconds = Integer.parseInt(value);
            case "latency-keys" -> latencyKeys = positive(name, value);
            case "slow-ms" -> slowMs = Integer.parseInt(value);
            case "stall-ms" -> stallMs = Integer.parseInt(value);
            case "commit-interval-ms" -> commitIntervalMs = Long.parseLong(value);
            case "latency-dump" -> latencyDump = value.trim();
            case "worker-records" -> workerRecords = positive(name, value);
            case "worker-warmups" -> workerWarmups = positive(name, value);
            case "worker-cases" -> workerCases = cases(value);
            case "worker-jvm-args" -> workerJvmArgs = List.of(value.trim().split("\\s*,\\s*"));
            case "worker-jfr" -> workerJfr = "-XX:StartFlightRecording=filename=" + value.trim()
                    + ",settings=profile,dumponexit=true";
            case "worker-consumer" -> workerConsumer = settings(name, value);
            case "worker-connector" -> workerConnector = settings(name, value);
            case "hot-rows" -> hotRows = positive(name, value);
            case "hot-keys" -> hotKeys = positive(name, value);
            case "truncate" -> truncate = Boolean.parseBoolean(value.trim());
            case "server" -> serverOwnCore = switch (value.trim()) {
                case "in-process" -> false;
                case "own-core" -> true;
                default -> throw new IllegalArgumentException("--server is in-process or own-core, not '" + value + "'");
            };
            case "parts" -> {
                parts = new LinkedHashSet<>();
                for (String p : value.split(",")) {
                    String part = p.trim().toLowerCase(Locale.ROOT);
                    if (part.equals("all")) {
                        parts.addAll(DEFAULT_PARTS);
                    } else if (!ALL_PARTS.contains(part)) {
                        throw new IllegalArgumentException("unknown part '" + part + "'; parts are " + ALL_PARTS);
                    } else {
                        parts.add(part);
                    }
                }
            }
            default -> throw new IllegalArgumentException("unknown flag --" + name + "\n" + usage());
        }
    }

    private static List<String> cases(String value) {
        List<String> cases = new ArrayList<>();
        for (String c : value.split(",")) {
            String name = c.trim().toLowerCase(Locale.ROOT);
            if (!WorkerCase.NAMES.contains(name)) {
                throw new IllegalArgumentException("unknown worker case '" + name + "'; cases are " + WorkerCase.NAMES);
            }
            cases.add(name);
        }
        return cases;
    }

    /** {@code key=value,key=value}. */
    private static Map<String, String> settings(String flag, String value) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : value.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--" + flag + " takes key=value,key=value: " + value);
            }
            settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return settings;
    }

    boolean inProcess() {
        return hosts.isEmpty() && !serverOwnCore;
    }

    /** The worker JVM's options: {@code --worker-jvm-args}, then the recording of {@code --worker-jfr} if any. */
    List<String> workerJvm() {
        List<String> all = new ArrayList<>(workerJvmArgs);
        if (workerJfr != null) {
            all.add(workerJfr);
        }
        return all;
    }

    boolean runs(String part) {
        return parts.contains(part);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    private static int positive(String name, String value) {
        int v = Integer.parseInt(value.replace("_", ""));
        if (v <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive: " + value);
        }
        return v;
    }

    static String usage() {
        List<String> lines = new ArrayList<>();
        lines.add("SinkBenchmark [flags]   (defaults in brackets; the connector settings default to the connector's own)");
        lines.add("  --records N              rows per throughput run [500000]");
        lines.add("  --hosts h:p,...          Aerospike seeds (also -Daerospike.hosts); empty: in-process test server []");
        lines.add("  --server in-process|own-core  without --hosts: the test server in this JVM, or in a process of its own");
        lines.add("                           pinned to the last core, the bench to the others (needs taskset) [in-process]");
        lines.add("  --namespace NS           [test]");
        lines.add("  --batch-size N           batch.size [1000]");
        lines.add("  --linger-ms N            linger.ms [100]");
        lines.add("  --in-flight N            max.in.flight.batches, also the raw run's threads [4]");
        lines.add("  --max-buffered N         max.buffered.records [20000]");
        lines.add("  --put-size N             records per put() call [500]");
        lines.add("  --rows-per-message N     rows per message of the multi-row fixed run [100]");
        lines.add("  --partitions N           partitions the records are spread over [4]");
        lines.add("  --naive-records N        records of the naive one-put-per-record run [20000]");
        lines.add("  --rounds N               measured rounds of each throughput run, median reported [3]");
        lines.add("  --e2e-records N          rows produced in the Kafka end-to-end run [300000]");
        lines.add("  --e2e-rows-per-message N rows per Kafka message end to end [1]");
        lines.add("  --latency-seconds N      length of the half-load latency run [20]");
        lines.add("  --latency-warmup-seconds N  first seconds of it left out of the percentiles [3]");
        lines.add("  --latency-keys N         sensor keys the latency run updates in turn [10000]");
        lines.add("  --slow-ms N              back-pressure run: server delay per batch [100]");
        lines.add("  --stall-ms N             back-pressure run: one stall of the in-flight batches, > 5000 to pause [6000]");
        lines.add("  --commit-interval-ms N   back-pressure run: preCommit cadence, the worker's offset.flush.interval.ms [60000]");
        lines.add("  --truncate true|false    with --hosts: truncate the bench's own sets between runs (a cluster you own) [false]");
        lines.add("  --latency-dump FILE       write each row's due time and latency (ms) of the latency run as CSV []");
        lines.add("  --worker-records N       rows of each packed, single, json, struct and avro case of the worker part [1000000]");
        lines.add("  --worker-warmups N       unmeasured runs of every worker case before the rounds [1]");
        lines.add("  --worker-cases a,b,...   worker part cases, any of " + WorkerCase.NAMES + " [all]");
        lines.add("                           (avro starts Apicurio Registry: mvn -DskipTests pre-integration-test fetches it)");
        lines.add("  --worker-jvm-args a,b,.. the worker JVM's options, comma-separated [connect-distributed.sh's: "
                + String.join(" ", CONNECT_DISTRIBUTED_JVM) + "]");
        lines.add("  --worker-jfr FILE        also record the worker with JFR (settings=profile) into FILE []");
        lines.add("  --worker-consumer k=v,.. consumer.override.k=v on every worker case's connector []");
        lines.add("  --worker-connector k=v,. connector settings over the example configs' (e.g. value.converter) []");
        lines.add("  --hot-rows N             rows of the hot and distinct worker cases [60000]");
        lines.add("  --hot-keys N             keys the hot case updates in turn [40]");
        lines.add("  --parts a,b,...          any of " + ALL_PARTS + ", or all (all but worker); worker needs --server own-core");
        lines.add("                           [" + String.join(",", DEFAULT_PARTS) + "]");
        return String.join("\n", lines);
    }
}
