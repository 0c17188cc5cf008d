package io.aerosink.connect.mapping;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.kafka.connect.sink.SinkRecord;

import io.aerosink.connect.avro.AvroDecodeException;
import io.aerosink.connect.avro.AvroInput;
import io.aerosink.connect.avro.SchemaRegistry;
import io.aerosink.connect.config.AvroEncoding;
import io.aerosink.connect.config.MappingConfig;

/**
 * {@code value.format=avro}: Avro bytes decoded straight into a key and bins, without a GenericRecord or a Struct
 * in between, with the same underscore convention, key, TTL and fence fields as {@link ValueRecordConverter}. The
 * writer schema comes from the registry by the Confluent header's id, or is {@code value.avro.schema}.
 */
public final class AvroRecordConverter implements RecordConverter {

    static final int CONFLUENT_HEADER = 5;
    static final int SINGLE_OBJECT_HEADER = 10;

    private final KeyDigester keys;
    private final RecordRoles roles;
    private final boolean deleteOnTombstone;
    private final AvroEncoding encoding;
    /** The registry for the confluent encoding, else null. */
    private final SchemaRegistry registry;
    /** The plan of value.avro.schema for the other encodings, else null. */
    private final AvroRecordPlan configured;
    private final long configuredFingerprint;
    private final Map<Integer, AvroRecordPlan> plans = new HashMap<>();
    private final AvroRecordPlan.Decoded decoded = new AvroRecordPlan.Decoded();
    /** A topic's values mostly share one schema id: its plan is kept at hand. */
    private int lastId;
    private AvroRecordPlan lastPlan;

    public AvroRecordConverter(MappingConfig config, SchemaRegistry registry) {
        this.keys = new KeyDigester(config.namespace(), config.setName());
        this.roles = new RecordRoles(config);
        this.deleteOnTombstone = config.deleteOnTombstone();
        this.encoding = config.avroEncoding();
        if (encoding == AvroEncoding.CONFLUENT) {
            this.registry = registry;
            this.configured = null;
            this.configuredFingerprint = 0;
        } else {
            Schema schema = parse(config.avroSchema());
            this.registry = null;
            this.configured = new AvroRecordPlan(schema, roles, MappingConfig.VALUE_AVRO_SCHEMA);
            this.configuredFingerprint = SchemaNormalization.parsingFingerprint64(schema);
        }
    }

    /** Parses value.avro.schema; the config validator reports the same problems before a task starts. */
    public static Schema parse(String schema) {
        if (schema.isEmpty()) {
            throw new MappingException(MappingConfig.VALUE_AVRO_SCHEMA + " is empty; value.avro.encoding=single_object "
                    + "and binary need the writer schema");
        }
        try {
            return new Schema.Parser().parse(schema);
        } catch (AvroRuntimeException e) {
            throw new MappingException(MappingConfig.VALUE_AVRO_SCHEMA + " is not an Avro schema: " + e.getMessage());
        }
    }

    @Override
    public void prepare(SinkRecord record) {
        Object value = record.value();
        if (registry == null || !(value instanceof byte[] || value instanceof ByteBuffer)) {
            return;
        }
        byte[] payload = payload(value);
        if (payload.length >= CONFLUENT_HEADER && payload[0] == 0) {
            try {
                plan(schemaId(payload));
            } catch (AvroDecodeException | MappingException e) {
                // A data error of this record alone: convert() reports it.
            }
        }
    }

    @Override
    public void convert(SinkRecord record, ConversionSink sink) {
        Object value = record.value();
        if (value == null) {
            if (deleteOnTombstone) {
                sink.write(KeyWrite.delete(keys.key(RecordKeys.userKey(record, roles.keyField))));
            }
            return;
        }
        AvroRecordPlan.Decoded decoded = decode(payload(value));
        if (decoded.count == 0) {
            throw new MappingException("value has no bins to write: every field is null or starts with '_'");
        }
        sink.write(KeyWrite.put(keys.key(roles.userKey(record, decoded.key)), decoded.puts(), roles.ttl(decoded.ttl),
                roles.fence(decoded.fence)));
    }

    /** The value's bins and role fields, before the key is made: the mapping's share of {@link #convert}. */
    AvroRecordPlan.Decoded decode(byte[] payload) {
        AvroRecordPlan plan;
        int start;
        if (encoding == AvroEncoding.CONFLUENT) {
            if (payload.length < CONFLUENT_HEADER || payload[0] != 0) {
                throw new MappingException(payload.length < CONFLUENT_HEADER
                        ? "the value has " + payload.length + " bytes, fewer than the 5 of a Confluent header"
                        : String.format("the value starts with byte 0x%02X, not the magic byte 0 of Confluent-framed "
                                + "Avro (value.avro.encoding=confluent)", payload[0]));
            }
            int id = schemaId(payload);
            try {
                plan = plan(id);
            } catch (AvroDecodeException e) {
                throw new MappingException(e.getMessage());
            }
            start = CONFLUENT_HEADER;
        } else if (encoding == AvroEncoding.SINGLE_OBJECT) {
            checkSingleObject(payload);
            plan = configured;
            start = SINGLE_OBJECT_HEADER;
        } else {
            plan = configured;
            start = 0;
        }
        plan.decode(new AvroInput(payload, start, payload.length), decoded);
        return decoded;
    }

    private AvroRecordPlan plan(int id) {
        if (lastPlan != null && id == lastId) {
            return lastPlan;
        }
        AvroRecordPlan plan = plans.get(id);
        if (plan == null) {
            plan = new AvroRecordPlan(registry.schema(id), roles, "schema id " + Integer.toUnsignedString(id));
            plans.put(id, plan);
        }
        lastId = id;
        lastPlan = plan;
        return plan;
    }

    private void checkSingleObject(byte[] payload) {
        if (payload.length < SINGLE_OBJECT_HEADER || (payload[0] & 0xFF) != 0xC3 || payload[1] != 0x01) {
            throw new MappingException("the value does not start with C3 01, the header of Avro's single-object "
                    + "encoding (value.avro.encoding=single_object)");
        }
        long fingerprint = ByteBuffer.wrap(payload, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        if (fingerprint != configuredFingerprint) {
            throw new MappingException(String.format("the value was written with the schema of fingerprint %016X, "
                    + "not value.avro.schema (fingerprint %016X)", fingerprint, configuredFingerprint));
        }
    }

    private static int schemaId(byte[] payload) {
        return (payload[1] & 0xFF) << 24 | (payload[2] & 0xFF) << 16 | (payload[3] & 0xFF) << 8 | (payload[4] & 0xFF);
    }

    private static byte[] payload(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof ByteBuffer buffer) {
            return BinValues.bytes(buffer);
        }
        throw new MappingException("value is a " + value.getClass().getSimpleName() + ", not bytes; value.format=avro "
                + "needs value.converter=org.apache.kafka.connect.converters.ByteArrayConverter");
    }
}
