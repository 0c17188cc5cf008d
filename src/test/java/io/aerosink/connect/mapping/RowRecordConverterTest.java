package io.aerosink.connect.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;

import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.Puts;

class RowRecordConverterTest {

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

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = RowRecordConverterTest.class.getResourceAsStream("/numpy/" + name)) {
            return in.readAllBytes();
        }
    }

    private void convert(RecordConverter converter, byte[] payload) {
        SinkRecord record = new SinkRecord("sensors", 0, null, null, Schema.BYTES_SCHEMA, payload, 0);
        converter.convert(record, sink);
    }

    @Test
    void npyPayloadFromNumpyBecomesOneWritePerRow() throws IOException {
        convert(converter(MappingConfig.VALUE_FORMAT, "npy"), fixture("sensor_v1.npy"));
        assertEquals(6, writes.size());
        assertEquals(new Key("test", "sensors", -2147483648L), writes.get(0).key());
        assertEquals(new Key("test", "sensors", 2147483647L), writes.get(1).key());
        assertTrue(failures.isEmpty());
    }

    @Test
    void npyVersionTwoReadsTheSame() throws IOException {
        convert(converter(MappingConfig.VALUE_FORMAT, "npy"), fixture("sensor_v2.npy"));
        assertEquals(6, writes.size());
    }

    @Test
    void npyHeaderMustMatchAConfiguredLayout() {
        RecordConverter converter = converter(MappingConfig.VALUE_FORMAT, "npy", MappingConfig.VALUE_LAYOUT, "_key:<i4, v:<f8");
        MappingException e = assertThrows(MappingException.class, () -> convert(converter, fixture("sensor_v1.npy")));
        assertTrue(e.getMessage().contains("does not match value.layout"), e.getMessage());
    }

    @Test
    void corruptNpyHeaderFailsTheMessageWithAClearError() throws IOException {
        byte[] payload = fixture("sensor_v1.npy");
        payload[1] = 'X';
        MappingException e = assertThrows(MappingException.class, () -> convert(converter(MappingConfig.VALUE_FORMAT, "npy"), payload));
        assertTrue(e.getMessage().toLowerCase().contains("npy"), e.getMessage());
        assertTrue(writes.isEmpty());
    }

    @Test
    void packedRowsFromNumpyTobytes() throws IOException {
        String descr = new String(fixture("sensor.descr.json"), StandardCharsets.UTF_8).trim();
        convert(converter(MappingConfig.VALUE_FORMAT, "fixed", MappingConfig.VALUE_LAYOUT, descr), fixture("sensor.bin"));
        assertEquals(6, writes.size());
        assertEquals("ABCDEFGH", Puts.bins(writes.get(1).puts())[List.of(Puts.bins(writes.get(1).puts())).stream().map(b -> b.name).toList().indexOf("code")]
                .value.getObject());
    }

    @Test
    void rowsOfNumbersDecodeWhenSentAndGiveTheBinsTheirBytesHold() {
        byte[] payload = ByteBuffer.allocate(26).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(7).putDouble(21.5).put((byte) 1).putInt(8).putDouble(-3.25).put((byte) 0).array();
        convert(converter(MappingConfig.VALUE_FORMAT, "fixed", MappingConfig.VALUE_LAYOUT,
                "_key:<i4, temperature:<f8, status:u1"), payload);
        assertEquals(2, writes.size());
        assertTrue(writes.get(0).decodesOnSend());
        assertEquals(List.of("temperature", "status"), List.of(writes.get(1).binName(0), writes.get(1).binName(1)));
        assertEquals(List.of(new Bin("temperature", -3.25), new Bin("status", 0L)),
                List.of(Puts.bins(writes.get(1).puts())));
        assertEquals(new Key("test", "sensors", 8L), writes.get(1).key());
    }

    @Test
    void rowsWithTextDecodeAtOnce() {
        byte[] payload = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(7).put("abc".getBytes(StandardCharsets.UTF_8)).put((byte) 0).array();
        convert(converter(MappingConfig.VALUE_FORMAT, "fixed", MappingConfig.VALUE_LAYOUT, "_key:<i4, code:S4"), payload);
        assertEquals(1, writes.size());
        assertFalse(writes.get(0).decodesOnSend());
        assertEquals("abc", Puts.bins(writes.get(0).puts())[0].value.getObject());
    }

    /**
     * A message of more rows than a vector of digests has lanes, two of them with keys no integer bin can hold: those
     * two fail alone with their own bytes, and every other row is written, in row order, under the client's key.
     */
    @Test
    void rowsThatFailToDecodeFailAloneAmongRowsWhoseKeysAreDigestedTogether() {
        int rows = 40;
        ByteBuffer payload = ByteBuffer.allocate(rows * 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int row = 0; row < rows; row++) {
            payload.putLong(row == 3 || row == 37 ? -1L : 1_000L + row).putDouble(row / 4.0);
        }
        convert(converter(MappingConfig.VALUE_FORMAT, "fixed", MappingConfig.VALUE_LAYOUT, "_key:<u8, temperature:<f8"),
                payload.array());

        assertEquals(List.of(3, 37), failures.stream().map(KeyFailure::rowIndex).toList());
        for (KeyFailure failure : failures) {
            byte[] expected = new byte[16];
            System.arraycopy(payload.array(), failure.rowIndex() * 16, expected, 0, 16);
            assertArrayEquals(expected, failure.rowBytes());
        }
        assertEquals(rows - 2, writes.size());
        int written = 0;
        for (int row = 0; row < rows; row++) {
            if (row == 3 || row == 37) {
                continue;
            }
            KeyWrite write = writes.get(written++);
            assertEquals(row, write.rowIndex());
            assertEquals(new Key("test", "sensors", 1_000L + row), write.key());
            assertArrayEquals(new Key("test", "sensors", 1_000L + row).digest, write.key().digest);
            assertEquals(List.of(new Bin("temperature", row / 4.0)), List.of(Puts.bins(write.puts())));
        }
    }
}
