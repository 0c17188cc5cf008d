package io.aerosink.connect.mapping;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.storage.Converter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.aerosink.connect.avro.AvroPayloads;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.it.ApicurioRegistry;
import io.aerosink.connect.tools.SchemaRegistryClient;

/**
 * Confluent-framed Avro values to Aerospike writes on one thread, by the two paths a user can choose: the sink's own
 * decoder ({@code value.format=avro}: bytes straight to a Key with its digest and a put per bin), and Apicurio's
 * AvroConverter 3.0.9 as the worker runs it ({@code toConnectData} to a Struct) followed by the sink's Struct
 * mapping ({@code value.format=auto}). Both read their schemas from a real Apicurio Registry 3.0.9 (started by the
 * benchmark; fetched by {@code mvn verify} or {@code mvn -DskipTests pre-integration-test}), once, before timing.
 * Scores are rows per second: one operation is one record. The sensor schema is {@code _key} long, four numbers and
 * a string; the wide one has 20 fields. Each path is measured whole (to the KeyWrite the task hands on, the key's
 * RIPEMD-160 digest included) and to its bins alone (the bin puts and the key field's value, before the digest,
 * which costs the same on both paths). It lives in the mapping package for those steps.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AvroDecodeBenchmark {

    static final int RECORDS = 1024;
    static final String TOPIC = "sensors";

    static final Schema SENSOR = AvroPayloads.parse("""
            {"type": "record", "name": "SensorReading", "namespace": "io.aerosink.bench", "fields": [
              {"name": "_key", "type": "long"},
              {"name": "temperature", "type": "double"},
              {"name": "humidity", "type": "float"},
              {"name": "pressure", "type": "double"},
              {"name": "battery", "type": "int"},
              {"name": "site", "type": "string"}]}""");

    static final Schema WIDE = wide();

    @Param({"sensor", "wide"})
    public String schema;

    private AvroRecordConverter nativeConverter;
    private ValueRecordConverter structConverter;
    private Converter apicurio;
    private URLClassLoader apicurioJars;
    private List<SinkRecord> framed;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        ApicurioRegistry registry = ApicurioRegistry.shared().awaitReady();
        Schema avro = "sensor".equals(schema) ? SENSOR : WIDE;
        int id = new SchemaRegistryClient(registry.ccompatUrl()).register("bench-" + schema + "-value", avro.toString());
        framed = framedRecords(avro, id);

        Map<String, String> props = new HashMap<>();
        props.put("aerospike.namespace", "test");
        structConverter = (ValueRecordConverter) new TopicMappings(new SinkConfig(props)).converter(TOPIC);
        props.put("value.format", "avro");
        props.put("value.schema.registry.url", registry.ccompatUrl());
        nativeConverter = (AvroRecordConverter) new TopicMappings(new SinkConfig(props)).converter(TOPIC);

        apicurioJars = converterJars();
        apicurio = (Converter) apicurioJars.loadClass(ApicurioRegistry.CONVERTER_CLASS).getDeclaredConstructor()
                .newInstance();
        apicurio.configure(Map.of(
                "apicurio.registry.url", registry.registryUrl(),
                "apicurio.registry.headers.enabled", "false",
                "apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler",
                "apicurio.registry.use-id", "contentId"), false);
        // The converter caches each schema on first use: that lookup is not what is measured.
        converterPath(framed.get(0), new ConversionSink() {
            @Override
            public void write(KeyWrite write) {
            }

            @Override
            public void fail(KeyFailure failure) {
                throw new IllegalStateException(failure.describe());
            }
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        apicurioJars.close();
    }

    /** The sink's own path: Confluent-framed bytes to one KeyWrite (key digest included) per record. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void nativeDecoder(Blackhole bh) {
        ConversionSink sink = sink(bh);
        for (SinkRecord record : framed) {
            nativeConverter.convert(record, sink);
        }
    }

    /**
     * The converter path as a worker runs it: Apicurio's AvroConverter turns the bytes into a Struct, then the sink
     * maps the Struct to one KeyWrite (key digest included).
     */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void apicurioConverterThenStruct(Blackhole bh) {
        ConversionSink sink = sink(bh);
        for (SinkRecord record : framed) {
            converterPath(record, sink);
        }
    }

    /** The native path to its bins: the puts and the key field's value, no digest. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void nativeDecoderToBins(Blackhole bh) {
        for (SinkRecord record : framed) {
            AvroRecordPlan.Decoded decoded = nativeConverter.decode((byte[]) record.value());
            bh.consume(decoded.puts());
            bh.consume(decoded.key);
        }
    }

    /** The converter path to its bins: Apicurio's Struct, then the sink's puts and the key field's value, no digest. */
    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void apicurioConverterThenStructToBins(Blackhole bh) {
        for (SinkRecord record : framed) {
            ValueRecordConverter.Fields fields = structConverter.fields(
                    apicurio.toConnectData(TOPIC, (byte[]) record.value()).value());
            bh.consume(fields.puts());
            bh.consume(fields.key);
        }
    }

    private void converterPath(SinkRecord record, ConversionSink sink) {
        SchemaAndValue value = apicurio.toConnectData(TOPIC, (byte[]) record.value());
        structConverter.convert(record.newRecord(TOPIC, 0, null, null, value.schema(), value.value(),
                record.timestamp()), sink);
    }

    /** Apicurio's converter and its own jars in a loader of their own, as a worker's plugin.path would hold them. */
    private static URLClassLoader converterJars() throws IOException {
        Path dir = Path.of(ApicurioRegistry.converterPluginPath(), "apicurio-avro-converter");
        try (Stream<Path> jars = Files.list(dir)) {
            URL[] urls = jars.filter(p -> p.toString().endsWith(".jar")).map(AvroDecodeBenchmark::url)
                    .toArray(URL[]::new);
            return new URLClassLoader(urls, AvroDecodeBenchmark.class.getClassLoader());
        }
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    static ConversionSink sink(Blackhole bh) {
        return new ConversionSink() {
            @Override
            public void write(KeyWrite write) {
                bh.consume(write);
            }

            @Override
            public void fail(KeyFailure failure) {
                throw new IllegalStateException(failure.describe());
            }
        };
    }

    static List<SinkRecord> framedRecords(Schema avro, int id) {
        Random random = new Random(42);
        List<SinkRecord> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < RECORDS; i++) {
            GenericRecord record = new GenericData.Record(avro);
            for (Schema.Field field : avro.getFields()) {
                record.put(field.name(), value(field.schema().getType(), i, random));
            }
            records.add(new SinkRecord(TOPIC, 0, null, null, null, AvroPayloads.confluent(id, record), i));
        }
        return records;
    }

    private static Object value(Schema.Type type, int i, Random random) {
        return switch (type) {
            // Keys that share a few slots of KeyDigester's table of recent keys, so none is found there: every
            // record pays its digest, as a key seen for the first time does.
            case LONG -> (long) i << 20;
            case INT -> random.nextInt(100);
            case FLOAT -> random.nextFloat() * 100;
            case DOUBLE -> 900 + random.nextDouble() * 200;
            case STRING -> "site-" + random.nextInt(500);
            case BOOLEAN -> random.nextBoolean();
            default -> throw new IllegalArgumentException(type.toString());
        };
    }

    private static Schema wide() {
        StringBuilder fields = new StringBuilder("{\"name\": \"_key\", \"type\": \"long\"}");
        String[] types = {"double", "float", "long", "int", "string", "boolean"};
        for (int i = 1; i < 20; i++) {
            fields.append(", {\"name\": \"f").append(i).append("\", \"type\": \"").append(types[i % types.length])
                    .append("\"}");
        }
        return AvroPayloads.parse("{\"type\": \"record\", \"name\": \"Wide\", \"namespace\": \"io.aerosink.bench\", "
                + "\"fields\": [" + fields + "]}");
    }
}
