package io.aerosink.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.aerosink.connect.client.InMemoryBatchClient;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.ErrorReporters;
import io.aerosink.connect.metrics.TaskMetrics;
import io.aerosink.connect.write.BatchWriter;

/**
 * The task's metrics as the worker's plugin metrics (KIP-877): the plugin metrics a 4.1+ worker hands the task
 * through its context, built as the worker builds them (connector and task tags, group {@code plugins}).
 */
class PluginMetricsTest {

    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private final Metrics workerMetrics = new Metrics();
    private final InMemoryBatchClient client = new InMemoryBatchClient();
    private final FakeSinkTaskContext context = new FakeSinkTaskContext().assign("sensors", 0).assign("alarms", 0);
    private final AtomicLong wallClockMs = new AtomicLong(1_700_000_000_000L);
    private RunningTask task;

    @AfterEach
    void stop() {
        if (task != null) {
            task.stop();
        }
        workerMetrics.close();
    }

    @Test
    void everyAttributeIsAGaugeWithTheBeansValueTaggedByConnectorTaskAndTopic() throws Exception {
        context.pluginMetrics = new PluginMetricsImpl(workerMetrics, Map.of("connector", "plugin", "task", "3"));
        ObjectName bean = start("plugin");
        long now = wallClockMs.get();
        task.put(List.of(record("sensors", 0, 1, now - 4_000), record("sensors", 1, 2, now - 7_000),
                record("alarms", 0, 3, now - 9_000)));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (value("records-written-total", null).longValue() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(5);
            task.put(List.of());
        }

        assertEquals(3L, value("records-written-total", null));
        assertEquals(4_000L, value("event-time-lag-ms", null));
        assertEquals(2L, value("records-written-total", "sensors"));
        assertEquals(9_000L, value("event-time-lag-ms", "alarms"));
        assertTrue(value("batch-calls-total", null).longValue() >= 1);
        assertTrue(value("batch-latency-p99-ms", null).doubleValue() > 0);
        for (MBeanAttributeInfo attribute : SERVER.getMBeanInfo(bean).getAttributes()) {
            assertEquals(SERVER.getAttribute(bean, attribute.getName()), value(attribute.getName(), null),
                    attribute.getName());
        }
        assertEquals(SERVER.getMBeanInfo(bean).getAttributes().length, gauges().size() - 2 * 4,
                "the task's attributes and four per topic: " + gauges().keySet());

        task.stop();
        task = null;
        assertEquals(Map.of(), gauges(), "the task's gauges are removed when it stops");
    }

    @Test
    void aWorkerWithoutPluginMetricsGetsTheBeansAlone() throws Exception {
        ObjectName bean = start("no-plugin");
        assertTrue(SERVER.isRegistered(bean));
        assertEquals(Map.of(), gauges());
    }

    private ObjectName start(String connector) {
        Map<String, String> props = new HashMap<>();
        props.put("aerospike.namespace", "test");
        props.put("linger.ms", "0");
        SinkConfig config = new SinkConfig(props);
        TaskMetrics metrics = new TaskMetrics(connector, "plugin-test", config.write().maxBufferedRecords(),
                System::nanoTime, wallClockMs::get);
        BatchWriter writer = new BatchWriter(client, config.write(), "plugin", System::nanoTime, metrics);
        task = new RunningTask(config, context, client,
                ErrorReporters.create(config.tolerateErrors(), context.errantRecordReporter()), writer);
        metrics.register(context);
        return metrics.name();
    }

    private static SinkRecord record(String topic, long offset, int key, long timestampMs) {
        return new SinkRecord(topic, 0, null, null, null, Map.of("_key", key, "v", key), offset, timestampMs,
                TimestampType.CREATE_TIME);
    }

    /** The worker's metrics of group {@code plugins}, as its JMX reporter would publish them. */
    private Map<MetricName, KafkaMetric> gauges() {
        Map<MetricName, KafkaMetric> gauges = new HashMap<>();
        workerMetrics.metrics().forEach((name, metric) -> {
            if (name.group().equals("plugins")) {
                gauges.put(name, (KafkaMetric) metric);
            }
        });
        return gauges;
    }

    private Number value(String name, String topic) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "plugin");
        tags.put("task", "3");
        if (topic != null) {
            tags.put("topic", topic);
        }
        KafkaMetric metric = workerMetrics.metric(workerMetrics.metricName(name, "plugins", tags));
        assertTrue(metric != null, "no plugin metric " + name + " " + tags + " among " + gauges().keySet());
        return (Number) metric.metricValue();
    }
}
