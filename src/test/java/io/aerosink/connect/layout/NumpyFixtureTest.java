package io.aerosink.connect.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aerospike.client.Bin;
import com.aerospike.client.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import io.aerosink.connect.Puts;

/** Round trips against real NumPy output written by src/test/resources/numpy/make_fixtures.py. */
class NumpyFixtureTest {

    private static byte[] resource(String name) {
        try (InputStream in = NumpyFixtureTest.class.getResourceAsStream("/numpy/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing fixture " + name + "; run make_fixtures.py");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Expected values by row, then field, then type ({@code int}, {@code str}, {@code list-double}...). */
    private static List<Map<String, Map<String, String>>> expected(String name) {
        List<Map<String, Map<String, String>>> rows = new ArrayList<>();
        for (String line : new String(resource(name), StandardCharsets.UTF_8).split("\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\t", -1);
            int row = Integer.parseInt(parts[0]);
            while (rows.size() <= row) {
                rows.add(new HashMap<>());
            }
            rows.get(row).computeIfAbsent(parts[1], k -> new HashMap<>()).put(parts[2], parts[3]);
        }
        return rows;
    }

    private static Object parse(String type, String text) {
        switch (type) {
            case "int":
                return Long.parseLong(text);
            case "double":
                return parseDouble(text);
            case "bool":
                return Boolean.parseBoolean(text);
            case "str":
                return new String(HexFormat.of().parseHex(text), StandardCharsets.UTF_8);
            case "list-int":
                return Arrays.stream(text.split(",")).map(Long::parseLong).collect(Collectors.toList());
            case "list-double":
                return Arrays.stream(text.split(",")).map(NumpyFixtureTest::parseDouble).collect(Collectors.toList());
            case "list-bool":
                return Arrays.stream(text.split(",")).map(Boolean::parseBoolean).collect(Collectors.toList());
            default:
                return HexFormat.of().parseHex(text);
        }
    }

    private static Double parseDouble(String text) {
        switch (text) {
            case "nan":
                return Double.NaN;
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                return Double.parseDouble(text);
        }
    }

    /** Checks every row of {@code payload} from {@code offset} against the expected values. */
    private static void assertRows(RowDecoder decoder, byte[] payload, int offset, int rows,
            List<Map<String, Map<String, String>>> expected, BytesAs bytesAs, SubarrayAs subarrayAs) {
        assertEquals(expected.size(), rows);
        RowLayout layout = decoder.layout();
        for (int r = 0; r < rows; r++) {
            int at = offset + r * layout.itemSize();
            Map<String, Map<String, String>> want = expected.get(r);
            assertEquals(Value.get((Long) parse("int", want.get("_key").get("int"))), decoder.key(payload, at));

            Set<String> wantBins = want.keySet().stream().filter(n -> !n.startsWith("_")).collect(Collectors.toSet());
            Bin[] bins = Puts.bins(decoder.puts(payload, at));
            assertEquals(wantBins, Arrays.stream(bins).map(b -> b.name).collect(Collectors.toSet()), "row " + r);
            for (Bin bin : bins) {
                LayoutField field = layout.field(bin.name);
                Map<String, String> values = want.get(bin.name);
                String type;
                if (field.isSubarray()) {
                    type = subarrayAs == SubarrayAs.BLOB ? "blob"
                            : values.keySet().stream().filter(t -> t.startsWith("list-")).findFirst().orElseThrow();
                } else if (field.kind() == Kind.BYTES) {
                    type = bytesAs == BytesAs.STRING ? "str" : "sblob";
                } else {
                    type = values.keySet().iterator().next();
                }
                Object wanted = parse(type, values.get(type));
                String where = "row " + r + " bin " + bin.name + " (" + field + ")";
                if (wanted instanceof byte[]) {
                    assertArrayEquals((byte[]) wanted, (byte[]) bin.value.getObject(), where);
                } else {
                    assertEquals(wanted, bin.value.getObject(), where);
                }
            }
        }
    }

    private static RowLayout sensorLayout() {
        return RowLayout.parse(new String(resource("sensor.descr.json"), StandardCharsets.UTF_8));
    }

    @Test
    void descrJsonMatchesTheCompactSpelling() {
        RowLayout layout = sensorLayout();
        assertEquals(layout, RowLayout.parse(layout.toString()));
        assertEquals(resource("sensor.bin").length, 6 * layout.itemSize());
        assertTrue(layout.fields().stream().anyMatch(LayoutField::isPadding));
    }

    @Test
    void decodesPackedRowsFromToBytes() {
        byte[] payload = resource("sensor.bin");
        for (BytesAs bytesAs : BytesAs.values()) {
            for (SubarrayAs subarrayAs : SubarrayAs.values()) {
                RowDecoder decoder = new RowDecoder(sensorLayout(), "_key", bytesAs, subarrayAs);
                assertRows(decoder, payload, 0, decoder.rowCount(payload.length), expected("sensor.expected.txt"),
                        bytesAs, subarrayAs);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sensor_v1.npy", "sensor_v2.npy", "sensor_2d_v1.npy"})
    void decodesNpyFiles(String file) {
        byte[] payload = resource(file);
        NpyHeader header = NpyHeader.parse(payload);
        assertEquals(sensorLayout(), header.layout());
        assertEquals(header.dataOffset() + resource("sensor.bin").length, payload.length);

        RowDecoder decoder = new RowDecoder(header.layout(), "_key", BytesAs.STRING, SubarrayAs.LIST);
        assertRows(decoder, payload, header.dataOffset(), header.rowCount(), expected("sensor.expected.txt"),
                BytesAs.STRING, SubarrayAs.LIST);
    }

    @Test
    void versionsAreTellingTheTruth() {
        assertEquals(1, NpyHeader.parse(resource("sensor_v1.npy")).majorVersion());
        assertEquals(2, NpyHeader.parse(resource("sensor_v2.npy")).majorVersion());
        assertArrayEquals(new long[] {2, 3}, NpyHeader.parse(resource("sensor_2d_v1.npy")).shape());
    }

    @Test
    void decodesVersion3WithAUnicodeFieldName() {
        byte[] payload = resource("unicode_v3.npy");
        NpyHeader header = NpyHeader.parse(payload);
        assertEquals(3, header.majorVersion());
        assertEquals(RowLayout.parse("_key:<i8, θ_deg:<f4, name:S8"), header.layout());
        assertRows(new RowDecoder(header.layout()), payload, header.dataOffset(), header.rowCount(),
                expected("unicode_v3.expected.txt"), BytesAs.STRING, SubarrayAs.BLOB);
    }

    @Test
    void aZeroDimensionalArrayIsOneRow() {
        byte[] payload = resource("scalar_0d.npy");
        NpyHeader header = NpyHeader.parse(payload);
        assertEquals(1, header.rowCount());
        assertRows(new RowDecoder(header.layout()), payload, header.dataOffset(), 1,
                expected("sensor.expected.txt").subList(0, 1), BytesAs.STRING, SubarrayAs.BLOB);
    }

    @Test
    void anEmptyArrayHasNoRows() {
        byte[] payload = resource("empty.npy");
        NpyHeader header = NpyHeader.parse(payload);
        assertEquals(0, header.rowCount());
        assertEquals(payload.length, header.dataOffset());
    }

    @Test
    void refusesFortranOrderedAndPlainArrays() {
        assertTrue(assertThrows(NpyFormatException.class, () -> NpyHeader.parse(resource("fortran_2d.npy")))
                .getMessage().startsWith("a Fortran-ordered array of shape (2, 2) is not supported"));
        assertTrue(assertThrows(NpyFormatException.class, () -> NpyHeader.parse(resource("plain_f8.npy")))
                .getMessage().startsWith("the .npy array has the plain dtype '<f8' with no fields"));
    }

    @Test
    void refusesAnUnsigned64BitValueAboveLongMax() {
        byte[] payload = resource("u8_overflow.npy");
        NpyHeader header = NpyHeader.parse(payload);
        RowDecodeException e = assertThrows(RowDecodeException.class,
                () -> new RowDecoder(header.layout()).puts(payload, header.dataOffset()));
        assertEquals("counter", e.fieldName());
        assertTrue(e.getMessage().contains("18446744073709551615"), e.getMessage());
    }

    @Test
    void cacheServesRealHeaders() {
        NpyHeaderCache cache = new NpyHeaderCache();
        Set<NpyHeader> seen = new LinkedHashSet<>();
        for (int i = 0; i < 3; i++) {
            seen.add(cache.header(resource("sensor_v1.npy")));
            seen.add(cache.header(resource("sensor_v2.npy")));
        }
        assertEquals(2, seen.size());
        assertEquals(2, cache.size());
    }
}
