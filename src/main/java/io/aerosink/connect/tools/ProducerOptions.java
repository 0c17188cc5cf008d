package io.aerosink.connect.tools;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Properties;

/** The sensor producer's command line. */
public final class ProducerOptions {

    public enum Mode { FIXED, NPY, AVRO, JSON }

    /** {@link #rows} value for a run that goes on until interrupted. */
    public static final long UNBOUNDED = -1;

    static final String USAGE = String.join("\n",
            "Usage: SensorProducer [options]",
            "Publishes sensor readings (" + SensorRow.LAYOUT + ") to Kafka.",
            "",
            "  --bootstrap-servers HOST:PORT,...  Kafka brokers (default localhost:9092)",
            "  --topic NAME                       topic to write (default sensors)",
            "  --mode fixed|npy|avro|json         value encoding (default fixed):",
            "                                       fixed: packed little-endian rows, for value.format=fixed",
            "                                       npy:   one .npy (v1.0) array per message, for value.format=npy",
            "                                       avro:  Confluent-framed Avro, for AvroConverter",
            "                                       json:  schemaless JSON objects, for JsonConverter",
            "  --rows N|unbounded                 rows to send (default 10000)",
            "  --rows-per-message N               rows packed into one message, fixed and npy only (default 1)",
            "  --keys N                           _key cycles through 0..N-1 (default 1000)",
            "  --rate ROWS_PER_SECOND             target rate, 0 for unthrottled (default 0)",
            "  --schema-registry URL              schema registry for avro (default http://localhost:8081)",
            "  --subject NAME                     schema subject for avro (default <topic>-value)",
            "  --npy-file PATH                    stream this .npy file's rows as packed fixed messages of",
            "                                     --rows-per-message rows instead of generating rows",
            "  --producer-property KEY=VALUE      Kafka producer setting, repeatable",
            "  --progress-interval-ms N           progress line period on stderr (default 1000)",
            "  --help                             show this help",
            "",
            "The Kafka key of a message is its first row's _key as a decimal string (none for --npy-file).");

    String bootstrapServers = "localhost:9092";
    String topic = "sensors";
    Mode mode = Mode.FIXED;
    long rows = 10_000;
    int rowsPerMessage = 1;
    int keys = 1000;
    double rate;
    String schemaRegistry = "http://localhost:8081";
    String subject;
    Path npyFile;
    final Properties producerProperties = new Properties();
    long progressIntervalMs = 1000;
    boolean help;

    public static ProducerOptions parse(String... args) {
        ProducerOptions options = new ProducerOptions();
        Deque<String> queue = new ArrayDeque<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                queue.add(arg.substring(0, eq));
                queue.add(arg.substring(eq + 1));
            } else {
                queue.add(arg);
            }
        }
        while (!queue.isEmpty()) {
            options.apply(queue.poll(), queue);
        }
        options.validate();
        return options;
    }

    private void apply(String flag, Deque<String> queue) {
        switch (flag) {
            case "--help", "-h" -> help = true;
            case "--bootstrap-servers" -> bootstrapServers = value(flag, queue);
            case "--topic" -> topic = value(flag, queue);
            case "--mode" -> mode = mode(value(flag, queue));
            case "--rows" -> rows = rows(value(flag, queue));
            case "--rows-per-message" -> rowsPerMessage = (int) number(flag, value(flag, queue), 1, Integer.MAX_VALUE);
            case "--keys" -> keys = (int) number(flag, value(flag, queue), 1, Integer.MAX_VALUE);
            case "--rate" -> rate = rate(value(flag, queue));
            case "--schema-registry" -> schemaRegistry = value(flag, queue);
            case "--subject" -> subject = value(flag, queue);
            case "--npy-file" -> npyFile = Path.of(value(flag, queue));
            case "--producer-property" -> producerProperty(value(flag, queue));
            case "--progress-interval-ms" -> progressIntervalMs = number(flag, value(flag, queue), 1, Long.MAX_VALUE);
            default -> throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
        }
    }

    private void validate() {
        if (npyFile != null && !Files.isReadable(npyFile)) {
            throw new IllegalArgumentException("cannot read --npy-file " + npyFile);
        }
        if (rowsPerMessage > 1 && npyFile == null && (mode == Mode.AVRO || mode == Mode.JSON)) {
            throw new IllegalArgumentException("--rows-per-message applies to fixed and npy only; "
                    + mode.name().toLowerCase(Locale.ROOT) + " messages hold one row each");
        }
    }

    public String subject() {
        return subject != null ? subject : topic + "-value";
    }

    private static String value(String flag, Deque<String> queue) {
        String value = queue.poll();
        if (value == null) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return value;
    }

    private static Mode mode(String value) {
        try {
            return Mode.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode must be fixed, npy, avro or json, not " + value, e);
        }
    }

    private static long rows(String value) {
        return value.equalsIgnoreCase("unbounded") ? UNBOUNDED : number("--rows", value, 0, Long.MAX_VALUE);
    }

    private static double rate(String value) {
        try {
            double rate = Double.parseDouble(value);
            if (rate < 0 || Double.isNaN(rate)) {
                throw new IllegalArgumentException("--rate must be 0 or more, not " + value);
            }
            return rate;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--rate needs a number, not " + value, e);
        }
    }

    private static long number(String flag, String value, long min, long max) {
        try {
            long n = Long.parseLong(value);
            if (n < min || n > max) {
                throw new IllegalArgumentException(flag + " is out of range: " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, not " + value, e);
        }
    }

    private void producerProperty(String keyValue) {
        int eq = keyValue.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--producer-property needs KEY=VALUE, not " + keyValue);
        }
        producerProperties.setProperty(keyValue.substring(0, eq), keyValue.substring(eq + 1));
    }
}
