package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.Host;
import com.aerospike.client.policy.ClientPolicy;

import io.aerosink.connect.testserver.AerospikeTestServer;

/** bin/local-stack status's view of Aerospike: per set, the count and the sample keys found, one JSON line each. */
class AerospikeStatusTest {

    private AerospikeTestServer server;
    private AerospikeClient client;

    @BeforeEach
    void start() {
        server = AerospikeTestServer.start(new AerospikeTestServer.Options().namespaces("sensors", "empty"));
        client = new AerospikeClient(new ClientPolicy(), Host.parseHosts(server.host(), 3000));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void countsEachSetAndRendersTheSampleKeysItFindsAsJson() {
        for (long key = 0; key < 5; key++) {
            server.put("sensors", "sensors", key, Map.of("temperature", 20.5 + key, "status", key));
        }
        server.put("sensors", "sensors_json", "dev-1", Map.of("tags", List.of("roof", "east"), "ok", true));
        server.put("sensors", "sensors_json", 1L, Map.of("raw", new byte[] {1, 2, 3}));

        String out = print(List.of("sensors", "empty"), AerospikeStatus.sampleKeys("0,1,2,dev-1"));

        assertEquals(String.join("\n",
                "{\"namespace\":\"sensors\",\"set\":\"sensors\",\"records\":5,\"samples\":["
                        + "{\"key\":0,\"bins\":{\"status\":0,\"temperature\":20.5}},"
                        + "{\"key\":1,\"bins\":{\"status\":1,\"temperature\":21.5}},"
                        + "{\"key\":2,\"bins\":{\"status\":2,\"temperature\":22.5}}]}",
                "{\"namespace\":\"sensors\",\"set\":\"sensors_json\",\"records\":2,\"samples\":["
                        + "{\"key\":1,\"bins\":{\"raw\":\"AQID\"}},"
                        + "{\"key\":\"dev-1\",\"bins\":{\"ok\":true,\"tags\":[\"roof\",\"east\"]}}]}",
                "{\"namespace\":\"empty\",\"set\":null,\"records\":0,\"samples\":[]}",
                ""), out);
    }

    @Test
    void parsesAServersSetsAnswer() {
        String answer = "ns=sensors:set=a:objects=10:tombstones=0:memory_data_bytes=0:truncate_lut=0;"
                + "ns=sensors:set=b:objects=3:tombstones=1;";
        assertEquals(Map.of("a", 10L, "b", 3L), AerospikeStatus.setCounts("sensors", answer));
        assertEquals(Map.of(), AerospikeStatus.setCounts("sensors", ""));
        assertEquals(List.of(0L, "dev-1", -3L), AerospikeStatus.sampleKeys("0, dev-1,,-3"));
    }

    private String print(List<String> namespaces, List<Object> keys) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            AerospikeStatus.print(client, namespaces, keys, out);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
