package io.aerosink.connect.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;

import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.Puts;

class ValueRecordConverterTest {

    private static final org.apache.avro.Schema READING = new org.apache.avro.Schema.Parser().parse("""
            {"type": "record", "name": "Reading", "namespace": "io.example", "fields": [
              {"name": "_key", "type": "long"},
              {"name": "_source", "type": "string"},
              {"name": "temperature", "type": "double"},
              {"name": "humidity", "type": "float"},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["OK", "FAULT"]}},
              {"name": "note", "type": ["null", "string"], "default": null},
              {"name": "reading", "type": ["null", "int", "string"], "default": null},
              {"name": "tags", "type": {"type": "array", "items": "string"}},
              {"name": "limits", "type": {"type": "map", "values": "double"}},
              {"name": "location", "type": {"type": "record", "name": "Location", "fields": [
                {"name": "lat", "type": "double"}, {"name": "lon", "type": "double"},
                {"name": "site", "type": ["null", "string"], "default": null}]}},
              {"name": "raw", "type": "bytes"},
              {"name": "seen", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "day", "type": {"type": "int", "logicalType": "date"}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 20, "scale": 4}}
            ]}""");

    private final CollectingSink sink = new CollectingSink();
    private final List<KeyWrite> writes = sink.writes;
    private final List<KeyFailure> failures = sink.failures;

    private static RecordConverter converter(String... settings) {
        Map<String, String> props = new HashMap<>();
        props.put(MappingConfig.NAMESPACE, "test");
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        return new TopicMappings(new SinkConfig(props)).converter("sensors");
    }

    private KeyWrite convert(RecordConverter converter, SinkRecord record) {
        converter.convert(record, sink);
        assertEquals(1, writes.size());
        return writes.remove(0);
    }

    private static SinkRecord record(Schema schema, Object value) {
        return new SinkRecord("sensors", 0, null, null, schema, value, 7);
    }

    private static Map<String, Object> bins(KeyWrite write) {
        Map<String, Object> bins = new LinkedHashMap<>();
        for (Bin bin : Puts.bins(write.puts())) {
            bins.put(bin.name, bin.value.getObject());
        }
        return bins;
    }

    private static GenericRecord reading() {
        GenericRecord location = new GenericData.Record(READING.getField("location").schema());
        location.put("lat", 59.9);
        location.put("lon", 10.7);
        GenericRecord reading = new GenericData.Record(READING);
        reading.put("_key", 42L);
        reading.put("_source", "gateway-7");
        reading.put("temperature", 21.5);
        reading.put("humidity", 0.25f);
        reading.put("status", new GenericData.EnumSymbol(READING.getField("status").schema(), "FAULT"));
        reading.put("reading", 17);
        reading.put("tags", List.of("roof", "north"));
        reading.put("limits", Map.of("max", 40.0));
        reading.put("location", location);
        reading.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        reading.put("seen", 1_700_000_000_123L);
        reading.put("day", 19_000);
        reading.put("price", ByteBuffer.wrap(new BigDecimal("12345678901234.5678").unscaledValue().toByteArray()));
        return reading;
    }

    @Test
    void avroRecordBecomesKeyAndBinsByTheUnderscoreConvention() {
        Struct struct = AvroStructs.struct(reading());
        KeyWrite write = convert(converter(), record(struct.schema(), struct));

        assertEquals(new Key("test", "sensors", 42L), write.key());
        assertEquals(com.aerospike.client.command.ParticleType.INTEGER, write.key().userKey.getType());
        Map<String, Object> bins = bins(write);
        assertFalse(bins.containsKey("_key"));
        assertFalse(bins.containsKey("_source"));
        assertFalse(bins.containsKey("note"), "null fields are not written");
        assertEquals(21.5, bins.get("temperature"));
        assertEquals(0.25, bins.get("humidity"));
        assertEquals("FAULT", bins.get("status"));
        assertEquals(17L, bins.get("reading"), "a union of several types is stored as its chosen branch's value");
        assertEquals(List.of("roof", "north"), bins.get("tags"));
        assertEquals(Map.of("max", 40.0), bins.get("limits"));
        assertEquals(Map.of("lat", 59.9, "lon", 10.7), bins.get("location"));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) bins.get("raw"));
        assertEquals(1_700_000_000_123L, bins.get("seen"));
        assertEquals(19_000L, bins.get("day"));
        assertEquals("12345678901234.5678", bins.get("price"));
    }

    @Test
    void schemalessMapIsMappedTheSameWay() {
        Map<String, Object> value = new HashMap<>();
        value.put("_key", "dev-1");
        value.put("_meta", "ignored");
        value.put("temperature", 20.0);
        value.put("count", 3);
        value.put("ok", true);
        value.put("nested", Map.of("a", List.of(1, 2)));
        value.put("gone", null);
        KeyWrite write = convert(converter(), record(null, value));
        assertEquals(new Key("test", "sensors", "dev-1"), write.key());
        assertEquals(Map.of("temperature", 20.0, "count", 3L, "ok", true, "nested", Map.of("a", List.of(1L, 2L))),
                bins(write));
    }

    @Test
    void customKeyFieldWithoutUnderscoreIsAlsoABin() {
        Map<String, Object> value = Map.of("id", 5, "temperature", 20.0);
        KeyWrite write = convert(converter(MappingConfig.KEY_FIELD, "id"), record(null, value));
        assertEquals(new Key("test", "sensors", 5L), write.key());
        assertEquals(5L, bins(write).get("id"));
    }

    @Test
    void bytesKeyGivesABlobKey() {
        Schema schema = SchemaBuilder.struct().field("_key", Schema.BYTES_SCHEMA).field("v", Schema.INT32_SCHEMA).build();
        Struct struct = new Struct(schema).put("_key", "ab".getBytes(StandardCharsets.UTF_8)).put("v", 1);
        KeyWrite write = convert(converter(), record(schema, struct));
        assertEquals(com.aerospike.client.command.ParticleType.BLOB, write.key().userKey.getType());
    }

    @Test
    void missingOrUnsupportedKeyIsADataErrorNamingTheField() {
        MappingException missing = assertThrows(MappingException.class,
                () -> converter().convert(record(null, Map.of("v", 1)), sink));
        assertTrue(missing.getMessage().contains("'_key'"), missing.getMessage());
        MappingException wrongType = assertThrows(MappingException.class,
                () -> converter().convert(record(null, Map.of("_key", 1.5, "v", 1)), sink));
        assertTrue(wrongType.getMessage().contains("integer, a string or bytes"), wrongType.getMessage());
        assertTrue(writes.isEmpty());
    }

    @Test
    void binNameOverFifteenBytesIsADataErrorNamingTheField() {
        MappingException e = assertThrows(MappingException.class, () -> converter().convert(
                record(null, Map.of("_key", 1, "temperature_celsius", 1.0)), sink));
        assertTrue(e.getMessage().contains("'temperature_celsius'") && e.getMessage().contains("15"), e.getMessage());
    }

    @Test
    void ttlFieldOverridesTheConfiguredTtl() {
        RecordConverter converter = converter(MappingConfig.TTL_FIELD, "_ttl", MappingConfig.TTL_SECONDS, "60");
        assertEquals(3600, convert(converter, record(null, Map.of("_key", 1, "v", 1, "_ttl", 3600))).ttl());
        assertEquals(60, convert(converter, record(null, Map.of("_key", 1, "v", 1))).ttl());
        assertThrows(MappingException.class, () -> converter.convert(record(null, Map.of("_key", 1, "v", 1, "_ttl", "soon")), sink));
    }

    @Test
    void tombstoneDeletesTheRecordKey() {
        SinkRecord tombstone = new SinkRecord("sensors", 0, Schema.INT64_SCHEMA, 42L, null, null, 9);
        KeyWrite write = convert(converter(), tombstone);
        assertTrue(write.isDelete());
        assertEquals(new Key("test", "sensors", 42L), write.key());
        converter(MappingConfig.DELETE_ON_TOMBSTONE, "false").convert(tombstone, sink);
        assertTrue(writes.isEmpty());
    }

    @Test
    void keyFromTheRecordKeyStruct() {
        Schema keySchema = SchemaBuilder.struct().field("_key", Schema.STRING_SCHEMA).build();
        SinkRecord record = new SinkRecord("sensors", 0, keySchema, new Struct(keySchema).put("_key", "dev-9"),
                null, Map.of("v", 1), 3);
        KeyWrite write = convert(converter(MappingConfig.KEY_SOURCE, "record"), record);
        assertEquals(new Key("test", "sensors", "dev-9"), write.key());
    }

    @Test
    void valueThatIsNeitherStructNorMapPointsToTheRowFormats() {
        MappingException e = assertThrows(MappingException.class,
                () -> converter().convert(record(Schema.BYTES_SCHEMA, new byte[4]), sink));
        assertTrue(e.getMessage().contains("value.format=fixed"), e.getMessage());
    }

    @Test
    void recordWithOnlyMetadataHasNothingToWrite() {
        assertThrows(MappingException.class, () -> converter().convert(record(null, Map.of("_key", 1, "_x", 2)), sink));
    }

    /** A topic whose schema evolves: each record is mapped by its own schema, whichever came before. */
    @Test
    void structsOfAlternatingSchemasEachMapByTheirOwnFields() {
        Schema v1 = SchemaBuilder.struct().field("_key", Schema.INT64_SCHEMA).field("temperature", Schema.FLOAT64_SCHEMA)
                .build();
        Schema v2 = SchemaBuilder.struct().field("_key", Schema.INT64_SCHEMA).field("_temperature", Schema.FLOAT64_SCHEMA)
                .field("a_field_name_too_long", Schema.OPTIONAL_STRING_SCHEMA).field("humidity", Schema.FLOAT64_SCHEMA)
                .build();
        RecordConverter converter = converter();
        for (int i = 0; i < 3; i++) {
            assertEquals(Map.of("temperature", 21.5),
                    bins(convert(converter, record(v1, new Struct(v1).put("_key", 1L).put("temperature", 21.5)))));
            assertEquals(Map.of("humidity", 0.5), bins(convert(converter, record(v2,
                    new Struct(v2).put("_key", 2L).put("_temperature", 9.0).put("humidity", 0.5)))));
            Struct tooLong = new Struct(v2).put("_key", 3L).put("humidity", 0.5).put("a_field_name_too_long", "x");
            MappingException e = assertThrows(MappingException.class,
                    () -> converter.convert(record(v2, tooLong), sink));
            assertTrue(e.getMessage().contains("field 'a_field_name_too_long' is 21 bytes long"), e.getMessage());
        }
    }

    /**
     * A put's records prepared first, as the task does, then converted: every key is the client's, a Struct's and a
     * Map's alike, and a record whose key cannot be read fails in convert() as it would unprepared.
     */
    @Test
    void recordsPreparedTogetherKeepTheirKeysAndTheirErrors() {
        RecordConverter converter = converter();
        Schema schema = SchemaBuilder.struct().field("_key", Schema.INT64_SCHEMA).field("v", Schema.INT32_SCHEMA).build();
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            records.add(i % 3 == 0
                    ? record(schema, new Struct(schema).put("_key", 10_000L + i).put("v", i))
                    : record(null, Map.of("_key", i % 3 == 1 ? "device-" + i : (Object) (10_000L + i), "v", i)));
        }
        records.add(record(null, Map.of("_key", 1.5, "v", 1)));
        records.forEach(converter::prepare);

        for (int i = 0; i < 40; i++) {
            Object userKey = i % 3 == 1 ? "device-" + i : (Object) (10_000L + i);
            KeyWrite write = convert(converter, records.get(i));
            Key expected = new Key("test", "sensors", com.aerospike.client.Value.get(userKey));
            assertEquals(expected, write.key());
            assertArrayEquals(expected.digest, write.key().digest);
            assertEquals(Map.of("v", (long) i), bins(write));
        }
        MappingException wrongType = assertThrows(MappingException.class,
                () -> converter.convert(records.get(40), sink));
        assertTrue(wrongType.getMessage().contains("integer, a string or bytes"), wrongType.getMessage());
    }
}
