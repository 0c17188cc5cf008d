package io.aerosink.connect.bench;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.sink.SinkRecord;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;

/**
 * The sensor rows of every run, as a pure function of the key: packed fixed-layout bytes, Connect Structs, and the
 * bins Aerospike ends up with (which the raw and naive runs send directly). All three give the same record.
 */
final class SensorRows {

    static final String LAYOUT = "_key:<i4, temperature:<f8, humidity:<f4, pressure:<f4, status:u1";
    static final int ROW_BYTES = 21;
    static final Schema SCHEMA = SchemaBuilder.struct().name("io.aerosink.bench.Sensor")
            .field("_key", Schema.INT32_SCHEMA)
            .field("temperature", Schema.FLOAT64_SCHEMA)
            .field("humidity", Schema.FLOAT32_SCHEMA)
            .field("pressure", Schema.FLOAT32_SCHEMA)
            .field("status", Schema.INT16_SCHEMA)
            .build();

    private static final JsonConverter JSON_WITH_SCHEMA = new JsonConverter();

    static {
        JSON_WITH_SCHEMA.configure(Map.of("schemas.enable", "true"), false);
    }

    private SensorRows() {
    }

    static double temperature(int key) {
        return 15.0 + (key % 1000) * 0.015;
    }

    static float humidity(int key) {
        return 30.0f + (key % 61);
    }

    static float pressure(int key) {
        return 990.0f + (key % 47) * 0.5f;
    }

    static int status(int key) {
        return key % 97 == 0 ? 2 : key % 13 == 0 ? 1 : 0;
    }

    /** {@code rows} packed rows with keys {@code firstKey, firstKey + 1, ...}, little-endian, no padding. */
    static byte[] packed(int firstKey, int rows) {
        ByteBuffer buffer = ByteBuffer.allocate(rows * ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int k = firstKey; k < firstKey + rows; k++) {
            buffer.putInt(k).putDouble(temperature(k)).putFloat(humidity(k)).putFloat(pressure(k)).put((byte) status(k));
        }
        return buffer.array();
    }

    /**
     * Rows with sequence numbers {@code firstSeq, firstSeq + 1, ...} for the end-to-end runs: row {@code seq} writes key
     * {@code seq} ({@code keys == 0}) or {@code seq % keys} (a fixed set of sensors updated over and over), and its
     * {@code temperature} is the sequence number itself (exact in a double), so that a stored record tells which
     * row it came from.
     */
    static byte[] sequenced(int firstSeq, int rows, int keys) {
        ByteBuffer buffer = ByteBuffer.allocate(rows * ROW_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int seq = firstSeq; seq < firstSeq + rows; seq++) {
            int k = keys == 0 ? seq : seq % keys;
            buffer.putInt(k).putDouble(seq).putFloat(humidity(k)).putFloat(pressure(k)).put((byte) status(k));
        }
        return buffer.array();
    }

    static Struct struct(int key) {
        return new Struct(SCHEMA).put("_key", key).put("temperature", temperature(key)).put("humidity", humidity(key))
                .put("pressure", pressure(key)).put("status", (short) status(key));
    }

    /** A Struct as JsonConverter writes it with schemas.enable=true: every message carries the schema and the payload. */
    static byte[] jsonWithSchema(String topic, Struct struct) {
        return JSON_WITH_SCHEMA.fromConnectData(topic, struct.schema(), struct);
    }

    /** The bins the connector writes for a row: floats widen to doubles, integers to longs, {@code _key} is no bin. */
    static Bin[] bins(int key) {
        return new Bin[] {
            new Bin("temperature", temperature(key)),
            new Bin("humidity", (double) humidity(key)),
            new Bin("pressure", (double) pressure(key)),
            new Bin("status", (long) status(key)),
        };
    }

    static Key key(String namespace, String set, int key) {
        return new Key(namespace, set, (long) key);
    }

    /** The operations writing a row's bins. */
    static Operation[] operations(int key) {
        Bin[] bins = bins(key);
        Operation[] ops = new Operation[bins.length];
        for (int i = 0; i < bins.length; i++) {
            ops[i] = Operation.put(bins[i]);
        }
        return ops;
    }

    /** How records reach the task: message m goes to partition m % partitions at offset m / partitions. */
    static SinkRecord record(String topic, int partitions, int message, Schema valueSchema, Object value) {
        return new SinkRecord(topic, message % partitions, null, null, valueSchema, value, message / partitions);
    }

    /** Keys 0..rows-1 packed {@code rowsPerMessage} to a message. */
    static List<SinkRecord> fixedRecords(String topic, int partitions, int rows, int rowsPerMessage) {
        List<SinkRecord> records = new ArrayList<>(rows / rowsPerMessage);
        for (int m = 0; m * rowsPerMessage < rows; m++) {
            records.add(record(topic, partitions, m, Schema.OPTIONAL_BYTES_SCHEMA, packed(m * rowsPerMessage, rowsPerMessage)));
        }
        return records;
    }

    /** Keys 0..rows-1 as one Struct per message, as the Avro or JSON converter hands them over. */
    static List<SinkRecord> structRecords(String topic, int partitions, int rows) {
        List<SinkRecord> records = new ArrayList<>(rows);
        for (int m = 0; m < rows; m++) {
            records.add(record(topic, partitions, m, SCHEMA, struct(m)));
        }
        return records;
    }
}
