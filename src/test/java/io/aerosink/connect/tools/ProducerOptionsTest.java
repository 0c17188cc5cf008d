package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProducerOptionsTest {

    @Test
    void defaultsProduceTenThousandFixedRows() {
        ProducerOptions options = ProducerOptions.parse();

        assertEquals("localhost:9092", options.bootstrapServers);
        assertEquals(ProducerOptions.Mode.FIXED, options.mode);
        assertEquals(10_000, options.rows);
        assertEquals(1, options.rowsPerMessage);
        assertEquals(0, options.rate);
        assertEquals("sensors-value", options.subject());
    }

    @Test
    void acceptsSpaceAndEqualsForms(@TempDir Path dir) throws IOException {
        Path npy = Files.createFile(dir.resolve("big.npy"));
        ProducerOptions options = ProducerOptions.parse("--mode=npy", "--rows", "unbounded", "--rows-per-message=500",
                "--rate", "2500.5", "--topic", "t", "--producer-property", "acks=all", "--producer-property=linger.ms=50",
                "--npy-file", npy.toString(), "--keys", "7");

        assertEquals(ProducerOptions.Mode.NPY, options.mode);
        assertEquals(ProducerOptions.UNBOUNDED, options.rows);
        assertEquals(500, options.rowsPerMessage);
        assertEquals(2500.5, options.rate);
        assertEquals("t-value", options.subject());
        assertEquals("all", options.producerProperties.getProperty("acks"));
        assertEquals("50", options.producerProperties.getProperty("linger.ms"));
        assertEquals(npy, options.npyFile);
        assertEquals(7, options.keys);
    }

    @Test
    void rejectsWhatCannotWork() {
        assertThrows(IllegalArgumentException.class, () -> ProducerOptions.parse("--mode", "avro", "--rows-per-message", "2"));
        assertThrows(IllegalArgumentException.class, () -> ProducerOptions.parse("--mode", "xml"));
        assertThrows(IllegalArgumentException.class, () -> ProducerOptions.parse("--rows", "-5"));
        assertThrows(IllegalArgumentException.class, () -> ProducerOptions.parse("--keys", "0"));
        assertThrows(IllegalArgumentException.class, () -> ProducerOptions.parse("--rate", "fast"));
        assertThrows(IllegalArgumentException.class, () -> ProducerOptions.parse("--topic"));
        assertThrows(IllegalArgumentException.class, () -> ProducerOptions.parse("--frobnicate"));
        assertThrows(IllegalArgumentException.class, () -> ProducerOptions.parse("--npy-file", "/no/such/file.npy"));
    }

    @Test
    void helpIsAFlag() {
        assertTrue(ProducerOptions.parse("--help").help);
    }
}
