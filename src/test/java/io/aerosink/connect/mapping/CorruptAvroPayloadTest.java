package io.aerosink.connect.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import io.aerosink.connect.avro.AvroPayloads;
import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.SinkConfig;

/**
 * Corrupt Avro never crashes the decoder: whatever a payload's bytes are, converting it either writes bins or fails
 * that record with a data error (which the task dead-letters or stops on, naming the record), and it never asks for
 * more memory than the payload can describe.
 */
class CorruptAvroPayloadTest {

    private static final Schema SCHEMA = AvroPayloads.parse("""
            {"type": "record", "name": "Reading", "fields": [
              {"name": "_key", "type": "long"},
              {"name": "name", "type": "string"},
              {"name": "tags", "type": {"type": "array", "items": ["null", "string", "long"]}},
              {"name": "nothing", "type": {"type": "array", "items": "null"}},
              {"name": "limits", "type": {"type": "map", "values": {"type": "record", "name": "L", "fields": [
                {"name": "lo", "type": "float"}, {"name": "hi", "type": "double"}]}}},
              {"name": "status", "type": {"type": "enum", "name": "S", "symbols": ["OK", "FAULT"]}},
              {"name": "mac", "type": {"type": "fixed", "name": "Mac", "size": 6}},
              {"name": "price", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
              {"name": "ok", "type": "boolean"}
            ]}""");

    private final RecordConverter converter = converter();
    private final CollectingSink sink = new CollectingSink();

    private static RecordConverter converter() {
        Map<String, String> props = new HashMap<>();
        props.put(MappingConfig.NAMESPACE, "test");
        props.put(MappingConfig.VALUE_FORMAT, "avro");
        props.put(MappingConfig.VALUE_AVRO_ENCODING, "binary");
        props.put(MappingConfig.VALUE_AVRO_SCHEMA, SCHEMA.toString());
        return new TopicMappings(new SinkConfig(props)).converter("sensors");
    }

    @Property(tries = 2000)
    void aCorruptedPayloadIsWrittenOrFailsAloneWithADataError(@ForAll("readings") byte[] valid,
                                                              @ForAll("corruptions") Corruption corruption) {
        byte[] payload = corruption.apply(valid);
        try {
            converter.convert(new SinkRecord("sensors", 0, null, null, null, payload, 1), sink);
            assertEquals(1, sink.writes.size());
        } catch (DataException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            assertTrue(sink.writes.isEmpty());
        }
        sink.writes.clear();
    }

    @Property(tries = 500)
    void randomBytesNeverCrashTheDecoder(@ForAll("noise") byte[] payload) {
        try {
            converter.convert(new SinkRecord("sensors", 0, null, null, null, payload, 1), sink);
        } catch (DataException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        }
        sink.writes.clear();
    }

    @Provide
    Arbitrary<byte[]> readings() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12);
        return Combinators.combine(Arbitraries.longs(), text, text.list().ofMaxSize(5),
                Arbitraries.integers().between(0, 40), Arbitraries.floats(), Arbitraries.doubles(),
                Arbitraries.longs().between(-1_000_000, 1_000_000))
                .as((key, name, tags, nulls, lo, hi, cents) -> {
                    Schema limit = SCHEMA.getField("limits").schema().getValueType();
                    GenericRecord l = new GenericData.Record(limit);
                    l.put("lo", lo);
                    l.put("hi", hi);
                    GenericRecord r = new GenericData.Record(SCHEMA);
                    r.put("_key", key);
                    r.put("name", name);
                    r.put("tags", List.<Object>copyOf(tags));
                    r.put("nothing", Arrays.asList(new Object[nulls]));
                    r.put("limits", Map.of(name, l));
                    r.put("status", new GenericData.EnumSymbol(SCHEMA.getField("status").schema(), "OK"));
                    r.put("mac", new GenericData.Fixed(SCHEMA.getField("mac").schema(), new byte[6]));
                    r.put("price", ByteBuffer.wrap(java.math.BigInteger.valueOf(cents).toByteArray()));
                    r.put("ok", true);
                    return AvroPayloads.binary(r);
                });
    }

    @Provide
    Arbitrary<Corruption> corruptions() {
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 1_000);
        Arbitrary<Byte> value = Arbitraries.bytes();
        return Arbitraries.oneOf(
                Combinators.combine(where, value).as((at, b) -> bytes -> {
                    byte[] out = bytes.clone();
                    out[at % out.length] = b;
                    return out;
                }),
                where.map(at -> bytes -> Arrays.copyOf(bytes, at % bytes.length)),
                Combinators.combine(where, Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(10))
                        .as((at, extra) -> bytes -> {
                            int cut = at % bytes.length;
                            byte[] out = new byte[bytes.length + extra.length];
                            System.arraycopy(bytes, 0, out, 0, cut);
                            System.arraycopy(extra, 0, out, cut, extra.length);
                            System.arraycopy(bytes, cut, out, cut + extra.length, bytes.length - cut);
                            return out;
                        }));
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    }

    interface Corruption {
        byte[] apply(byte[] payload);
    }
}
