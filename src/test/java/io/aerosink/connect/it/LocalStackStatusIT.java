package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.aerosink.connect.testserver.AerospikeTestServer;

/**
 * {@code bin/local-stack status} with nothing of the stack running but Aerospike (the test server here): it names the
 * stopped processes and prints each set's count and samples as JSON, through the plugin that {@code mvn package}
 * left in target/plugins, and its output, a pipe here, holds no terminal escape codes.
 */
class LocalStackStatusIT {

    @TempDir
    Path work;

    @Test
    void statusShowsEachSetsCountAndSamplesAsJsonWithoutEscapeCodes() throws Exception {
        try (AerospikeTestServer server = AerospikeTestServer.start(new AerospikeTestServer.Options().namespaces("sensors"))) {
            for (long key = 0; key < 4; key++) {
                server.put("sensors", "sensors", key, Map.of("status", key));
            }
            ProcessBuilder builder = new ProcessBuilder("bash", "bin/local-stack", "status").redirectErrorStream(true);
            builder.environment().putAll(Map.of("LOCAL_STACK_DIR", work.toString(), "AEROSPIKE_HOSTS", server.host(),
                    "CONNECT_PORT", String.valueOf(AerospikeTestServer.freePort())));
            Process process = builder.start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "status did not finish");
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), out);
            assertTrue(out.contains("broker: stopped\n"), out);
            assertTrue(out.contains("connect: stopped\n"), out);
            assertTrue(out.contains("{\"namespace\":\"sensors\",\"set\":\"sensors\",\"records\":4,\"samples\":["
                    + "{\"key\":0,\"bins\":{\"status\":0}},{\"key\":1,\"bins\":{\"status\":1}},"
                    + "{\"key\":2,\"bins\":{\"status\":2}}]}\n"), out);
            assertFalse(out.contains("\u001b"), "no terminal escape codes in piped output: " + out);
        }
    }

}
