package io.aerosink.connect.config;

import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one line a task logs when it starts: which cluster, namespaces and write actions, and how it batches, so
 * that an operator sees from the log alone what the task is doing (no secret is part of it).
 */
public final class StartupSummary {

    private StartupSummary() {
    }

    /**
     * The summary of {@code config} for a task connected to {@code cluster} (its own description), whose JVM
     * digests {@code digestLanes} keys at once.
     */
    public static String describe(SinkConfig config, String cluster, int digestLanes) {
        MappingConfig defaults = config.mapping("");
        Set<String> namespaces = new TreeSet<>(Set.of(defaults.namespace()));
        Set<String> actions = new TreeSet<>(Set.of(lower(defaults.writeAction())));
        Set<String> formats = new TreeSet<>(Set.of(lower(defaults.valueFormat())));
        for (TopicOverrides.Entry entry : TopicOverrides.entries(config.originals())) {
            if (MappingConfig.NAMESPACE.equals(entry.setting())) {
                namespaces.add(entry.value().trim());
            } else if (MappingConfig.WRITE_ACTION.equals(entry.setting())) {
                actions.add(entry.value().trim().toLowerCase(Locale.ROOT));
            } else if (MappingConfig.VALUE_FORMAT.equals(entry.setting())) {
                formats.add(entry.value().trim().toLowerCase(Locale.ROOT));
            }
        }
        WriteConfig write = config.write();
        return "AeroSink task started: Aerospike " + cluster
                + "; namespace " + String.join(", ", namespaces)
                + "; write.action " + String.join(", ", actions)
                + "; value.format " + String.join(", ", formats)
                + "; batch.size " + write.batchSize()
                + ", linger.ms " + write.lingerMs()
                + ", batch.max.bytes " + write.batchMaxBytes()
                + ", max.in.flight.batches " + write.maxInFlightBatches()
                + ", max.buffered.records " + write.maxBufferedRecords()
                + "; key digests " + (digestLanes > 1
                        ? digestLanes + " at a time (jdk.incubator.vector)"
                        : "one at a time (--add-modules jdk.incubator.vector in the worker's JVM options digests"
                                + " them many at a time)");
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
