package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvroSensorEncoderTest {

    private static final Schema SCHEMA = new Schema.Parser().parse(AvroSensorEncoder.SCHEMA);

    @Test
    void bodyDecodesWithTheWriterSchema() throws Exception {
        SensorRow row = new SensorRow(-123456, 21.75, 48.5f, 1013.25f, 200);

        GenericRecord decoded = decode(AvroSensorEncoder.body(row));

        assertEquals(-123456, decoded.get("_key"));
        assertEquals(21.75, decoded.get("temperature"));
        assertEquals(48.5f, decoded.get("humidity"));
        assertEquals(1013.25f, decoded.get("pressure"));
        assertEquals(200, decoded.get("status"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, -1, 63, -64, 64, 8191, -8193, Integer.MAX_VALUE, Integer.MIN_VALUE})
    void intsMatchAvrosOwnEncoding(int key) throws Exception {
        SensorRow row = new SensorRow(key, Double.NaN, Float.MIN_VALUE, -0.0f, key & 0xFF);

        assertArrayEquals(avroEncoded(row), AvroSensorEncoder.body(row));
    }

    @Test
    void confluentFramingIsMagicThenBigEndianIdThenBody() {
        SensorRow row = new SensorRow(7, 1.0, 2.0f, 3.0f, 1);
        byte[] body = AvroSensorEncoder.body(row);

        byte[] framed = new ConfluentFraming(0x01020304, new AvroSensorEncoder()).encode(List.of(row));

        assertArrayEquals(new byte[] {0x00, 0x01, 0x02, 0x03, 0x04}, Arrays.copyOf(framed, 5));
        assertArrayEquals(body, Arrays.copyOfRange(framed, 5, framed.length));
        assertEquals(0x01020304, ByteBuffer.wrap(framed, 1, 4).getInt());
    }

    @Test
    void refusesMoreThanOneRowPerMessage() {
        SensorRow row = new SensorRow(1, 1, 1, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> new AvroSensorEncoder().encode(List.of(row, row)));
    }

    private static GenericRecord decode(byte[] body) throws Exception {
        return new GenericDatumReader<GenericRecord>(SCHEMA).read(null, DecoderFactory.get().binaryDecoder(body, null));
    }

    private static byte[] avroEncoded(SensorRow row) throws Exception {
        GenericRecord record = new org.apache.avro.generic.GenericData.Record(SCHEMA);
        record.put("_key", row.key());
        record.put("temperature", row.temperature());
        record.put("humidity", row.humidity());
        record.put("pressure", row.pressure());
        record.put("status", row.status());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(SCHEMA).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }
}
