package io.aerosink.connect.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NpyHeaderTest {

    private static final String DESCR = "[('_key', '<i4'), ('temperature', '<f8'), ('emb', '<f4', (2,))]";
    private static final int ITEM = 4 + 8 + 8;

    private static byte[] npy(int major, String shape, int dataBytes) {
        return NpyBytes.of(major, NpyBytes.header(DESCR, false, shape), new byte[dataBytes]);
    }

    private static String failure(byte[] payload) {
        return assertThrows(NpyFormatException.class, () -> NpyHeader.parse(payload)).getMessage();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void readsEveryFormatVersion(int major) {
        byte[] payload = npy(major, "(3,)", 3 * ITEM);
        NpyHeader header = NpyHeader.parse(payload);

        assertEquals(major, header.majorVersion());
        assertEquals(RowLayout.parse("_key:<i4, temperature:<f8, emb:(2,)<f4"), header.layout());
        assertEquals(3, header.rowCount());
        assertArrayEquals(new long[] {3}, header.shape());
        assertFalse(header.fortranOrder());
        assertEquals(payload.length - 3 * ITEM, header.dataOffset());
        assertEquals(header.dataOffset() + 2 * ITEM, header.rowOffset(2));
    }

    @Test
    void readsAUtf8FieldNameInVersion3() {
        byte[] payload = NpyBytes.of(3, NpyBytes.header("[('_key', '<i8'), ('θ', '<f4')]", false, "(1,)"), new byte[12]);
        assertEquals("θ", NpyHeader.parse(payload).layout().fields().get(1).name());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "()        | 1",
        "(0,)      | 0",
        "(2, 3)    | 6",
        "(2, 0, 5) | 0",
        "(4L,)     | 4",
    })
    void multipliesTheShapeIntoRows(String shape, int rows) {
        assertEquals(rows, NpyHeader.parse(npy(1, shape, rows * ITEM)).rowCount());
    }

    @Test
    void acceptsFortranOrderWhenItCannotReorderRows() {
        String descr = "[('_key', '<i4')]";
        assertEquals(3, NpyHeader.parse(NpyBytes.of(1, NpyBytes.header(descr, true, "(3,)"), new byte[12])).rowCount());
        assertEquals(3, NpyHeader.parse(NpyBytes.of(1, NpyBytes.header(descr, true, "(1, 3, 1)"), new byte[12])).rowCount());
        NpyFormatException e = assertThrows(NpyFormatException.class,
                () -> NpyHeader.parse(NpyBytes.of(1, NpyBytes.header(descr, true, "(2, 3)"), new byte[24])));
        assertTrue(e.getMessage().startsWith("a Fortran-ordered array of shape (2, 3) is not supported"), e.getMessage());
    }

    @Test
    void refusesAPlainDtype() {
        String message = failure(NpyBytes.of(1, NpyBytes.header("'<f8'", false, "(3,)"), new byte[24]));
        assertEquals("the .npy array has the plain dtype '<f8' with no fields; a structured dtype with a key field"
                + " is needed, e.g. [('_key', '<i8'), ('value', '<f8')]", message);
    }

    @Test
    void refusesUnsupportedDtypesSayingWhy() {
        String message = failure(NpyBytes.of(1, NpyBytes.header("[('_key', '<i4'), ('name', '<U4')]", false, "(1,)"),
                new byte[20]));
        assertEquals("the .npy array's dtype is not supported: field 'name' (position 2): kind 'U' (unicode) is not"
                + " supported; use S<n> bytes, e.g. numpy dtype 'S16'", message);
    }

    @Test
    void refusesDataOfTheWrongLength() {
        assertEquals("truncated .npy payload: the shape (3,) of 20-byte rows needs 60 bytes of data but 59 follow"
                + " the header", failure(npy(1, "(3,)", 59)));
        assertEquals(".npy payload has 1 bytes after the 60 bytes of data its shape (3,) announces",
                failure(npy(1, "(3,)", 61)));
    }

    @Test
    void refusesWhatIsNotNpy() {
        assertEquals("not a .npy payload: 3 bytes is shorter than the 10-byte .npy preamble",
                failure(new byte[] {(byte) 0x93, 'N', 'U'}));
        assertEquals("not a .npy payload: it does not start with the magic bytes \\x93NUMPY",
                failure("PK\3\4 not numpy at all".getBytes()));
    }

    @Test
    void refusesUnknownVersions() {
        byte[] payload = npy(1, "(3,)", 3 * ITEM);
        payload[6] = 4;
        assertEquals("unsupported .npy format version 4.0; versions 1.0, 2.0 and 3.0 are supported", failure(payload));
        payload[6] = 1;
        payload[7] = 1;
        assertEquals("unsupported .npy format version 1.1; versions 1.0, 2.0 and 3.0 are supported", failure(payload));
    }

    @Test
    void refusesHeaderLengthsBeyondThePayload() {
        byte[] payload = npy(2, "(3,)", 3 * ITEM);
        payload[8] = (byte) 0xff;
        payload[9] = (byte) 0xff;
        payload[10] = (byte) 0xff;
        payload[11] = (byte) 0xff;
        assertEquals("truncated .npy payload: the header says it is 4294967295 bytes but only "
                + (payload.length - 12) + " follow the preamble", failure(payload));
        assertTrue(failure(Arrays.copyOf(payload, 11)).startsWith("truncated .npy payload: 11 bytes"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[1, 2]                                                         | corrupt .npy header: it is not a dict of 'descr', 'fortran_order', 'shape'",
        "{'descr': [('_key', '<i4')], 'shape': (1,)}                    | corrupt .npy header: it has no 'fortran_order' entry",
        "{'fortran_order': False, 'shape': (1,)}                        | corrupt .npy header: it has no 'descr' entry",
        "{'descr': [('_key', '<i4')], 'fortran_order': False}           | corrupt .npy header: it has no 'shape' entry",
        "{'descr': [('_key', '<i4')], 'fortran_order': 0, 'shape': ()}  | corrupt .npy header: 'fortran_order' must be True or False",
        "{'descr': [('_key', '<i4')], 'fortran_order': False, 'shape': 3} | corrupt .npy header: 'shape' must be a tuple of integers",
        "{'descr': [('_key', '<i4')], 'fortran_order': False, 'shape': (-1,)} | corrupt .npy header: 'shape' must hold integers of at least 0",
        "{'descr': [('_key', '<i4')], 'fortran_order': False, 'shape': (1,) | corrupt .npy header: unexpected end of text, expected ',' or '}' at character 67",
        "{'descr': [('_key', '<i4')], 'fortran_order': Flase, 'shape': (1,)} | corrupt .npy header: unexpected word 'Flase' at character 47",
        "{'descr': {'names': ['_key']}, 'fortran_order': False, 'shape': (1,)} | the .npy header's 'descr' is neither a dtype string nor a list of fields",
        "{'descr': [('_key', '<i4')], 'fortran_order': False, 'shape': (99999999999, 99999999999)} | the .npy shape (99999999999, 99999999999) of 4-byte rows needs more data than a payload can hold",
        "{'descr': [('_key', '<i4')], 'fortran_order': False, 'shape': (600000000,)} | the .npy shape (600000000,) of 4-byte rows needs more data than a payload can hold",
    })
    void reportsCorruptHeaders(String header, String message) {
        assertEquals(message.strip(), failure(NpyBytes.of(1, header.strip(), new byte[4])));
    }

    private static byte[] fileHeader(int major, String descr, boolean fortranOrder, String shape) {
        return NpyBytes.of(major, NpyBytes.header(descr, fortranOrder, shape), new byte[0]);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void readsAFileHeaderFromTheLengthItsPreambleGives(int major) {
        byte[] bytes = fileHeader(major, DESCR, false, "(3,)");
        long dataOffset = NpyHeader.dataOffsetFromPreamble(Arrays.copyOf(bytes, NpyHeader.PREAMBLE_BYTES));
        NpyHeader header = NpyHeader.parseFileHeader(bytes);

        assertEquals(bytes.length, dataOffset);
        assertEquals(bytes.length, header.dataOffset());
        assertEquals(RowLayout.parse("_key:<i4, temperature:<f8, emb:(2,)<f4"), header.layout());
        assertEquals(3, header.rowCountLong());
    }

    @Test
    void countsAFilesRowsBeyondAnInt() {
        NpyHeader header = NpyHeader.parseFileHeader(fileHeader(1, DESCR, false, "(100000, 30000)"));

        assertEquals(3_000_000_000L, header.rowCountLong());
        assertArrayEquals(new long[] {100_000, 30_000}, header.shape());
        assertThrows(ArithmeticException.class, header::rowCount);
        assertEquals("the .npy shape (99999999999, 99999999999) of 20-byte rows needs more data than a file can hold",
                assertThrows(NpyFormatException.class, () -> NpyHeader.parseFileHeader(
                        fileHeader(1, DESCR, false, "(99999999999, 99999999999)"))).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "()        | 1 | :<f8",
        "(5,)      | 5 | :<f8",
        "(6, 3)    | 6 | :(3,)<f8",
        "(2, 3, 4) | 2 | :(3,4)<f8",
        "(0, 3)    | 0 | :(3,)<f8",
    })
    void readsAFilesPlainDtypeAsRowsOfItsTrailingAxes(String shape, long rows, String layout) {
        NpyHeader header = NpyHeader.parseFileHeader(fileHeader(1, "'<f8'", false, shape));

        assertEquals(rows, header.rowCountLong());
        assertEquals(layout, header.layout().toString());
    }

    @Test
    void refusesFileHeadersThePayloadPathRefuses() {
        assertTrue(assertThrows(NpyFormatException.class, () -> NpyHeader.parseFileHeader(
                fileHeader(1, "'|O'", false, "(4,)"))).getMessage().startsWith(
                        "the .npy array's dtype is not supported: unnamed field (position 1): kind 'O'"));
        assertTrue(assertThrows(NpyFormatException.class, () -> NpyHeader.parseFileHeader(
                fileHeader(1, "'<f8'", true, "(4, 2)"))).getMessage().startsWith(
                        "a Fortran-ordered array of shape (4, 2) is not supported"));
        assertEquals("not a .npy payload: it does not start with the magic bytes \\x93NUMPY",
                assertThrows(NpyFormatException.class,
                        () -> NpyHeader.dataOffsetFromPreamble("PK\3\4 not numpy".getBytes())).getMessage());
    }

    @Test
    void isARowDecodeException() {
        assertInstanceOf(RowDecodeException.class, new NpyFormatException("x"));
    }

    @Test
    void cacheParsesEachHeaderOnce() {
        NpyHeaderCache cache = new NpyHeaderCache();
        NpyHeader first = cache.header(npy(1, "(3,)", 3 * ITEM));
        NpyHeader again = cache.header(npy(1, "(3,)", 3 * ITEM));
        NpyHeader other = cache.header(npy(1, "(2,)", 2 * ITEM));

        assertSame(first, again);
        assertNotSame(first, other);
        assertEquals(2, other.rowCount());
        assertEquals(2, cache.size());
    }

    @Test
    void cacheStillChecksEachPayloadsDataLength() {
        NpyHeaderCache cache = new NpyHeaderCache();
        cache.header(npy(1, "(3,)", 3 * ITEM));
        assertThrows(NpyFormatException.class, () -> cache.header(npy(1, "(3,)", 3 * ITEM - 1)));
        assertThrows(NpyFormatException.class, () -> cache.header(npy(1, "(3,)", 3 * ITEM + 5)));
    }

    @Test
    void cacheDropsTheLeastRecentlyUsedHeader() {
        NpyHeaderCache cache = new NpyHeaderCache(2);
        NpyHeader one = cache.header(npy(1, "(1,)", ITEM));
        cache.header(npy(1, "(2,)", 2 * ITEM));
        cache.header(npy(1, "(1,)", ITEM));
        cache.header(npy(1, "(3,)", 3 * ITEM));

        assertEquals(2, cache.size());
        assertSame(one, cache.header(npy(1, "(1,)", ITEM)));
        assertThrows(IllegalArgumentException.class, () -> new NpyHeaderCache(0));
    }
}
