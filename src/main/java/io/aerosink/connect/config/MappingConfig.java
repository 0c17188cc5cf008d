package io.aerosink.connect.config;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import io.aerosink.connect.layout.BytesAs;
import io.aerosink.connect.layout.SubarrayAs;

/**
 * How the records of one topic become Aerospike records. Every key here can be overridden per topic with
 * {@code topic.<topic>.<key>}; {@link TopicOverrides} merges those before this class parses them.
 */
public final class MappingConfig {

    public static final String GROUP = "Mapping";
    public static final String TOPIC_PLACEHOLDER = "${topic}";

    public static final String NAMESPACE = "aerospike.namespace";
    public static final String SET = "aerospike.set";
    public static final String KEY_FIELD = "key.field";
    public static final String KEY_SOURCE = "key.source";
    public static final String WRITE_ACTION = "write.action";
    public static final String TTL_SECONDS = "ttl.seconds";
    public static final String TTL_FIELD = "ttl.field";
    public static final String SEND_KEY = "send.key";
    public static final String DELETE_ON_TOMBSTONE = "delete.on.tombstone";
    public static final String DURABLE_DELETE = "durable.delete";
    public static final String VALUE_FORMAT = "value.format";
    public static final String VALUE_LAYOUT = "value.layout";
    public static final String LAYOUT_BYTES_AS = "layout.bytes.as";
    public static final String LAYOUT_SUBARRAY_AS = "layout.subarray.as";
    public static final String WRITE_FENCE = "write.fence";
    public static final String WRITE_FENCE_FIELD = "write.fence.field";
    public static final String WRITE_FENCE_BIN = "write.fence.bin";
    public static final String WRITE_FENCE_TOMBSTONE_TTL = "write.fence.tombstone.ttl.seconds";
    public static final String VALUE_AVRO_ENCODING = "value.avro.encoding";
    public static final String VALUE_AVRO_SCHEMA = "value.avro.schema";

    public static final ConfigDef DEF = new ConfigDef()
            .define(NAMESPACE, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                    Importance.HIGH, "Aerospike namespace the records are written to.",
                    GROUP, 1, Width.MEDIUM, "Namespace")
            .define(SET, Type.STRING, TOPIC_PLACEHOLDER, Importance.HIGH,
                    "Set name. ${topic} expands to the record's original topic; empty writes without a set.",
                    GROUP, 2, Width.MEDIUM, "Set")
            .define(KEY_FIELD, Type.STRING, "_key", new ConfigDef.NonEmptyString(), Importance.HIGH,
                    "Field holding the Aerospike user key. A name that does not start with '_' is also written "
                            + "as a bin, so it is limited to 15 bytes like every bin name.",
                    GROUP, 3, Width.SHORT, "Key field")
            .define(KEY_SOURCE, Type.STRING, "value", EnumValidator.of(KeySource.class), Importance.MEDIUM,
                    "Where the user key comes from: 'value' (key.field of the value) or 'record' (the Kafka "
                            + "record key: a primitive, or a struct/map holding key.field).",
                    GROUP, 4, Width.SHORT, "Key source", EnumValidator.of(KeySource.class))
            .define(WRITE_ACTION, Type.STRING, "upsert", EnumValidator.of(WriteAction.class), Importance.HIGH,
                    "upsert: create or merge bins; replace: create or replace all bins; insert: create only; "
                            + "update: merge into an existing record only; replace_only: replace an existing record only.",
                    GROUP, 5, Width.SHORT, "Write action", EnumValidator.of(WriteAction.class))
            .define(TTL_SECONDS, Type.INT, 0, ConfigDef.Range.atLeast(-2), Importance.MEDIUM,
                    "Record TTL in seconds: 0 the namespace default, -1 never expire, -2 keep the existing TTL.",
                    GROUP, 6, Width.SHORT, "TTL (s)")
            .define(TTL_FIELD, Type.STRING, "", Importance.LOW,
                    "Optional value field (e.g. _ttl) whose integer overrides ttl.seconds for its record.",
                    GROUP, 7, Width.SHORT, "TTL field")
            .define(SEND_KEY, Type.BOOLEAN, true, Importance.LOW,
                    "Store the user key with the record (otherwise only its digest is stored).",
                    GROUP, 8, Width.SHORT, "Send key")
            .define(DELETE_ON_TOMBSTONE, Type.BOOLEAN, true, Importance.MEDIUM,
                    "A record with a null value (a tombstone) deletes the Aerospike record whose key is the Kafka "
                            + "record key (a primitive, or a struct/map holding key.field). When false, tombstones are skipped.",
                    GROUP, 9, Width.SHORT, "Delete on tombstone")
            .define(DURABLE_DELETE, Type.BOOLEAN, false, Importance.LOW,
                    "Leave a tombstone on delete (Aerospike Enterprise) so deleted records cannot come back.",
                    GROUP, 10, Width.SHORT, "Durable delete")
            .define(VALUE_FORMAT, Type.STRING, "auto", EnumValidator.of(ValueFormat.class), Importance.HIGH,
                    "auto: a Struct or schemaless Map from any converter; fixed: packed rows described by "
                            + "value.layout (ByteArrayConverter); npy: .npy payloads whose header carries the layout; "
                            + "avro: Avro binary decoded by the connector (ByteArrayConverter), framed as "
                            + "value.avro.encoding says.",
                    GROUP, 11, Width.SHORT, "Value format", EnumValidator.of(ValueFormat.class))
            .define(VALUE_LAYOUT, Type.STRING, "", Importance.HIGH,
                    "Row layout for value.format=fixed (and an optional check for npy): compact "
                            + "'_key:<i4, temperature:<f8' or numpy's dtype.descr as JSON.",
                    GROUP, 12, Width.LONG, "Value layout")
            .define(LAYOUT_BYTES_AS, Type.STRING, "string", EnumValidator.of(BytesAs.class), Importance.LOW,
                    "How S<n> fields are written: 'string' (trailing NULs removed) or 'blob'.",
                    GROUP, 13, Width.SHORT, "Layout bytes as", EnumValidator.of(BytesAs.class))
            .define(LAYOUT_SUBARRAY_AS, Type.STRING, "blob", EnumValidator.of(SubarrayAs.class), Importance.LOW,
                    "How subarray fields are written: 'blob' (raw bytes) or 'list' (of numbers).",
                    GROUP, 14, Width.SHORT, "Layout subarrays as", EnumValidator.of(SubarrayAs.class))
            .define(WRITE_FENCE, Type.STRING, "none", EnumValidator.of(WriteFence.class), Importance.MEDIUM,
                    "What makes a write stale, so that Aerospike drops it and a replay never overwrites newer data: "
                            + "none (the last write to arrive wins); offset (a write is applied only if no write of "
                            + "its topic-partition with an equal or later offset has been); field (a write is applied "
                            + "only if its write.fence.field value is greater than the stored one). The check is a "
                            + "filter expression that goes in the same batch call as the write: no extra round trip.",
                    GROUP, 15, Width.SHORT, "Write fence", EnumValidator.of(WriteFence.class))
            .define(WRITE_FENCE_FIELD, Type.STRING, "", Importance.MEDIUM,
                    "For write.fence=field: the value field (an integer, e.g. an event time or a version; "
                            + "'_'-prefixed fields allowed) whose value must grow for a write to be applied.",
                    GROUP, 16, Width.SHORT, "Write fence field")
            .define(WRITE_FENCE_BIN, Type.STRING, "_fence", new BinNameValidator(), Importance.LOW,
                    "Bin that holds the fence: for offset, a map of topic-partition to the last offset applied; "
                            + "for field, the last value applied.",
                    GROUP, 17, Width.SHORT, "Write fence bin")
            .define(WRITE_FENCE_TOMBSTONE_TTL, Type.INT, 604_800, ConfigDef.Range.atLeast(-1), Importance.LOW,
                    "With a write fence, a tombstone does not delete the record: it leaves only the fence bin, so "
                            + "that a replayed older write cannot bring the record back. This is that record's TTL "
                            + "(seconds; -1 never expires); make it longer than a replay can reach back, e.g. the "
                            + "topic's retention.",
                    GROUP, 18, Width.SHORT, "Fence tombstone TTL (s)")
            .define(VALUE_AVRO_ENCODING, Type.STRING, "confluent", EnumValidator.of(AvroEncoding.class),
                    Importance.MEDIUM,
                    "For value.format=avro: confluent (magic byte 0 and a 4-byte schema id, the writer schema "
                            + "fetched from value.schema.registry.url); single_object (Avro's C3 01 header and the "
                            + "schema fingerprint, which must be value.avro.schema's); binary (the bare Avro body, "
                            + "written with value.avro.schema).",
                    GROUP, 19, Width.SHORT, "Avro encoding", EnumValidator.of(AvroEncoding.class))
            .define(VALUE_AVRO_SCHEMA, Type.STRING, "", Importance.MEDIUM,
                    "For value.avro.encoding=single_object or binary: the writer schema, as Avro schema JSON "
                            + "(a record).",
                    GROUP, 20, Width.LONG, "Avro writer schema");

    private final String namespace;
    private final String setName;
    private final String keyField;
    private final KeySource keySource;
    private final WriteAction writeAction;
    private final int ttlSeconds;
    private final String ttlField;
    private final boolean sendKey;
    private final boolean deleteOnTombstone;
    private final boolean durableDelete;
    private final ValueFormat valueFormat;
    private final String valueLayout;
    private final boolean layoutBytesAsBlob;
    private final boolean layoutSubarrayAsList;
    private final WriteFence writeFence;
    private final String fenceField;
    private final String fenceBin;
    private final int fenceTombstoneTtl;
    private final AvroEncoding avroEncoding;
    private final String avroSchema;

    /** Parses the settings in force for {@code topic}, whose name {@code ${topic}} expands to. */
    public MappingConfig(Map<String, String> props, String topic) {
        AbstractConfig config = new AbstractConfig(DEF, props, false);
        this.namespace = config.getString(NAMESPACE).trim();
        String set = config.getString(SET).replace(TOPIC_PLACEHOLDER, topic).trim();
        this.setName = set.isEmpty() ? null : set;
        this.keyField = config.getString(KEY_FIELD).trim();
        this.keySource = EnumValidator.parse(KeySource.class, config.getString(KEY_SOURCE));
        this.writeAction = EnumValidator.parse(WriteAction.class, config.getString(WRITE_ACTION));
        this.ttlSeconds = config.getInt(TTL_SECONDS);
        String ttl = config.getString(TTL_FIELD).trim();
        this.ttlField = ttl.isEmpty() ? null : ttl;
        this.sendKey = config.getBoolean(SEND_KEY);
        this.deleteOnTombstone = config.getBoolean(DELETE_ON_TOMBSTONE);
        this.durableDelete = config.getBoolean(DURABLE_DELETE);
        this.valueFormat = EnumValidator.parse(ValueFormat.class, config.getString(VALUE_FORMAT));
        this.valueLayout = config.getString(VALUE_LAYOUT).trim();
        this.layoutBytesAsBlob = EnumValidator.parse(BytesAs.class, config.getString(LAYOUT_BYTES_AS)) == BytesAs.BLOB;
        this.layoutSubarrayAsList =
                EnumValidator.parse(SubarrayAs.class, config.getString(LAYOUT_SUBARRAY_AS)) == SubarrayAs.LIST;
        this.writeFence = EnumValidator.parse(WriteFence.class, config.getString(WRITE_FENCE));
        String field = config.getString(WRITE_FENCE_FIELD).trim();
        this.fenceField = field.isEmpty() ? null : field;
        this.fenceBin = config.getString(WRITE_FENCE_BIN).trim();
        this.fenceTombstoneTtl = config.getInt(WRITE_FENCE_TOMBSTONE_TTL);
        this.avroEncoding = EnumValidator.parse(AvroEncoding.class, config.getString(VALUE_AVRO_ENCODING));
        this.avroSchema = config.getString(VALUE_AVRO_SCHEMA).trim();
    }

    public String namespace() {
        return namespace;
    }

    /** The set name, or null for records without a set. */
    public String setName() {
        return setName;
    }

    public String keyField() {
        return keyField;
    }

    public KeySource keySource() {
        return keySource;
    }

    public WriteAction writeAction() {
        return writeAction;
    }

    public int ttlSeconds() {
        return ttlSeconds;
    }

    /** The TTL field, or null when none is configured. */
    public String ttlField() {
        return ttlField;
    }

    public boolean sendKey() {
        return sendKey;
    }

    public boolean deleteOnTombstone() {
        return deleteOnTombstone;
    }

    public boolean durableDelete() {
        return durableDelete;
    }

    public ValueFormat valueFormat() {
        return valueFormat;
    }

    /** The configured layout text, empty when none. */
    public String valueLayout() {
        return valueLayout;
    }

    public boolean layoutBytesAsBlob() {
        return layoutBytesAsBlob;
    }

    public boolean layoutSubarrayAsList() {
        return layoutSubarrayAsList;
    }

    public WriteFence writeFence() {
        return writeFence;
    }

    /** The fence field for write.fence=field, or null. */
    public String fenceField() {
        return fenceField;
    }

    public String fenceBin() {
        return fenceBin;
    }

    public int fenceTombstoneTtl() {
        return fenceTombstoneTtl;
    }

    public AvroEncoding avroEncoding() {
        return avroEncoding;
    }

    /** The configured Avro writer schema text, empty when none. */
    public String avroSchema() {
        return avroSchema;
    }
}
