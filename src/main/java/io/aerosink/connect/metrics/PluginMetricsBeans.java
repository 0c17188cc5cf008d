package io.aerosink.connect.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's attributes as gauges of the worker's plugin metrics (KIP-877), which the worker tags with the connector
 * and its own task number; a topic's carry a {@code topic} tag as well. Only {@link WorkerPluginMetrics} refers to
 * this class, and only on a worker that has plugin metrics: this is the one class that names their types.
 */
final class PluginMetricsBeans implements BeanSink {

    private static final Logger LOG = LoggerFactory.getLogger(PluginMetricsBeans.class);

    private final PluginMetrics metrics;
    /** The gauges added for each topic, and for the task under {@code null}. */
    private final Map<String, List<MetricName>> added = new HashMap<>();

    private PluginMetricsBeans(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    /** The plugin metrics of the task of {@code context}, or null if the worker gives it none. */
    static PluginMetricsBeans of(SinkTaskContext context) {
        PluginMetrics metrics = context.pluginMetrics();
        return metrics == null ? null : new PluginMetricsBeans(metrics);
    }

    @Override
    public void add(String topic, AttributeBean attributes) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        if (topic != null) {
            tags.put("topic", topic);
        }
        List<MetricName> names = new ArrayList<>();
        try {
            attributes.forEach((name, doc, value) -> {
                MetricName metricName = metrics.metricName(name, doc, tags);
                metrics.addMetric(metricName, (Gauge<Number>) (config, now) -> value.get());
                names.add(metricName);
            });
        } catch (RuntimeException e) {
            LOG.warn("Could not add plugin metrics {}: {}", tags, e.toString());
        }
        added.put(topic, names);
    }

    @Override
    public void remove(String topic) {
        List<MetricName> names = added.remove(topic);
        if (names == null) {
            return;
        }
        try {
            names.forEach(metrics::removeMetric);
        } catch (RuntimeException e) {
            // The worker closes a task's plugin metrics itself once the task stopped; nothing is left behind.
            LOG.debug("Could not remove plugin metrics of topic {}: {}", topic, e.toString());
        }
    }
}
