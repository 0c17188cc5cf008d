package io.aerosink.connect.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.command.ParticleType;

import io.aerosink.connect.Puts;
import io.aerosink.connect.avro.AvroPayloads;
import io.aerosink.connect.avro.RegistryStub;
import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.RegistryConfig;
import io.aerosink.connect.config.SinkConfig;

public class AvroRecordConverterTest {

    public static final Schema READING = AvroPayloads.parse("""
            {"type": "record", "name": "Reading", "namespace": "io.example", "fields": [
              {"name": "_key", "type": "long"},
              {"name": "_source", "type": "string"},
              {"name": "temperature", "type": "double"},
              {"name": "humidity", "type": "float"},
              {"name": "count", "type": "int"},
              {"name": "ok", "type": "boolean"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OK", "FAULT"]}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "site", "type": ["null", "string"], "default": null},
              {"name": "tags", "type": {"type": "array", "items": ["null", "string"]}},
              {"name": "limits", "type": {"type": "map", "values": "double"}},
              {"name": "location", "type": {"type": "record", "name": "Location", "fields": [
                {"name": "lat", "type": "double"}, {"name": "lon", "type": "double"},
                {"name": "site", "type": ["null", "string"], "default": null}]}},
              {"name": "raw", "type": "bytes"},
              {"name": "mac", "type": {"type": "fixed", "name": "Mac", "size": 6}},
              {"name": "seen", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "seenUs", "type": {"type": "long", "logicalType": "timestamp-micros"}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "at", "type": {"type": "int", "logicalType": "time-millis"}},
              {"name": "atUs", "type": {"type": "long", "logicalType": "time-micros"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 4}},
              {"name": "cost", "type": {"type": "fixed", "name": "Cost", "size": 8, "logicalType": "decimal",
                                        "precision": 18, "scale": 2}},
              {"name": "id", "type": {"type": "string", "logicalType": "uuid"}}
            ]}""");

    private final CollectingSink sink = new CollectingSink();
    private final RegistryStub registry = RegistryStub.start();

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private RecordConverter converter(String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put(MappingConfig.NAMESPACE, "test");
        props.put(MappingConfig.VALUE_FORMAT, "avro");
        props.put(RegistryConfig.URL, registry.url());
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return new TopicMappings(new SinkConfig(props)).converter("sensors");
    }

    private KeyWrite convert(RecordConverter converter, SinkRecord record) {
        converter.prepare(record);
        converter.convert(record, sink);
        assertEquals(1, sink.writes.size());
        return sink.writes.remove(0);
    }

    static SinkRecord record(byte[] value) {
        return new SinkRecord("sensors", 0, null, null, null, value, 7);
    }

    static Map<String, Object> bins(KeyWrite write) {
        Map<String, Object> bins = new LinkedHashMap<>();
        for (Bin bin : Puts.bins(write.puts())) {
            Object value = bin.value.getObject();
            bins.put(bin.name, value instanceof byte[] bytes ? Arrays.toString(bytes) : value);
        }
        return bins;
    }

    public static GenericRecord reading() {
        GenericRecord location = new GenericData.Record(READING.getField("location").schema());
        location.put("lat", 59.9);
        location.put("lon", 10.7);
        GenericRecord reading = new GenericData.Record(READING);
        reading.put("_key", 42L);
        reading.put("_source", "gateway-7");
        reading.put("temperature", 21.5);
        reading.put("humidity", 0.25f);
        reading.put("count", -3);
        reading.put("ok", true);
        reading.put("status", new GenericData.EnumSymbol(READING.getField("status").schema(), "FAULT"));
        reading.put("site", "roof");
        reading.put("tags", Arrays.asList("roof", null, "north"));
        reading.put("limits", Map.of("max", 40.0));
        reading.put("location", location);
        reading.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        reading.put("mac", new GenericData.Fixed(READING.getField("mac").schema(), new byte[] {10, 0, 0, 0, 0, 1}));
        reading.put("seen", 1_700_000_000_123L);
        reading.put("seenUs", 1_700_000_000_123_456L);
        reading.put("day", 19_000);
        reading.put("at", 45_296_789);
        reading.put("atUs", 45_296_789_012L);
        reading.put("price", ByteBuffer.wrap(new BigDecimal("12345678901234.5678").unscaledValue().toByteArray()));
        byte[] cost = new byte[8];
        cost[7] = (byte) 0xD2;
        cost[6] = 0x04;
        reading.put("cost", new GenericData.Fixed(READING.getField("cost").schema(), cost));
        reading.put("id", "6f1c1f2a-3a3c-4c33-9d5b-0c0e7a8b9f10");
        return reading;
    }

    @Test
    void everyAvroTypeBecomesTheBinReadmeDocuments() {
        int id = registry.register(READING);
        KeyWrite write = convert(converter(), record(AvroPayloads.confluent(id, reading())));

        assertEquals(new Key("test", "sensors", 42L), write.key());
        assertEquals(ParticleType.INTEGER, write.key().userKey.getType());
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("temperature", 21.5);
        expected.put("humidity", 0.25);
        expected.put("count", -3L);
        expected.put("ok", true);
        expected.put("status", "FAULT");
        expected.put("site", "roof");
        expected.put("tags", Arrays.asList("roof", null, "north"));
        expected.put("limits", Map.of("max", 40.0));
        expected.put("location", Map.of("lat", 59.9, "lon", 10.7));
        expected.put("raw", "[1, 2, 3]");
        expected.put("mac", "[10, 0, 0, 0, 0, 1]");
        expected.put("seen", 1_700_000_000_123L);
        expected.put("seenUs", 1_700_000_000_123_456L);
        expected.put("day", 19_000L);
        expected.put("at", 45_296_789L);
        expected.put("atUs", 45_296_789_012L);
        expected.put("price", "12345678901234.5678");
        expected.put("cost", "12.34");
        expected.put("id", "6f1c1f2a-3a3c-4c33-9d5b-0c0e7a8b9f10");
        assertEquals(expected, bins(write));
    }

    @Test
    void aMultiTypeUnionIsTheValueOfItsBranch() {
        Schema schema = AvroPayloads.parse("""
                {"type": "record", "name": "R", "fields": [{"name": "_key", "type": "string"},
                  {"name": "v", "type": ["null", "int", "string", {"type": "record", "name": "P",
                    "fields": [{"name": "x", "type": "int"}]}]}]}""");
        int id = registry.register(schema);
        RecordConverter converter = converter();
        Map<Object, Object> branches = new LinkedHashMap<>();
        GenericRecord p = new GenericData.Record(schema.getField("v").schema().getTypes().get(3));
        p.put("x", 5);
        branches.put(17, 17L);
        branches.put("seventeen", "seventeen");
        branches.put(p, Map.of("x", 5L));
        for (Map.Entry<Object, Object> branch : branches.entrySet()) {
            GenericRecord r = new GenericData.Record(schema);
            r.put("_key", "k");
            r.put("v", branch.getKey());
            assertEquals(Map.of("v", branch.getValue()), bins(convert(converter, record(AvroPayloads.confluent(id, r)))));
        }
        GenericRecord none = new GenericData.Record(schema);
        none.put("_key", "k");
        MappingException e = assertThrows(MappingException.class,
                () -> converter.convert(record(AvroPayloads.confluent(id, none)), sink));
        assertTrue(e.getMessage().contains("no bins"), e.getMessage());
    }

    @Test
    void theSameRecordGivesTheSameBinsAsTheStructPath() {
        Schema schema = AvroPayloads.parse("""
                {"type": "record", "name": "Reading", "fields": [
                  {"name": "_key", "type": "long"}, {"name": "temperature", "type": "double"},
                  {"name": "humidity", "type": "float"}, {"name": "count", "type": "int"},
                  {"name": "ok", "type": "boolean"}, {"name": "name", "type": "string"},
                  {"name": "note", "type": ["null", "string"], "default": null},
                  {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OK", "FAULT"]}},
                  {"name": "tags", "type": {"type": "array", "items": "string"}},
                  {"name": "limits", "type": {"type": "map", "values": "long"}},
                  {"name": "where", "type": {"type": "record", "name": "Where", "fields": [
                    {"name": "lat", "type": "double"}, {"name": "site", "type": ["null", "string"]}]}},
                  {"name": "raw", "type": "bytes"},
                  {"name": "seen", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                  {"name": "at", "type": {"type": "int", "logicalType": "time-millis"}},
                  {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 3}}
                ]}""");
        GenericRecord where = new GenericData.Record(schema.getField("where").schema());
        where.put("lat", -33.9);
        GenericRecord r = new GenericData.Record(schema);
        r.put("_key", 9L);
        r.put("temperature", -0.0);
        r.put("humidity", 1.5f);
        r.put("count", Integer.MIN_VALUE);
        r.put("ok", false);
        r.put("name", "h\u00e9llo \uD83D\uDE00");
        r.put("status", new GenericData.EnumSymbol(schema.getField("status").schema(), "OK"));
        r.put("tags", List.of());
        r.put("limits", Map.of("a", Long.MAX_VALUE, "b", Long.MIN_VALUE));
        r.put("where", where);
        r.put("raw", ByteBuffer.wrap(new byte[0]));
        r.put("seen", -1L);
        r.put("day", -1);
        r.put("at", 0);
        r.put("price", ByteBuffer.wrap(new BigDecimal("-0.001").unscaledValue().toByteArray()));

        org.apache.kafka.connect.data.Struct struct = AvroStructs.struct(r);
        Map<String, String> props = new HashMap<>();
        props.put(MappingConfig.NAMESPACE, "test");
        RecordConverter structs = new TopicMappings(new SinkConfig(props)).converter("sensors");
        structs.convert(new SinkRecord("sensors", 0, null, null, struct.schema(), struct, 7), sink);
        KeyWrite viaStruct = sink.writes.remove(0);

        KeyWrite native_ = convert(converter(), record(AvroPayloads.confluent(registry.register(schema), r)));
        assertEquals(viaStruct.key(), native_.key());
        assertEquals(bins(viaStruct), bins(native_));
    }

    @Test
    void rawBinaryAndSingleObjectEncodingsReadTheConfiguredSchema() {
        String schema = READING.toString();
        KeyWrite binary = convert(converter(MappingConfig.VALUE_AVRO_ENCODING, "binary",
                MappingConfig.VALUE_AVRO_SCHEMA, schema), record(AvroPayloads.binary(reading())));
        KeyWrite single = convert(converter(MappingConfig.VALUE_AVRO_ENCODING, "single_object",
                MappingConfig.VALUE_AVRO_SCHEMA, schema), record(AvroPayloads.singleObject(reading())));
        assertEquals(bins(binary), bins(single));
        assertEquals(21.5, bins(single).get("temperature"));
        assertTrue(registry.requests().isEmpty(), "no registry is asked: " + registry.requests());
    }

    @Test
    void singleObjectOfAnotherSchemaIsADataErrorNamingTheFingerprints() {
        Schema other = AvroPayloads.parse("""
                {"type": "record", "name": "Other", "fields": [{"name": "_key", "type": "long"}]}""");
        GenericRecord r = new GenericData.Record(other);
        r.put("_key", 1L);
        RecordConverter converter = converter(MappingConfig.VALUE_AVRO_ENCODING, "single_object",
                MappingConfig.VALUE_AVRO_SCHEMA, READING.toString());
        MappingException e = assertThrows(MappingException.class,
                () -> converter.convert(record(AvroPayloads.singleObject(r)), sink));
        assertTrue(e.getMessage().contains("fingerprint"), e.getMessage());
        MappingException header = assertThrows(MappingException.class,
                () -> converter.convert(record(AvroPayloads.binary(reading())), sink));
        assertTrue(header.getMessage().contains("C3 01"), header.getMessage());
    }

    @Test
    void recordsOfTwoSchemaVersionsInOneTopicEachKeepTheirOwnFields() {
        Schema v1 = AvroPayloads.parse("""
                {"type": "record", "name": "S", "fields": [{"name": "_key", "type": "long"},
                  {"name": "temperature", "type": "double"}, {"name": "unit", "type": "string"}]}""");
        Schema v2 = AvroPayloads.parse("""
                {"type": "record", "name": "S", "fields": [{"name": "_key", "type": "long"},
                  {"name": "temperature", "type": "double"},
                  {"name": "battery", "type": "int", "default": 100}]}""");
        int id1 = registry.register(v1);
        int id2 = registry.register(v2);
        GenericRecord old = new GenericData.Record(v1);
        old.put("_key", 1L);
        old.put("temperature", 20.0);
        old.put("unit", "C");
        GenericRecord newer = new GenericData.Record(v2);
        newer.put("_key", 2L);
        newer.put("temperature", 21.0);
        newer.put("battery", 80);
        RecordConverter converter = converter();
        for (int round = 0; round < 3; round++) {
            assertEquals(Map.of("temperature", 20.0, "unit", "C"),
                    bins(convert(converter, record(AvroPayloads.confluent(id1, old)))));
            assertEquals(Map.of("temperature", 21.0, "battery", 80L),
                    bins(convert(converter, record(AvroPayloads.confluent(id2, newer)))));
        }
        assertEquals(List.of("/schemas/ids/" + id1, "/schemas/ids/" + id2), registry.requests(),
                "each writer schema is fetched once");
    }

    @Test
    void badFramingTruncationAndTrailingBytesAreDataErrorsThatSayWhat() {
        int id = registry.register(READING);
        byte[] payload = AvroPayloads.confluent(id, reading());
        RecordConverter converter = converter();

        byte[] badMagic = payload.clone();
        badMagic[0] = 7;
        assertMessage(converter, badMagic, "0x07");
        assertMessage(converter, new byte[] {0, 0, 0}, "fewer than the 5");
        assertMessage(converter, Arrays.copyOf(payload, payload.length - 3), "field 'id'");
        byte[] longer = Arrays.copyOf(payload, payload.length + 2);
        assertMessage(converter, longer, "2 bytes are left");
        assertMessage(converter, AvroPayloads.confluent(999, reading()), "schema id 999 is not in the schema registry");
        int longId = registry.register(AvroPayloads.parse("\"long\""));
        assertMessage(converter, new byte[] {0, 0, 0, 0, (byte) longId, 2}, "not a record");
        assertTrue(sink.writes.isEmpty());
    }

    @Test
    void keyTtlAndFenceFieldsWorkAsOnTheStructPath() {
        Schema schema = AvroPayloads.parse("""
                {"type": "record", "name": "E", "fields": [{"name": "_key", "type": "string"},
                  {"name": "_ttl", "type": ["null", "int"], "default": null},
                  {"name": "_time", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                  {"name": "v", "type": "double"}]}""");
        int id = registry.register(schema);
        GenericRecord r = new GenericData.Record(schema);
        r.put("_key", "dev-1");
        r.put("_ttl", 3600);
        r.put("_time", 1_700_000_000_000L);
        r.put("v", 1.0);
        KeyWrite write = convert(converter(MappingConfig.TTL_FIELD, "_ttl", MappingConfig.WRITE_FENCE, "field",
                MappingConfig.WRITE_FENCE_FIELD, "_time"), record(AvroPayloads.confluent(id, r)));
        assertEquals(new Key("test", "sensors", "dev-1"), write.key());
        assertEquals(3600, write.ttl());
        assertEquals(1_700_000_000_000L, write.fence());
        assertEquals(Map.of("v", 1.0), bins(write));
    }

    @Test
    void tombstonesDeleteTheRecordKeyAndKeysCanComeFromTheRecordKey() {
        RecordConverter converter = converter();
        KeyWrite delete = convert(converter, new SinkRecord("sensors", 0, null, 42L, null, null, 9));
        assertTrue(delete.isDelete());
        assertEquals(new Key("test", "sensors", 42L), delete.key());

        Schema schema = AvroPayloads.parse("""
                {"type": "record", "name": "K", "fields": [{"name": "v", "type": "int"}]}""");
        GenericRecord r = new GenericData.Record(schema);
        r.put("v", 1);
        byte[] value = AvroPayloads.confluent(registry.register(schema), r);
        KeyWrite write = convert(converter(MappingConfig.KEY_SOURCE, "record"),
                new SinkRecord("sensors", 0, null, "dev-9", null, value, 3));
        assertEquals(new Key("test", "sensors", "dev-9"), write.key());
    }

    @Test
    void aValueThatIsNotBytesNamesTheConverterToUse() {
        MappingException e = assertThrows(MappingException.class,
                () -> converter().convert(new SinkRecord("sensors", 0, null, null, null, Map.of("a", 1), 1), sink));
        assertTrue(e.getMessage().contains("ByteArrayConverter"), e.getMessage());
    }

    @Test
    void aRegistryThatCannotAnswerIsAnOutageNotADataError() {
        int id = registry.register(READING);
        RecordConverter converter = converter();
        registry.failWith(503);
        SinkRecord record = record(AvroPayloads.confluent(id, reading()));
        assertThrows(RetriableException.class, () -> converter.prepare(record));
        registry.failWith(0);
        assertEquals(21.5, bins(convert(converter, record)).get("temperature"));

        registry.failWith(503);
        SinkRecord wrapped = new SinkRecord("sensors", 0, null, null, null,
                ByteBuffer.wrap(AvroPayloads.confluent(registry.register(READING), reading())), 8);
        assertThrows(RetriableException.class, () -> converter.prepare(wrapped),
                "a ByteBuffer value (from an SMT) is prepared too, so convert() never meets the outage mid-batch");
        registry.failWith(0);

        RecordConverter unreachable = converterAt("http://127.0.0.1:1");
        assertThrows(RetriableException.class, () -> unreachable.prepare(record));
    }

    @Test
    void refusedRegistryCredentialsStopTheTaskNamingTheSetting() {
        registry.requireBasicAuth("Basic " + java.util.Base64.getEncoder().encodeToString("sink:right".getBytes()));
        int id = registry.register(READING);
        SinkRecord record = record(AvroPayloads.confluent(id, reading()));
        ConnectException e = assertThrows(ConnectException.class,
                () -> converter(RegistryConfig.USER_INFO, "sink:wrong").prepare(record));
        assertTrue(e.getMessage().contains(RegistryConfig.USER_INFO), e.getMessage());
        assertTrue(!(e instanceof RetriableException));
        assertEquals(21.5, bins(convert(converter(RegistryConfig.USER_INFO, "sink:right"), record)).get("temperature"));
    }

    private RecordConverter converterAt(String url) {
        Map<String, String> props = new HashMap<>();
        props.put(MappingConfig.NAMESPACE, "test");
        props.put(MappingConfig.VALUE_FORMAT, "avro");
        props.put(RegistryConfig.URL, url);
        props.put(RegistryConfig.REQUEST_TIMEOUT_MS, "2000");
        return new TopicMappings(new SinkConfig(props)).converter("sensors");
    }

    private void assertMessage(RecordConverter converter, byte[] value, String expected) {
        SinkRecord record = record(value);
        converter.prepare(record);
        MappingException e = assertThrows(MappingException.class, () -> converter.convert(record, sink));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
