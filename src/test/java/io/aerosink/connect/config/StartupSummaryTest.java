package io.aerosink.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class StartupSummaryTest {

    @Test
    void namesTheClusterNamespacesActionsFormatsAndBatchSettingsAndNoSecret() {
        Map<String, String> props = new HashMap<>();
        props.put("topics", "sensors,orders");
        props.put(MappingConfig.NAMESPACE, "sensors");
        props.put("topic.orders." + MappingConfig.NAMESPACE, "shop");
        props.put("topic.orders." + MappingConfig.WRITE_ACTION, "REPLACE");
        props.put("topic.orders." + MappingConfig.VALUE_FORMAT, "avro");
        props.put(RegistryConfig.URL, "http://registry:8081");
        props.put(ConnectionConfig.USER, "writer");
        props.put(ConnectionConfig.PASSWORD, "s3cret-password");
        props.put(WriteConfig.BATCH_SIZE, "500");

        String line = StartupSummary.describe(new SinkConfig(props), "cluster with 3 nodes", 16);

        assertEquals("AeroSink task started: Aerospike cluster with 3 nodes; namespace sensors, shop; "
                + "write.action replace, upsert; value.format auto, avro; batch.size 500, linger.ms 100, "
                + "batch.max.bytes 8388608, max.in.flight.batches 4, max.buffered.records 20000; "
                + "key digests 16 at a time (jdk.incubator.vector)", line);
        assertFalse(line.contains("s3cret"));
    }

    /** An operator whose worker lacks the module reads how to turn vector digests on. */
    @Test
    void saysHowToDigestManyKeysAtOnceWhereTheJvmCannot() {
        String line = StartupSummary.describe(new SinkConfig(Map.of("topics", "sensors", MappingConfig.NAMESPACE, "sensors")),
                "cluster", 1);

        assertTrue(line.endsWith("; key digests one at a time (--add-modules jdk.incubator.vector in the worker's"
                + " JVM options digests them many at a time)"), line);
    }
}
