package io.aerosink.connect.tools;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes rows as a complete .npy (format 1.0) file, one 1-D structured array per message. */
public final class NpyPayloadEncoder implements MessageEncoder {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int PREAMBLE_BYTES = MAGIC.length + 2 + 2;
    // numpy pads the header so the data starts on a 64-byte boundary; readers that mmap rely on it.
    private static final int ALIGNMENT = 64;

    @Override
    public byte[] encode(List<SensorRow> rows) {
        byte[] header = header(rows.size());
        ByteBuffer buffer = ByteBuffer.allocate(PREAMBLE_BYTES + header.length + rows.size() * SensorRow.PACKED_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) header.length).put(header);
        for (SensorRow row : rows) {
            FixedRowEncoder.put(buffer, row);
        }
        return buffer.array();
    }

    static byte[] header(int rowCount) {
        String dict = "{'descr': " + SensorRow.NPY_DESCR + ", 'fortran_order': False, 'shape': (" + rowCount + ",), }";
        int unpadded = PREAMBLE_BYTES + dict.length() + 1;
        int padding = (ALIGNMENT - unpadded % ALIGNMENT) % ALIGNMENT;
        return (dict + " ".repeat(padding) + "\n").getBytes(StandardCharsets.US_ASCII);
    }
}
