package io.aerosink.connect.layout;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds {@code .npy} payloads byte by byte, as NumPy lays them out, for tests. */
final class NpyBytes {

    private NpyBytes() {
    }

    static byte[] of(int major, String header, byte[] data) {
        byte[] text = header.getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x93);
        out.writeBytes("NUMPY".getBytes(StandardCharsets.US_ASCII));
        out.write(major);
        out.write(0);
        out.write(text.length & 0xff);
        out.write((text.length >>> 8) & 0xff);
        if (major != 1) {
            out.write((text.length >>> 16) & 0xff);
            out.write((text.length >>> 24) & 0xff);
        }
        out.writeBytes(text);
        out.writeBytes(data);
        return out.toByteArray();
    }

    static String header(String descr, boolean fortranOrder, String shape) {
        return "{'descr': " + descr + ", 'fortran_order': " + (fortranOrder ? "True" : "False")
                + ", 'shape': " + shape + ", }" + " ".repeat(7) + "\n";
    }
}
