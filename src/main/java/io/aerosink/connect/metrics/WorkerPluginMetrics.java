package io.aerosink.connect.metrics;

import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The worker's plugin metrics for a task, on workers that have them (Kafka 4.1+, KIP-877:
 * {@code SinkTaskContext.pluginMetrics()}). The plugin runs on older workers too (3.6 and on), whose Kafka has no
 * {@code PluginMetrics} class: this class names none of its types, checks for it first, and only then loads
 * {@link PluginMetricsBeans}, the class that does.
 */
final class WorkerPluginMetrics {

    static final String PLUGIN_METRICS_CLASS = "org.apache.kafka.common.metrics.PluginMetrics";

    private static final boolean PRESENT = present();

    private WorkerPluginMetrics() {
    }

    /** A sink for the plugin metrics of the task of {@code context}, or null on a worker without them. */
    static BeanSink of(SinkTaskContext context) {
        if (!PRESENT) {
            return null;
        }
        try {
            return PluginMetricsBeans.of(context);
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // A worker whose Kafka has the class but whose task context predates pluginMetrics().
            return null;
        }
    }

    private static boolean present() {
        try {
            Class.forName(PLUGIN_METRICS_CLASS, false, WorkerPluginMetrics.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
