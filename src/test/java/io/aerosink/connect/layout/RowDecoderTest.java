package io.aerosink.connect.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Value;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.aerosink.connect.Puts;

class RowDecoderTest {

    private static final String SENSOR = "_key:<i4, temperature:<f8, humidity:<f4, pressure:<f4, status:u1";

    private static RowDecoder decoder(String layout) {
        return new RowDecoder(RowLayout.parse(layout));
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    /** The value of the only bin of a one-bin row. */
    private static Object only(RowDecoder decoder, byte[] row) {
        Bin[] bins = Puts.bins(decoder.puts(row, 0));
        assertEquals(1, bins.length);
        return bins[0].value.getObject();
    }

    @Test
    void decodesTheSensorLayout() {
        ByteBuffer buf = ByteBuffer.allocate(42).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(17).putDouble(21.5).putFloat(0.25f).putFloat(1013.25f).put((byte) 200);
        buf.putInt(-3).putDouble(-1.0).putFloat(1f).putFloat(2f).put((byte) 1);
        byte[] payload = buf.array();
        RowDecoder decoder = decoder(SENSOR);

        assertEquals(2, decoder.rowCount(payload.length));
        assertEquals(List.of("temperature", "humidity", "pressure", "status"), decoder.binNames());
        assertEquals(Value.get(17L), decoder.key(payload, 0));
        assertEquals(Value.get(-3L), decoder.key(payload, 21));
        Bin[] bins = Puts.bins(decoder.puts(payload, 0));
        assertArrayEquals(new Bin[] {new Bin("temperature", 21.5), new Bin("humidity", 0.25),
            new Bin("pressure", 1013.25), new Bin("status", 200L)}, bins);
        assertEquals(new Bin("status", 1L), Puts.bins(decoder.puts(payload, 21))[3]);
        assertEquals(new Key("test", "sensors", 17L), new Key("test", "sensors", decoder.key(payload, 0)));
    }

    @ParameterizedTest
    @CsvSource({
        "i1, 80, -128",
        "|i1, 7f, 127",
        "u1, ff, 255",
        "<i2, 0080, -32768",
        ">i2, 8000, -32768",
        "<i2, ff7f, 32767",
        "<u2, ffff, 65535",
        ">u2, 0102, 258",
        "<u2, 0201, 258",
        "<i4, 00000080, -2147483648",
        ">i4, 80000000, -2147483648",
        ">i4, 00000102, 258",
        "<u4, ffffffff, 4294967295",
        ">u4, 80000001, 2147483649",
        "<i8, 0000000000000080, -9223372036854775808",
        ">i8, 7fffffffffffffff, 9223372036854775807",
        "<u8, ffffffffffffff7f, 9223372036854775807",
        ">u8, 0000000000000102, 258",
        "=i4, 02010000, 258",
        "i4, 02010000, 258",
    })
    void decodesIntegersToLongs(String type, String bytes, long expected) {
        assertEquals(expected, only(decoder("_key:u1, v:" + type), hex("00" + bytes)));
    }

    @ParameterizedTest
    @CsvSource({
        "<f2, 003c, 1.0",
        ">f2, 3c00, 1.0",
        "<f2, 0100, 5.9604644775390625E-8",
        ">f2, fbff, -65504.0",
        "<f2, 007c, Infinity",
        "<f4, 0000c03f, 1.5",
        ">f4, 3fc00000, 1.5",
        ">f4, 7f7fffff, 3.4028234663852886E38",
        "<f4, 01000000, 1.401298464324817E-45",
        "<f8, 000000000000f83f, 1.5",
        ">f8, 3ff8000000000000, 1.5",
        ">f8, fff0000000000000, -Infinity",
        "<f4, cdcccc3d, 0.10000000149011612",
    })
    void decodesFloatsToDoublesExactly(String type, String bytes, double expected) {
        assertEquals(expected, only(decoder("_key:u1, v:" + type), hex("00" + bytes)));
    }

    @Test
    void keepsNan() {
        assertTrue(Double.isNaN((Double) only(decoder("_key:u1, v:<f2"), hex("00 007e"))));
        assertTrue(Double.isNaN((Double) only(decoder("_key:u1, v:>f4"), hex("00 7fc00000"))));
        assertTrue(Double.isNaN((Double) only(decoder("_key:u1, v:<f8"), hex("00 000000000000f87f"))));
    }

    @Test
    void decodesBoolsAsAnyNonZeroByte() {
        RowDecoder decoder = decoder("_key:u1, v:b1");
        assertEquals(false, only(decoder, hex("00 00")));
        assertEquals(true, only(decoder, hex("00 01")));
        assertEquals(true, only(decoder, hex("00 ff")));
        assertEquals(true, only(decoder("_key:u1, v:?"), hex("00 02")));
    }

    @Test
    void refusesAnUnsigned64BitValueAerospikeCannotStore() {
        RowDecodeException e = assertThrows(RowDecodeException.class,
                () -> decoder("_key:u1, counter:<u8").puts(hex("00 ffffffffffffffff"), 0));
        assertEquals("field 'counter': u8 value 18446744073709551615 is above 9223372036854775807,"
                + " the largest integer Aerospike stores", e.getMessage());
        assertEquals("counter", e.fieldName());
        assertThrows(RowDecodeException.class,
                () -> decoder("_key:u1, counter:>u8").puts(hex("00 8000000000000000"), 0));
    }

    @Test
    void decodesBytesAsStringsWithoutTrailingNuls() {
        RowDecoder decoder = decoder("_key:u1, name:S8");
        assertEquals("abc", only(decoder, hex("00 6162630000000000")));
        assertEquals("a\0b", only(decoder, hex("00 6100620000000000")));
        assertEquals("", only(decoder, hex("00 0000000000000000")));
        assertEquals("12345678", only(decoder, "_12345678".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("café", only(decoder, hex("00 636166c3a9000000")));
    }

    @Test
    void decodesBytesAsBlobsWhenAsked() {
        RowDecoder decoder = new RowDecoder(RowLayout.parse("_key:u1, name:S4"), "_key", BytesAs.BLOB, SubarrayAs.BLOB);
        assertArrayEquals(hex("61620000"), (byte[]) only(decoder, hex("00 61620000")));
    }

    @Test
    void decodesVoidAsBlobs() {
        byte[] row = hex("00 010203");
        Object value = only(decoder("_key:u1, raw:V3"), row);
        assertArrayEquals(hex("010203"), (byte[]) value);
        row[1] = 9;
        assertArrayEquals(hex("010203"), (byte[]) value, "a blob must not share the payload buffer");
    }

    @Test
    void decodesSubarraysAsBlobsOfTheirRawBytes() {
        RowDecoder decoder = decoder("_key:u1, v:(2,)>i2");
        assertArrayEquals(hex("0001 fffe"), (byte[]) only(decoder, hex("00 0001fffe")));
    }

    @Test
    void decodesSubarraysAsFlatListsInCOrder() {
        RowDecoder decoder = new RowDecoder(RowLayout.parse("_key:u1, grid:(2,3)>i2, f:(2,)<f2, b:(3,)b1, s:(2,)S2"),
                "_key", BytesAs.STRING, SubarrayAs.LIST);
        byte[] row = hex("00" + "0001 0002 0003 fffc fffb fffa" + "003c 00c0" + "010002" + "6100 6263");
        Bin[] bins = Puts.bins(decoder.puts(row, 0));

        assertEquals(List.of(1L, 2L, 3L, -4L, -5L, -6L), bins[0].value.getObject());
        assertEquals(List.of(1.0, -2.0), bins[1].value.getObject());
        assertEquals(List.of(true, false, true), bins[2].value.getObject());
        assertEquals(List.of("a", "bc"), bins[3].value.getObject());
    }

    @Test
    void listsOfUnsigned64BitValuesAreCheckedToo() {
        RowDecoder decoder = new RowDecoder(RowLayout.parse("_key:u1, v:(2,)<u8"), "_key", BytesAs.STRING, SubarrayAs.LIST);
        RowDecodeException e = assertThrows(RowDecodeException.class,
                () -> decoder.puts(hex("00 0100000000000000 ffffffffffffffff"), 0));
        assertEquals("v", e.fieldName());
    }

    @Test
    void underscoreFieldsAndPaddingAreNeverBins() {
        RowDecoder decoder = decoder("_key:u1, a:u1, _hidden:u1, :V2, b:u1, :<i4");
        assertEquals(List.of("a", "b"), decoder.binNames());
        Bin[] bins = Puts.bins(decoder.puts(hex("07 01 02 0000 03 00000000"), 0));
        assertEquals(List.of("a=1", "b=3"), Arrays.stream(bins).map(b -> b.name + "=" + b.value).collect(Collectors.toList()));
    }

    @Test
    void aKeyFieldWithoutUnderscoreIsAlsoABin() {
        RowDecoder decoder = new RowDecoder(RowLayout.parse("id:<i4, v:u1"), "id", BytesAs.STRING, SubarrayAs.BLOB);
        assertEquals(List.of("id", "v"), decoder.binNames());
        byte[] row = hex("05000000 09");
        assertEquals(Value.get(5L), decoder.key(row, 0));
        assertEquals(new Bin("id", 5L), Puts.bins(decoder.puts(row, 0))[0]);
    }

    @Test
    void keysOfEveryAllowedKind() {
        assertEquals(Value.get(-2L), keyOf("_key:>i2", "fffe"));
        assertEquals(Value.get(4294967295L), keyOf("_key:<u4", "ffffffff"));
        assertEquals(Value.get("dev-1"), keyOf("_key:S8", "6465762d31000000"));
        assertInstanceOf(Value.LongValue.class, keyOf("_key:u1", "01"));
        Value blob = keyOf("_key:V4", "00010000");
        assertInstanceOf(Value.BytesValue.class, blob);
        assertArrayEquals(hex("00010000"), (byte[]) blob.getObject());
    }

    @Test
    void aStringKeyStaysAStringWhenBytesAreBlobs() {
        RowDecoder decoder = new RowDecoder(RowLayout.parse("_key:S4, s:S4"), "_key", BytesAs.BLOB, SubarrayAs.BLOB);
        assertEquals(Value.get("ab"), decoder.key(hex("61620000 61620000"), 0));
    }

    /** The key of a one-row payload of {@code layout} plus a one-byte bin, since a layout needs a bin. */
    private static Value keyOf(String layout, String bytes) {
        return decoder(layout + ", v:u1").key(hex(bytes + "00"), 0);
    }

    @Test
    void refusesAnUnsigned64BitKeyAerospikeCannotStore() {
        RowDecodeException e = assertThrows(RowDecodeException.class, () -> keyOf("_key:<u8", "ffffffffffffffff"));
        assertEquals("_key", e.fieldName());
        assertEquals(Value.get(Long.MAX_VALUE), keyOf("_key:<u8", "ffffffffffffff7f"));
    }

    @Test
    void refusesAMissingKeyField() {
        LayoutException e = assertThrows(LayoutException.class, () -> decoder("id:<i4, v:<f8"));
        assertEquals("key field '_key' is not a named field of the layout id:<i4, v:<f8", e.getMessage());
        assertEquals("_key", e.fieldName());
        assertEquals(0, e.position());
        assertThrows(LayoutException.class,
                () -> new RowDecoder(RowLayout.parse("a:u1"), "", BytesAs.STRING, SubarrayAs.BLOB));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "id:<f8             | field 'id' (position 2): a key field must be an integer (i1..i8, u1..u8), S<n> or V<n>, not '<f8'",
        "id:b1              | field 'id' (position 2): a key field must be an integer (i1..i8, u1..u8), S<n> or V<n>, not 'b1'",
        "id:(2,)<i4         | field 'id' (position 2): a key field must be a scalar, not a subarray",
    })
    void refusesKeyFieldsOfOtherKinds(String keyField, String message) {
        LayoutException e = assertThrows(LayoutException.class, () -> new RowDecoder(
                RowLayout.parse("v:u1, " + keyField.strip()), "id", BytesAs.STRING, SubarrayAs.BLOB));
        assertEquals(message.strip(), e.getMessage());
        assertEquals("id", e.fieldName());
        assertEquals(2, e.position());
    }

    @Test
    void refusesBinNamesOverFifteenBytes() {
        decoder("_key:u1, exactly15bytes_:u1, _a_much_longer_hidden_name:u1");
        LayoutException e = assertThrows(LayoutException.class, () -> decoder("_key:u1, a:u1, sixteen_bytes_xx:u1"));
        assertEquals("field 'sixteen_bytes_xx' (position 3): bin name is 16 bytes of UTF-8; Aerospike allows at most 15"
                + " (prefix the name with '_' to leave the field out)", e.getMessage());
        assertEquals(3, e.position());
        e = assertThrows(LayoutException.class, () -> decoder("_key:u1, températures_xy:u1"));
        assertTrue(e.getMessage().contains("16 bytes of UTF-8"), e.getMessage());
    }

    @Test
    void rowCountNeedsAPositiveMultipleOfTheRowSize() {
        RowDecoder decoder = decoder(SENSOR);
        RowDecodeException e = assertThrows(RowDecodeException.class, () -> decoder.rowCount(37));
        assertEquals("payload of 37 bytes is not a multiple of the 21-byte row layout", e.getMessage());
        assertNull(e.fieldName());
        assertThrows(RowDecodeException.class, () -> decoder.rowCount(0));
        assertThrows(RowDecodeException.class, () -> decoder.rowCount(-21));
        assertEquals(3, decoder.rowCount(63));
    }

    @Test
    void refusesRowsOutsideTheBuffer() {
        RowDecoder decoder = decoder(SENSOR);
        byte[] payload = new byte[42];
        RowDecodeException e = assertThrows(RowDecodeException.class, () -> decoder.puts(payload, 22));
        assertEquals("a 21-byte row at offset 22 does not fit in a payload of 42 bytes", e.getMessage());
        assertThrows(RowDecodeException.class, () -> decoder.key(payload, -1));
        assertThrows(RowDecodeException.class, () -> decoder.key(new byte[20], 0));
        decoder.puts(payload, 21);
    }

    @Test
    void onlyRowsOfNumbersAndBooleansWithoutU8DecodeEveryRow() {
        assertTrue(decoder("_key:<i4, a:<f4, b:?, c:<u4, d:>i8, e:<f2").decodesEveryRow());
        assertFalse(decoder("_key:<i4, counter:<u8").decodesEveryRow(), "a u8 may not fit a long");
        assertFalse(decoder("_key:<i4, code:S4").decodesEveryRow(), "text varies in size");
        assertFalse(decoder("_key:<i4, raw:V4").decodesEveryRow());
        assertFalse(decoder("_key:<i4, xyz:(3,)<f4").decodesEveryRow(), "a subarray varies in size");
        assertTrue(decoder("_key:<u8, a:<f4").decodesEveryRow(), "the key is decoded when read, not a bin");
    }
}
