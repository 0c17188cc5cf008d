package io.aerosink.connect.layout;

import com.aerospike.client.Value;

/** Reads one field's value out of a row; made once per field so that decoding only reads bytes. */
interface FieldReader {

    /** The value of the field whose first byte is {@code buf[at]}. */
    Value read(byte[] buf, int at);
}
