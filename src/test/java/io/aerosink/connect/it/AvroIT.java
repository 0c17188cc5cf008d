package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.policy.ClientPolicy;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aerosink.connect.avro.RegistryStub;
import io.aerosink.connect.tools.ConfluentFraming;
import io.aerosink.connect.tools.SchemaRegistryClient;
import io.aerosink.connect.tools.SensorProducer;
import io.aerosink.connect.tools.SensorRow;
import io.aerosink.connect.tools.SensorRowGenerator;

/**
 * Avro against a real Apicurio Registry 3.0.9, through both paths at once: values produced as Confluent-framed Avro
 * (magic byte 0, the 4-byte id that the registry's ccompat API gave the schema, Avro binary) are read by two
 * connectors on the embedded worker, one through Apicurio's AvroConverter 3.0.9 with value.format=auto, one through
 * ByteArrayConverter with the sink's own decoder (value.format=avro, writing to the set {@code <topic>_native}).
 * Every expectation is checked on both: the stored bins, read back with the Aerospike client and compared whole.
 */
class AvroIT extends ConnectTestBase {

    /** Every Avro type, logical types included; decimal on a fixed is {@link #DECIMAL_ON_FIXED}, which the converter refuses. */
    private static final Schema EVERYTHING = parse("""
            {"type": "record", "name": "Everything", "namespace": "io.aerosink.it", "fields": [
              {"name": "_key", "type": "string"},
              {"name": "_meta", "type": "string"},
              {"name": "flag", "type": "boolean"},
              {"name": "small", "type": "int"},
              {"name": "big", "type": "long"},
              {"name": "ratio", "type": "float"},
              {"name": "exact", "type": "double"},
              {"name": "text", "type": "string"},
              {"name": "raw", "type": "bytes"},
              {"name": "four", "type": {"type": "fixed", "name": "Four", "size": 4}},
              {"name": "color", "type": {"type": "enum", "name": "Color", "symbols": ["RED", "GREEN", "BLUE"]}},
              {"name": "inner", "type": {"type": "record", "name": "Inner", "fields": [
                {"name": "x", "type": "int"},
                {"name": "deep", "type": {"type": "record", "name": "Deep", "fields": [
                  {"name": "y", "type": ["null", "string"], "default": null}]}}]}},
              {"name": "longs", "type": {"type": "array", "items": "long"}},
              {"name": "points", "type": {"type": "array", "items": {"type": "record", "name": "Point", "fields": [
                {"name": "px", "type": "int"}, {"name": "py", "type": "double"}]}}},
              {"name": "limits", "type": {"type": "map", "values": "double"}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "reading", "type": ["null", "int", "string"], "default": null},
              {"name": "history", "type": {"type": "array", "items": ["int", "string"]}},
              {"name": "place", "type": ["null", "string", "Point"], "default": null},
              {"name": "seenMs", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "seenUs", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "atMs", "type": {"type": "int", "logicalType": "time-millis"}},
              {"name": "atUs", "type": {"type": "long", "logicalType": "time-micros"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 6, "scale": 2}},
              {"name": "id", "type": {"type": "string", "logicalType": "uuid"}}
            ]}""");

    private static final Schema DECIMAL_ON_FIXED = parse("""
            {"type": "record", "name": "FixedPrice", "namespace": "io.aerosink.it", "fields": [
              {"name": "_key", "type": "string"},
              {"name": "price", "type": {"type": "fixed", "name": "Dec8", "size": 8,
                                         "logicalType": "decimal", "precision": 10, "scale": 3}}]}""");

    private static final Schema BYTES_PRICE = parse("""
            {"type": "record", "name": "BytesPrice", "namespace": "io.aerosink.it", "fields": [
              {"name": "_key", "type": "string"},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 10, "scale": 3}}]}""");

    private static final Schema READING_V1 = parse("""
            {"type": "record", "name": "Reading", "namespace": "io.aerosink.it", "fields": [
              {"name": "_key", "type": "string"},
              {"name": "name", "type": "string"},
              {"name": "old", "type": "int"}]}""");

    /** v1 without {@code old}, with {@code added} (and its default). */
    private static final Schema READING_V2 = parse("""
            {"type": "record", "name": "Reading", "namespace": "io.aerosink.it", "fields": [
              {"name": "_key", "type": "string"},
              {"name": "name", "type": "string"},
              {"name": "added", "type": "string", "default": "none"}]}""");

    /** Generic data with Avro's logical type conversions: the test writes Instant, LocalDate, BigDecimal, UUID. */
    private static final GenericData LOGICAL = logicalData();

    /** The suffix of the set (and DLQ topic) the native path writes to. */
    private static final String NATIVE = "_native";

    private final ApicurioRegistry registry = ApicurioRegistry.shared();
    private AerospikeClient client;

    @Override
    protected Map<String, String> workerProps() {
        return Map.of("plugin.path", ApicurioRegistry.converterPluginPath());
    }

    @BeforeAll
    void connectClient() {
        registry.awaitReady();
        client = new AerospikeClient(new ClientPolicy(), "127.0.0.1", aerospike.port());
    }

    @AfterAll
    void closeClient() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void everyAvroTypeBecomesTheBinsTheSinkPromises() {
        String topic = "avro_types";
        createTopic(topic, 1);
        postBoth("avro-types", topic, null);
        int id = register(topic + "-value", EVERYTHING);

        Instant seen = Instant.parse("2023-11-14T22:13:20.123456Z");
        LocalDate day = LocalDate.of(2023, 11, 14);
        LocalTime at = LocalTime.of(12, 34, 56, 789_012_000);
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Schema point = EVERYTHING.getField("points").schema().getElementType();

        GenericRecord first = everything("every-1", day, at, seen, uuid)
                .set("inner", inner(3, "deep"))
                .set("note", "here")
                .set("reading", 17)
                .set("history", List.of(1, "two"))
                .set("place", new GenericRecordBuilder(point).set("px", 9).set("py", -0.5).build())
                .set("price", new BigDecimal("12.30"))
                .build();
        GenericRecord second = everything("every-2", day.minusDays(19_676), at.minusHours(12), seen.minusSeconds(1_700_000_000L), uuid)
                .set("inner", inner(-4, null))
                .set("ratio", 0.1f)
                .set("reading", "high")
                .set("history", List.of())
                .set("place", "roof")
                .set("price", new BigDecimal("-0.05"))
                .build();
        GenericRecord third = everything("every-3", day, at, seen, uuid)
                .set("inner", inner(0, null))
                .set("history", List.of("only"))
                .set("price", new BigDecimal("0.00"))
                .build();
        for (GenericRecord record : List.of(first, second, third)) {
            produce(topic, (String) record.get("_key"), framed(id, record));
        }

        Map<String, Object> common = new LinkedHashMap<>();
        common.put("flag", true);
        common.put("small", -7L);
        common.put("big", 9_000_000_000L);
        common.put("ratio", 21.5);
        common.put("exact", -2.25);
        common.put("text", "h\u00e9 \u2713");
        common.put("raw", blob(1, 2, 0xff));
        common.put("four", blob('a', 'b', 'c', 'd'));
        common.put("color", "GREEN");
        common.put("longs", List.of(1L, 2L, 3L));
        common.put("points", List.of(Map.of("px", 1L, "py", 1.5), Map.of("px", 2L, "py", -2.0)));
        common.put("limits", Map.of("max", 40.0, "min", -10.5));
        common.put("id", "123e4567-e89b-12d3-a456-426614174000");

        Map<String, Object> one = new LinkedHashMap<>(common);
        one.put("inner", Map.of("x", 3L, "deep", Map.of("y", "deep")));
        one.put("note", "here");
        one.put("reading", 17L);
        one.put("history", List.of(1L, "two"));
        one.put("place", Map.of("px", 9L, "py", -0.5));
        one.put("seenMs", 1_700_000_000_123L);
        one.put("seenUs", 1_700_000_000_123_456L);
        one.put("day", 19_675L);
        one.put("atMs", 45_296_789L);
        one.put("atUs", 45_296_789_012L);
        one.put("price", "12.30");
        assertBothPaths(one, topic, "every-1", "every-1");

        Map<String, Object> two = new LinkedHashMap<>(common);
        two.put("inner", Map.of("x", -4L, "deep", Map.of()));
        two.put("ratio", (double) 0.1f);
        two.put("reading", "high");
        two.put("history", List.of());
        two.put("place", "roof");
        two.put("seenMs", 123L);
        two.put("seenUs", 123_456L);
        two.put("day", -1L);
        two.put("atMs", 2_096_789L);
        two.put("atUs", 2_096_789_012L);
        two.put("price", "-0.05");
        assertBothPaths(two, topic, "every-2", "every-2");

        Map<String, Object> three = new LinkedHashMap<>(common);
        three.put("inner", Map.of("x", 0L, "deep", Map.of()));
        three.put("history", List.of("only"));
        three.put("seenMs", 1_700_000_000_123L);
        three.put("seenUs", 1_700_000_000_123_456L);
        three.put("day", 19_675L);
        three.put("atMs", 45_296_789L);
        three.put("atUs", 45_296_789_012L);
        three.put("price", "0.00");
        assertBothPaths(three, topic, "every-3", "every-3: null unions are no bins");

        Record stored = awaitRecord(topic, "every-1");
        assertEquals("every-1", aerospike.get("test", topic, "every-1").userKey(), "_key is the user key");
        assertNull(stored.bins.get("_meta"), "other _ fields are metadata");
        awaitOffsetsCommittedToEnd("avro-types", topic, 1);
        awaitOffsetsCommittedToEnd("avro-types" + "-native", topic, 1);
    }

    @Test
    void recordsOfTwoSchemaVersionsInOneTopicEachKeepTheirWritersFields() {
        String topic = "avro_evolution";
        createTopic(topic, 1);
        postBoth("avro-evolution", topic, null);
        int v1 = register(topic + "-value", READING_V1);
        int v2 = register(topic + "-value", READING_V2);
        assertNotEquals(v1, v2, "two schemas, two ids");

        produce(topic, "r1", framed(v1, new GenericRecordBuilder(READING_V1).set("_key", "r1").set("name", "a").set("old", 1).build()));
        produce(topic, "r2", framed(v2, new GenericRecordBuilder(READING_V2).set("_key", "r2").set("name", "b").set("added", "yes").build()));
        produce(topic, "r3", framed(v1, new GenericRecordBuilder(READING_V1).set("_key", "r3").set("name", "c").set("old", 3).build()));
        produce(topic, "r4", framed(v2, new GenericRecordBuilder(READING_V2).set("_key", "r4").set("name", "d").build()));

        assertBothPaths(Map.of("name", "a", "old", 1L), topic, "r1", "v1");
        assertBothPaths(Map.of("name", "b", "added", "yes"), topic, "r2", "v2");
        assertBothPaths(Map.of("name", "c", "old", 3L), topic, "r3", "v1 after v2");
        assertBothPaths(Map.of("name", "d", "added", "none"), topic, "r4", "v2, its default written by the producer");
        awaitOffsetsCommittedToEnd("avro-evolution", topic, 1);
        awaitOffsetsCommittedToEnd("avro-evolution" + "-native", topic, 1);
    }

    /**
     * Apicurio's AvroData 3.0.9 cannot read a decimal whose Avro type is fixed: toConnectData fails with "Mismatched
     * names: name already added to SchemaBuilder (org.apache.kafka.connect.data.Decimal) differs from name in source
     * schema (...)", whatever its settings. The worker dead-letters such a record at the converter stage; the sink never
     * sees it, and the records after it are written.
     */
    @Test
    void aDecimalOnAFixedIsRefusedByApicuriosConverterAndDeadLettered() {
        String topic = "avro_fixed_decimal";
        String dlq = topic + "_dlq";
        createTopic(topic, 1);
        createTopic(dlq, 1);
        createTopic(dlq + NATIVE, 1);
        postBoth("avro-fixed-decimal", topic, dlq);
        int fixed = register(topic + "-value", DECIMAL_ON_FIXED);
        int bytes = register(topic + "-value", BYTES_PRICE);

        produce(topic, "on-fixed", framed(fixed, new GenericRecordBuilder(DECIMAL_ON_FIXED)
                .set("_key", "on-fixed").set("price", new BigDecimal("-1.500")).build()));
        produce(topic, "on-bytes", framed(bytes, new GenericRecordBuilder(BYTES_PRICE)
                .set("_key", "on-bytes").set("price", new BigDecimal("-1.500")).build()));

        assertBothPaths(Map.of("price", "-1.500"), topic, "on-bytes", "the same decimal on bytes");
        Await.until("a dead letter in " + dlq, () -> endOffsets(dlq, 1).values().iterator().next() > 0);
        awaitOffsetsCommittedToEnd("avro-fixed-decimal", topic, 1);
        awaitOffsetsCommittedToEnd("avro-fixed-decimal" + "-native", topic, 1);
        List<ConsumerRecord<byte[], byte[]>> dead = readAll(dlq);
        assertEquals(1, dead.size(), "the fixed decimal is dead-lettered");
        ConsumerRecord<byte[], byte[]> letter = dead.get(0);
        assertEquals("VALUE_CONVERTER", header(letter, "__connect.errors.stage"));
        assertEquals("org.apache.kafka.connect.errors.DataException", header(letter, "__connect.errors.exception.class.name"));
        String message = header(letter, "__connect.errors.exception.message");
        assertTrue(message.contains("Mismatched names") && message.contains("io.aerosink.it.Dec8"), message);
        assertNull(client.get(null, new Key("test", topic, "on-fixed")), "nothing written for it");
        assertEquals(0L, endOffsets(dlq + NATIVE, 1).values().iterator().next(), "no dead letter on the native path");
    }

    @Test
    void sensorProducerInAvroModeFeedsBothPaths() throws Exception {
        String topic = "avro_sensor_producer";
        int rows = 200;
        createTopic(topic, 1);
        postBoth("avro-sensor-producer", topic, null);

        SensorProducer.main(new String[] {
            "--bootstrap-servers", connect.kafka().bootstrapServers(),
            "--topic", topic,
            "--mode", "avro",
            "--schema-registry", registry.ccompatUrl(),
            "--rows", String.valueOf(rows),
            "--keys", String.valueOf(rows),
            "--progress-interval-ms", "60000",
        });

        SensorRowGenerator generator = new SensorRowGenerator(rows);
        for (int i = 0; i < rows; i++) {
            SensorRow row = generator.row(i);
            Map<String, Object> expected = Map.of("temperature", row.temperature(), "humidity", (double) row.humidity(),
                    "pressure", (double) row.pressure(), "status", (long) row.status());
            for (String set : List.of(topic, topic + NATIVE)) {
                Record record = Await.value(Duration.ofSeconds(60), "sensor row " + row.key() + " in " + set,
                        () -> client.get(null, new Key("test", set, (long) row.key())));
                assertBins(expected, record, set + " row " + i);
            }
        }
        awaitOffsetsCommittedToEnd("avro-sensor-producer", topic, 1);
        awaitOffsetsCommittedToEnd("avro-sensor-producer" + "-native", topic, 1);
    }

    /**
     * The sink's own decoder through an outage: while its registry cannot answer (here a stub that answers 503),
     * records wait, with nothing written, dead-lettered or committed; once it answers they are written. Values it
     * cannot read (a bad magic byte, an unknown schema id, a truncated body) are dead-lettered with their original
     * bytes and a message saying what is wrong, and the records around them are written.
     */
    @Test
    void theNativeDecoderWaitsOutARegistryOutageAndDeadLettersOnlyWhatItCannotRead() {
        String topic = "avro_native_errors";
        String dlq = topic + "_dlq";
        createTopic(topic, 1);
        createTopic(dlq, 1);
        try (RegistryStub stub = RegistryStub.start()) {
            int id = stub.register(READING_V1);
            Map<String, String> config = configOf(nativeRequest("avro-native-errors", topic, dlq));
            config.put("value.schema.registry.url", stub.url());
            config.put("retry.backoff.max.ms", "500");
            putConnector("avro-native-errors", config);
            stub.failWith(503);

            byte[] good = framed(id, new GenericRecordBuilder(READING_V1).set("_key", "g1").set("name", "a").set("old", 1).build());
            produce(topic, "g1", good);
            Await.until("the task to ask the failing registry again", () -> stub.requests().size() >= 3);
            assertEquals("RUNNING", taskState("avro-native-errors").state(), "an outage does not fail the task");
            assertNull(client.get(null, new Key("test", topic + NATIVE, "g1")), "nothing is written meanwhile");
            assertEquals(0L, endOffsets(dlq, 1).values().iterator().next(), "nothing is dead-lettered meanwhile");
            assertTrue(committedOffsets("avro-native-errors").values().stream().allMatch(o -> o == 0),
                    "nothing is committed meanwhile: " + committedOffsets("avro-native-errors"));

            stub.failWith(0);
            assertBins(Map.of("name", "a", "old", 1L), awaitRecord(topic + NATIVE, "g1"), "written once it answers");

            byte[] badMagic = good.clone();
            badMagic[0] = 1;
            byte[] unknownId = good.clone();
            unknownId[4] = 99;
            byte[] truncated = java.util.Arrays.copyOf(good, good.length - 2);
            produce(topic, "bad-magic", badMagic);
            produce(topic, "unknown-id", unknownId);
            produce(topic, "truncated", truncated);
            produce(topic, "g2", framed(id, new GenericRecordBuilder(READING_V1).set("_key", "g2").set("name", "b").set("old", 2).build()));

            assertBins(Map.of("name", "b", "old", 2L), awaitRecord(topic + NATIVE, "g2"), "the record after them");
            Await.until("three dead letters in " + dlq, () -> endOffsets(dlq, 1).values().iterator().next() >= 3);
            awaitOffsetsCommittedToEnd("avro-native-errors", topic, 1);
            List<ConsumerRecord<byte[], byte[]>> dead = readAll(dlq);
            assertEquals(3, dead.size());
            Map<String, byte[]> sent = Map.of("bad-magic", badMagic, "unknown-id", unknownId, "truncated", truncated);
            Map<String, String> says = Map.of("bad-magic", "magic byte 0", "unknown-id", "is not in the schema registry",
                    "truncated", "field 'name'");
            for (ConsumerRecord<byte[], byte[]> letter : dead) {
                String key = new String(letter.key(), java.nio.charset.StandardCharsets.UTF_8);
                assertEquals(HexFormat.of().formatHex(sent.get(key)), HexFormat.of().formatHex(letter.value()),
                        key + ": the original bytes");
                String message = header(letter, "__connect.errors.exception.message");
                assertTrue(message != null && message.contains(says.get(key)), key + ": " + message);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The two connectors on {@code topic}: Apicurio's converter, and the sink's own decoder writing to the native set. */
    private void postBoth(String name, String topic, String dlq) {
        postConnector(avroRequest(name, topic, dlq));
        postConnector(nativeRequest(name + "-native", topic, dlq == null ? null : dlq + NATIVE));
    }

    /** Both paths stored the record {@code key} with exactly {@code expected} as its bins. */
    private void assertBothPaths(Map<String, Object> expected, String topic, String key, String what) {
        assertBins(expected, awaitRecord(topic, key), what + " (Apicurio's AvroConverter)");
        assertBins(expected, awaitRecord(topic + NATIVE, key), what + " (value.format=avro)");
    }

    /** A create request for the sink's own decoder: bytes in, the writer schema from the registry's ccompat API. */
    private ObjectNode nativeRequest(String name, String topic, String dlq) {
        Map<String, String> config = jsonConfig(topic, false);
        config.remove("value.converter.schemas.enable");
        config.put("value.converter", BYTES_CONVERTER);
        config.put("value.format", "avro");
        config.put("value.schema.registry.url", registry.ccompatUrl());
        config.put("aerospike.set", topic + NATIVE);
        return request(name, config, dlq);
    }

    /** A create request for Apicurio's converter, with the settings that read Confluent framing. */
    private ObjectNode avroRequest(String name, String topic, String dlq) {
        Map<String, String> config = jsonConfig(topic, false);
        config.remove("value.converter.schemas.enable");
        config.put("value.converter", ApicurioRegistry.CONVERTER_CLASS);
        config.put("value.converter.apicurio.registry.url", registry.registryUrl());
        config.put("value.converter.apicurio.registry.headers.enabled", "false");
        config.put("value.converter.apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler");
        config.put("value.converter.apicurio.registry.use-id", "contentId");
        config.put("value.format", "auto");
        return request(name, config, dlq);
    }

    private static ObjectNode request(String name, Map<String, String> config, String dlq) {
        if (dlq != null) {
            withDeadLetterQueue(config, dlq);
        }
        ObjectNode request = JSON.createObjectNode();
        request.put("name", name);
        request.set("config", JSON.valueToTree(config));
        return request;
    }

    private int register(String subject, Schema schema) {
        try {
            return new SchemaRegistryClient(registry.ccompatUrl()).register(subject, schema.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("could not register " + schema.getFullName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Confluent's wire format: magic byte, schema id, Avro binary written by Avro's own GenericDatumWriter. */
    private static byte[] framed(int schemaId, GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema(), LOGICAL).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ConfluentFraming.frame(schemaId, out.toByteArray());
    }

    private static GenericRecordBuilder everything(String key, LocalDate day, LocalTime at, Instant seen, UUID id) {
        Schema point = EVERYTHING.getField("points").schema().getElementType();
        return new GenericRecordBuilder(EVERYTHING)
                .set("_key", key)
                .set("_meta", "producer " + key)
                .set("flag", true)
                .set("small", -7)
                .set("big", 9_000_000_000L)
                .set("ratio", 21.5f)
                .set("exact", -2.25)
                .set("text", "h\u00e9 \u2713")
                .set("raw", ByteBuffer.wrap(new byte[] {1, 2, (byte) 0xff}))
                .set("four", new GenericData.Fixed(EVERYTHING.getField("four").schema(), new byte[] {'a', 'b', 'c', 'd'}))
                .set("color", new GenericData.EnumSymbol(EVERYTHING.getField("color").schema(), "GREEN"))
                .set("longs", List.of(1L, 2L, 3L))
                .set("points", List.of(new GenericRecordBuilder(point).set("px", 1).set("py", 1.5).build(),
                        new GenericRecordBuilder(point).set("px", 2).set("py", -2.0).build()))
                .set("limits", Map.of("max", 40.0, "min", -10.5))
                .set("seenMs", seen)
                .set("seenUs", seen)
                .set("day", day)
                .set("atMs", at)
                .set("atUs", at)
                .set("id", id);
    }

    private static GenericRecord inner(int x, String y) {
        Schema inner = EVERYTHING.getField("inner").schema();
        GenericRecord deep = new GenericRecordBuilder(inner.getField("deep").schema()).set("y", y).build();
        return new GenericRecordBuilder(inner).set("x", x).set("deep", deep).build();
    }

    private Record awaitRecord(String set, String key) {
        return Await.value(Duration.ofSeconds(60), "test/" + set + "/" + key + " in Aerospike",
                () -> client.get(null, new Key("test", set, key)));
    }

    /** The record's bins are exactly {@code expected}; blobs compare by content. */
    private static void assertBins(Map<String, Object> expected, Record record, String what) {
        assertEquals(comparable(expected), comparable(record.bins), what);
    }

    /** Blobs (byte[]) as {@link Blob}s, which compare and print by content, in nested lists and maps too. */
    private static Object comparable(Object value) {
        if (value instanceof byte[] bytes) {
            return new Blob(HexFormat.of().formatHex(bytes));
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(element -> out.add(comparable(element)));
            return out;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, comparable(v)));
            return out;
        }
        return value;
    }

    private static Blob blob(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return new Blob(HexFormat.of().formatHex(out));
    }

    private record Blob(String hex) {
    }

    private static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    private static GenericData logicalData() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        return data;
    }
}
