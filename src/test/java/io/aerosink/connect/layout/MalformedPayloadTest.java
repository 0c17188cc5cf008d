package io.aerosink.connect.layout;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.aerospike.client.Value;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random and corrupted payloads and layouts: each must either decode or fail with one of the package's own
 * exceptions and a short, non-empty message; never an index, number-format or memory error.
 */
class MalformedPayloadTest {

    private static final long SEED = 0x5EED_A5L;
    private static final int CASES = 10_000;

    private static final String[] NPY_FIXTURES = {
        "sensor_v1.npy", "sensor_v2.npy", "sensor_2d_v1.npy", "unicode_v3.npy", "scalar_0d.npy", "empty.npy",
        "u8_overflow.npy",
    };

    private static byte[] resource(String name) {
        try (InputStream in = MalformedPayloadTest.class.getResourceAsStream("/numpy/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void npyPayloadsNeverCrash() {
        Random random = new Random(SEED);
        byte[][] fixtures = Arrays.stream(NPY_FIXTURES).map(MalformedPayloadTest::resource).toArray(byte[][]::new);
        NpyHeaderCache cache = new NpyHeaderCache(8);
        int decoded = 0;
        for (int i = 0; i < CASES; i++) {
            byte[] payload = corrupt(random, fixtures[random.nextInt(fixtures.length)]);
            try {
                NpyHeader header = (i & 1) == 0 ? NpyHeader.parse(payload) : cache.header(payload);
                decodeAll(header.layout(), payload, header.dataOffset(), header.rowCount());
                decoded++;
            } catch (RowDecodeException | LayoutException e) {
                assertClear(e, i, payload);
            } catch (RuntimeException | Error e) {
                fail("case " + i + " threw " + e + " for payload " + HexFormat.of().formatHex(payload), e);
            }
        }
        assertTrue(decoded > CASES / 20, "too few corrupted payloads still decoded: " + decoded);
    }

    @Test
    void rawPayloadsNeverCrash() {
        Random random = new Random(SEED);
        RowLayout[] layouts = {
            RowLayout.parse("_key:<i4, temperature:<f8, humidity:<f4, pressure:<f4, status:u1"),
            RowLayout.parse(new String(resource("sensor.descr.json"), StandardCharsets.UTF_8)),
            RowLayout.parse("_key:>u8, s:S5, v:V3, e:(3,)>f2, big:<u8"),
        };
        byte[] sensor = resource("sensor.bin");
        for (int i = 0; i < CASES; i++) {
            RowLayout layout = layouts[random.nextInt(layouts.length)];
            byte[] payload = random.nextBoolean() ? randomBytes(random, 400) : corrupt(random, sensor);
            try {
                RowDecoder decoder = new RowDecoder(layout, "_key", BytesAs.values()[random.nextInt(2)],
                        SubarrayAs.values()[random.nextInt(2)]);
                int rows = decoder.rowCount(payload.length);
                for (int r = 0; r < rows; r++) {
                    decoder.key(payload, r * layout.itemSize());
                    decoder.puts(payload, r * layout.itemSize());
                }
            } catch (RowDecodeException e) {
                assertClear(e, i, payload);
            } catch (RuntimeException | Error e) {
                fail("case " + i + " threw " + e + " for payload " + HexFormat.of().formatHex(payload), e);
            }
        }
    }

    @Test
    void layoutsNeverCrash() {
        Random random = new Random(SEED);
        String[] specs = {
            "_key:<i4, temperature:<f8, humidity:<f4, pressure:<f4, status:u1, embedding:(128,)<f4",
            new String(resource("sensor.descr.json"), StandardCharsets.UTF_8),
            "[('_key', '<i8'), (('t', 'x'), '>f2', (2, 3)), ('', '|V3')]",
        };
        String alphabet = "[](){},:'\"<>|=_-0123456789ibufSVUOMc? \\xL";
        for (int i = 0; i < CASES; i++) {
            char[] spec = specs[random.nextInt(specs.length)].toCharArray();
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits; e++) {
                spec[random.nextInt(spec.length)] = random.nextInt(4) == 0
                        ? (char) random.nextInt(0x3000)
                        : alphabet.charAt(random.nextInt(alphabet.length()));
            }
            String text = new String(spec, 0, 1 + random.nextInt(spec.length));
            try {
                new RowDecoder(RowLayout.parse(text), "_key", BytesAs.STRING, SubarrayAs.LIST);
            } catch (LayoutException e) {
                assertClear(e, i, text.getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException | Error e) {
                fail("case " + i + " threw " + e + " for layout " + text, e);
            }
        }
    }

    private static void decodeAll(RowLayout layout, byte[] payload, int offset, int rows) {
        RowDecoder decoder = new RowDecoder(layout, "_key", BytesAs.STRING, SubarrayAs.LIST);
        for (int r = 0; r < rows; r++) {
            Value key = decoder.key(payload, offset + r * layout.itemSize());
            assertTrue(key != null);
            decoder.puts(payload, offset + r * layout.itemSize());
        }
    }

    /** One of several corruptions, each kept small so that some payloads survive and decode. */
    private static byte[] corrupt(Random random, byte[] valid) {
        byte[] out = valid.clone();
        switch (random.nextInt(7)) {
            case 0:
                return Arrays.copyOf(out, random.nextInt(out.length + 1));
            case 1:
                return Arrays.copyOf(out, out.length + 1 + random.nextInt(64));
            case 2:
                int flips = 1 + random.nextInt(3);
                for (int f = 0; f < flips; f++) {
                    out[random.nextInt(Math.min(out.length, 140))] = (byte) random.nextInt(256);
                }
                return out;
            case 3:
                out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                return out;
            case 4:
                if (out.length > 12) {
                    out[8 + random.nextInt(4)] = (byte) random.nextInt(256);
                }
                return out;
            case 5:
                return randomBytes(random, 300);
            default:
                return out;
        }
    }

    private static byte[] randomBytes(Random random, int maxLength) {
        byte[] out = new byte[random.nextInt(maxLength)];
        random.nextBytes(out);
        return out;
    }

    private static void assertClear(RuntimeException e, int i, byte[] input) {
        String message = e.getMessage();
        assertTrue(message != null && !message.isBlank() && message.length() < 600,
                "case " + i + ": unclear message '" + message + "' for " + HexFormat.of().formatHex(input));
    }
}
