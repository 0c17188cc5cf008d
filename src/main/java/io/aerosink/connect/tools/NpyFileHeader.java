package io.aerosink.connect.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What streaming a .npy file needs from its header: where the data starts, how many rows (first axis) it
 * holds and how many bytes one row takes. Field names and types are the connector's business
 * ({@code value.layout}), so this only sizes the dtype; {@code descrJson} is the dtype as the JSON form of
 * numpy's {@code dtype.descr}, which {@code value.layout} accepts as it is.
 */
public record NpyFileHeader(long dataOffset, long rowCount, int rowBytes, String descrJson) {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern TYPESTR = Pattern.compile("[<>|=]?([a-zA-Z?])(\\d+)(\\[\\w+])?");

    public static NpyFileHeader read(FileChannel channel) throws IOException {
        ByteBuffer preamble = readFully(channel, 0, 12);
        byte[] magic = new byte[MAGIC.length];
        preamble.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException("not a .npy file (bad magic)");
        }
        int major = preamble.get() & 0xFF;
        preamble.get();
        long headerLength;
        int lengthBytes;
        if (major == 1) {
            headerLength = preamble.getShort() & 0xFFFF;
            lengthBytes = 2;
        } else if (major == 2 || major == 3) {
            headerLength = preamble.getInt() & 0xFFFFFFFFL;
            lengthBytes = 4;
        } else {
            throw new IOException("unsupported .npy format version " + major);
        }
        long dataOffset = MAGIC.length + 2 + lengthBytes + headerLength;
        ByteBuffer header = readFully(channel, MAGIC.length + 2 + lengthBytes, (int) headerLength);
        String text = (major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).decode(header).toString();
        NpyFileHeader parsed = parse(text, dataOffset);
        long needed = dataOffset + parsed.rowCount * parsed.rowBytes;
        if (channel.size() < needed) {
            throw new IOException(".npy file is truncated: header promises " + needed + " bytes, file has "
                    + channel.size());
        }
        return parsed;
    }

    static NpyFileHeader parse(String headerText, long dataOffset) {
        if (!(PythonLiteral.parse(headerText) instanceof Map<?, ?> dict)) {
            throw new IllegalArgumentException(".npy header is not a dict: " + headerText.strip());
        }
        Object descr = dict.get("descr");
        if (!(dict.get("shape") instanceof List<?> shape)) {
            throw new IllegalArgumentException(".npy header has no shape tuple: " + headerText.strip());
        }
        long cellsPerRow = 1;
        for (int axis = 1; axis < shape.size(); axis++) {
            cellsPerRow *= (Long) shape.get(axis);
        }
        if (shape.size() > 1 && Boolean.TRUE.equals(dict.get("fortran_order"))) {
            throw new IllegalArgumentException("a Fortran-ordered array's rows are not contiguous; save it C-ordered");
        }
        long rowCount = shape.isEmpty() ? 1 : (Long) shape.get(0);
        long rowBytes = itemSize(descr) * cellsPerRow;
        if (rowBytes <= 0 || rowBytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("unusable row size " + rowBytes + " for descr " + descr);
        }
        return new NpyFileHeader(dataOffset, rowCount, (int) rowBytes, json(descr));
    }

    /** Bytes of one element of a dtype given as numpy's {@code dtype.descr} (type string or field list). */
    static long itemSize(Object descr) {
        if (descr instanceof String typestr) {
            Matcher matcher = TYPESTR.matcher(typestr);
            if (!matcher.matches()) {
                throw new IllegalArgumentException("unknown numpy type string '" + typestr + "'");
            }
            long size = Long.parseLong(matcher.group(2));
            // numpy counts 'U' in characters of UCS-4.
            return matcher.group(1).equals("U") ? size * 4 : size;
        }
        if (descr instanceof List<?> fields) {
            long total = 0;
            for (Object field : fields) {
                total += fieldSize(field);
            }
            return total;
        }
        throw new IllegalArgumentException("unknown numpy descr " + descr);
    }

    private static long fieldSize(Object field) {
        if (!(field instanceof List<?> parts) || parts.size() < 2) {
            throw new IllegalArgumentException("malformed field in descr: " + field);
        }
        long size = itemSize(parts.get(1));
        if (parts.size() > 2) {
            for (Object dim : (List<?>) parts.get(2)) {
                size *= (Long) dim;
            }
        }
        return size;
    }

    private static String json(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(NpyFileHeader::json).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return String.valueOf(value);
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException(".npy file ends inside its header");
            }
        }
        return buffer.flip();
    }
}
