package io.aerosink.connect.tools;

/**
 * One reading of the standard sensor layout {@code _key:<i4, temperature:<f8, humidity:<f4, pressure:<f4, status:u1}.
 * {@code status} holds the unsigned byte as 0..255.
 */
public record SensorRow(int key, double temperature, float humidity, float pressure, int status) {

    /** Packed size in bytes: 4 + 8 + 4 + 4 + 1. */
    public static final int PACKED_BYTES = 21;

    /** The layout string the connector's {@code value.layout} accepts for these rows. */
    public static final String LAYOUT = "_key:<i4, temperature:<f8, humidity:<f4, pressure:<f4, status:u1";

    /** The same layout as numpy's {@code dtype.descr}, as written in a .npy header. */
    public static final String NPY_DESCR =
            "[('_key', '<i4'), ('temperature', '<f8'), ('humidity', '<f4'), ('pressure', '<f4'), ('status', '|u1')]";
}
