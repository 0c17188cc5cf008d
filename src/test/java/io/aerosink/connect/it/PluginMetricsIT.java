package io.aerosink.connect.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * The task's metrics as the worker publishes its plugin metrics (KIP-877): JMX beans
 * {@code kafka.connect:type=plugins,connector=<name>,task=<n>[,topic=<topic>]}, from the worker's own reporter,
 * beside the task's {@code io.aerosink} beans. The embedded worker runs in this JVM, so both are in its platform
 * MBeanServer.
 */
class PluginMetricsIT extends ConnectTestBase {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final ObjectName PLUGINS = name("kafka.connect:type=plugins,*");

    @Test
    void theWorkerPublishesTheTasksGaugesUnderItsOwnTaskNumber() throws Exception {
        String connector = "plugin-metrics";
        String topic = "plugin_metrics";
        createTopic(topic, 1);
        putConnector(connector, jsonConfig(topic, false));
        long before = System.currentTimeMillis();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            records.add(new ProducerRecord<>(topic, null, before - 60_000 + i, null,
                    ("{\"_key\": " + i + ", \"n\": " + i + "}").getBytes()));
        }
        produceAll(records);

        ObjectName task = new ObjectName("kafka.connect:type=plugins,connector=" + connector + ",task=0");
        ObjectName topicBean = new ObjectName(task.getCanonicalName() + ",topic=" + topic);
        Await.until(Duration.ofSeconds(60), "records-written-total 50 in " + task,
                () -> number(task, "records-written-total") == 50,
                () -> SERVER.queryNames(PLUGINS, null).toString());
        assertEquals(50, number(topicBean, "records-written-total"));
        assertTrue(number(task, "batch-calls-total") >= 1);
        assertEquals(0, number(task, "records-dead-lettered-total"));
        long newest = before - 60_000 + 49;
        long lag = number(task, "event-time-lag-ms");
        assertTrue(lag >= before - newest && lag <= System.currentTimeMillis() - newest, "event-time-lag-ms " + lag);

        Set<ObjectName> own = SERVER.queryNames(new ObjectName("io.aerosink:type=sink-task-metrics,connector="
                + connector + ",*"), null);
        ObjectName ownTask = own.stream().filter(n -> n.getKeyProperty("topic") == null).findFirst().orElseThrow();
        assertEquals(number(ownTask, "records-written-total"), number(task, "records-written-total"));
        assertEquals(number(ownTask, "batch-calls-total"), number(task, "batch-calls-total"));

        deleteConnector(connector);
        Await.until(Duration.ofSeconds(30), "the plugin metrics to go with the task",
                () -> !SERVER.isRegistered(task) && !SERVER.isRegistered(topicBean));
        assertFalse(SERVER.isRegistered(ownTask), "and the task's own beans");
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalArgumentException(name, e);
        }
    }

    private static long number(ObjectName name, String attribute) {
        try {
            return ((Number) SERVER.getAttribute(name, attribute)).longValue();
        } catch (JMException e) {
            throw new IllegalStateException(name + " " + attribute + ": " + e, e);
        }
    }
}
