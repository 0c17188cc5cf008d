package io.aerosink.connect.avro;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;

/** Avro values as producers put them on the wire, written by Avro's own encoder. */
public final class AvroPayloads {

    private AvroPayloads() {
    }

    /** The bare Avro body. */
    public static byte[] binary(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Magic byte 0, the 4-byte big-endian schema id, the body. */
    public static byte[] confluent(int schemaId, GenericRecord record) {
        byte[] body = binary(record);
        return ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(schemaId).put(body).array();
    }

    /** Avro's single-object encoding (C3 01, the schema fingerprint, the body), by Avro's own message encoder. */
    public static byte[] singleObject(GenericRecord record) {
        try {
            ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), record.getSchema())
                    .encode(record);
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }
}
