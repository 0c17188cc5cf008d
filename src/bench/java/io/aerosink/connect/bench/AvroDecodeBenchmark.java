package io.aerosink.connect.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.sink.SinkRecord;
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
import io.aerosink.connect.avro.RegistryStub;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.mapping.ConversionSink;
import io.aerosink.connect.mapping.KeyWrite;
import io.aerosink.connect.mapping.RecordConverter;
import io.aerosink.connect.mapping.TopicMappings;

/**
 * Confluent-framed Avro values to Aerospike writes on one thread: the sink's own decoder ({@code value.format=avro},
 * bytes straight to a Key with its digest and a put per bin). Scores are rows per second: one operation is one
 * record. The sensor schema is {@code _key} long, four numbers and a string; the wide one has 20 fields.
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

    private RegistryStub registry;
    private RecordConverter nativeConverter;
    private List<SinkRecord> framed;

    @Setup(Level.Trial)
    public void setUp() {
        registry = RegistryStub.start();
        Schema avro = "sensor".equals(schema) ? SENSOR : WIDE;
        int id = registry.register(avro);
        framed = framedRecords(avro, id);
        Map<String, String> props = new HashMap<>();
        props.put("aerospike.namespace", "test");
        props.put("value.format", "avro");
        props.put("value.schema.registry.url", registry.url());
        nativeConverter = new TopicMappings(new SinkConfig(props)).converter(TOPIC);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
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
            case LONG -> (long) i;
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
