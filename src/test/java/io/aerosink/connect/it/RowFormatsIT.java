package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.aerosink.connect.testserver.Fault;
import io.aerosink.connect.testserver.StoredRecord;

/**
 * Item 7: byte-array values of packed rows. With value.format=fixed and the sensor layout every row of a
 * multi-row message becomes a record keyed by its _key, and a refused row goes to the DLQ alone, as its own
 * 21 bytes; with value.format=npy (config/aerospike-sink-npy.json) the layout comes from each message's .npy header.
 */
class RowFormatsIT extends ConnectTestBase {

    @Test
    void fixedLayoutRowsBecomeRecordsAndARefusedRowIsDeadLetteredAlone() throws Exception {
        String name = "fixed-rows";
        String topic = "sensors_fixed";
        String dlq = "sensors_fixed_dlq";
        int messages = 4;
        int rowsPerMessage = 25;
        int refusedKey = 1042;
        createTopic(topic, 1);
        createTopic(dlq, 1);
        ObjectNode request = exampleRequest("aerospike-sink-fixed-layout.json", name, topic, dlq);
        assertEquals(SensorRows.LAYOUT, request.get("config").get("value.layout").asText(), "the example's layout");
        String namespace = request.get("config").get("aerospike.namespace").asText();
        aerospike.inject(Fault.resultCode(13).forKey(namespace, topic, (long) refusedKey));
        postConnector(request);

        List<byte[]> payloads = new ArrayList<>();
        List<RecordMetadata> sent = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            int first = 1000 + m * rowsPerMessage;
            byte[] payload = SensorRows.rows(IntStream.range(first, first + rowsPerMessage).toArray());
            payloads.add(payload);
            sent.add(produce(topic, "batch-" + m, payload));
        }
        int rows = messages * rowsPerMessage;
        Await.until(Duration.ofSeconds(30), (rows - 1) + " rows in Aerospike", () -> written(namespace, topic) == rows - 1,
                () -> written(namespace, topic) + " rows written");
        awaitOffsetsCommittedToEnd(name, topic, 1);

        for (int key = 1000; key < 1000 + rows; key++) {
            StoredRecord record = aerospike.get(namespace, topic, (long) key);
            if (key == refusedKey) {
                assertNull(record, "the refused row is not written");
                continue;
            }
            assertEquals(Map.of("temperature", SensorRows.temperature(key),
                    "humidity", (double) SensorRows.humidity(key),
                    "pressure", (double) SensorRows.pressure(key),
                    "status", (long) SensorRows.status(key)), record.bins(), "row " + key);
            assertEquals((long) key, record.userKey());
        }

        List<ConsumerRecord<byte[], byte[]>> dead = readAll(dlq);
        assertEquals(1, dead.size(), "one refused row, one DLQ message");
        ConsumerRecord<byte[], byte[]> letter = dead.get(0);
        int message = (refusedKey - 1000) / rowsPerMessage;
        int index = (refusedKey - 1000) % rowsPerMessage;
        assertArrayEquals(SensorRows.row(payloads.get(message), index), letter.value(), "the row's own 21 bytes");
        assertEquals(SensorRows.ROW_BYTES, letter.value().length);
        assertEquals(refusedKey, ByteBuffer.wrap(letter.value()).order(ByteOrder.LITTLE_ENDIAN).getInt());
        assertEquals(String.valueOf(index), header(letter, "aerosink.row.index"));
        assertEquals("13", header(letter, "aerosink.error.result.code"));
        assertEquals("RECORD_TOO_BIG", header(letter, "aerosink.error.result.name"));
        assertEquals(String.valueOf(refusedKey), header(letter, "aerosink.key"));
        assertEquals(topic, header(letter, "aerosink.original.topic"));
        assertEquals(String.valueOf(sent.get(message).offset()), header(letter, "aerosink.original.offset"));
        assertEquals("batch-" + message, new String(letter.key(), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("RUNNING", taskState(name).state());
    }

    @Test
    void npyPayloadsCarryTheirOwnLayout() {
        String name = "npy-rows";
        String topic = "sensors_npy";
        String dlq = "sensors_npy_dlq";
        createTopic(topic, 1);
        createTopic(dlq, 1);
        ObjectNode request = exampleRequest("aerospike-sink-npy.json", name, topic, dlq);
        assertEquals("npy", request.get("config").get("value.format").asText(), "the example's format");
        String namespace = request.get("config").get("aerospike.namespace").asText();
        postConnector(request);

        String descr = "[('_key', '<i4'), ('temperature', '<f8')]";
        ByteBuffer rows = ByteBuffer.allocate(3 * 12).order(ByteOrder.LITTLE_ENDIAN);
        rows.putInt(7).putDouble(20.25).putInt(8).putDouble(-1.5).putInt(9).putDouble(1e10);
        byte[] npy = SensorRows.npy(descr, 3, rows.array());
        assertEquals(0, (npy.length - 36) % 64, "the data starts at a multiple of 64 bytes");
        produce(topic, "npy-1", npy);

        Map<Long, Double> expected = Map.of(7L, 20.25, 8L, -1.5, 9L, 1e10);
        expected.forEach((key, temperature) -> {
            StoredRecord record = Await.value(Duration.ofSeconds(30), "npy row " + key,
                    () -> aerospike.get(namespace, topic, key));
            assertEquals(Map.of("temperature", temperature), record.bins(), "_key is the user key, not a bin");
            assertEquals(key, record.userKey());
        });
        awaitOffsetsCommittedToEnd(name, topic, 1);
    }

    private int written(String namespace, String topic) {
        return (int) aerospike.records(namespace).stream().filter(r -> topic.equals(r.setName())).count();
    }
}
