package io.aerosink.connect.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import javax.management.ObjectName;

import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * One task's metrics, and their beans: {@code io.aerosink:type=sink-task-metrics,connector=<name>,task=<id>},
 * and one per topic with {@code ,topic=<topic>} added; on workers that have them, the same values as the task's
 * plugin metrics too. Each value has one owner that records it where the fact is
 * decided: written, dead-lettered and the newest written timestamp the task thread as it settles outcomes,
 * retries, stale writes, the outage and the last result code the result handler, batch calls, their latency and
 * the gauges of the buffer the writer, folds the write buffer, paused partitions the task's pauses. Recording
 * takes no lock and allocates nothing: counters are {@link LongAdder}s, gauges volatile fields their one writer
 * sets (under the writer's lock where it has one). Statistics over many values (latency percentiles, the event-time
 * lag) are computed when read.
 */
public final class TaskMetrics {

    private final String connector;
    private final String task;
    private final int maxBuffered;
    private final LongSupplier nanoClock;
    private final LongSupplier wallClockMs;
    private final MetricsRegistrar registrar;
    /** Where the beans are published while registered. */
    private final List<BeanSink> sinks = new ArrayList<>();
    private final Map<String, TopicMetrics> topics = new ConcurrentHashMap<>();

    private final LongAdder written = new LongAdder();
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder retried = new LongAdder();
    private final LongAdder folded = new LongAdder();
    private final LongAdder filtered = new LongAdder();
    private final LongAdder fenceResent = new LongAdder();
    private final LongAdder batchCalls = new LongAdder();
    private final LongAdder batchKeys = new LongAdder();
    private final LatencyWindow latency = new LatencyWindow();
    private final EventTimeLag eventTimeLag;
    private volatile int batchesInFlight;
    private volatile int buffered;
    private volatile int partitionsPaused;
    /** When the current outage began (nano clock), or -1. */
    private volatile long outageSinceNanos = -1;
    private volatile int lastResultCode;

    /**
     * Metrics of task {@code task} of connector {@code connector}, not registered until
     * {@link #register(SinkTaskContext)} ({@code maxBuffered} is {@code max.buffered.records}; {@code wallClockMs},
     * ms since the epoch, is what record timestamps are compared with).
     */
    public TaskMetrics(String connector, String task, int maxBuffered, LongSupplier nanoClock,
                       LongSupplier wallClockMs) {
        this.connector = connector;
        this.task = task;
        this.maxBuffered = maxBuffered;
        this.nanoClock = nanoClock;
        this.wallClockMs = wallClockMs;
        this.eventTimeLag = new EventTimeLag(wallClockMs);
        this.registrar = new MetricsRegistrar(connector, task);
    }

    /** Metrics that are kept but never registered: for a writer built without a task (tests, benchmarks). */
    public static TaskMetrics unregistered(int maxBuffered) {
        return new TaskMetrics("unregistered", "0", maxBuffered, System::nanoTime, System::currentTimeMillis);
    }

    public ObjectName name() {
        return MetricsRegistrar.name(connector, task, null);
    }

    /**
     * Registers the task's bean and those of the topics seen so far, in JMX and in the worker's plugin metrics of
     * the task of {@code context} where there are any; topics seen later register as they come.
     */
    public synchronized void register(SinkTaskContext context) {
        sinks.add(registrar);
        BeanSink pluginMetrics = WorkerPluginMetrics.of(context);
        if (pluginMetrics != null) {
            sinks.add(pluginMetrics);
        }
        for (BeanSink sink : sinks) {
            sink.add(null, bean());
            topics.forEach((topic, metrics) -> sink.add(topic, metrics.bean()));
        }
    }

    /** Unregisters every bean of this task; the counters stay readable through this object. */
    public synchronized void unregister() {
        for (BeanSink sink : sinks) {
            sink.remove(null);
            for (String topic : List.copyOf(topics.keySet())) {
                sink.remove(topic);
            }
        }
        sinks.clear();
    }

    TopicMetrics topic(String topic) {
        TopicMetrics metrics = topics.get(topic);
        return metrics != null ? metrics : newTopic(topic);
    }

    private synchronized TopicMetrics newTopic(String topic) {
        return topics.computeIfAbsent(topic, t -> {
            TopicMetrics metrics = new TopicMetrics(wallClockMs);
            for (BeanSink sink : sinks) {
                sink.add(t, metrics.bean());
            }
            return metrics;
        });
    }

    EventTimeLag eventTimeLag() {
        return eventTimeLag;
    }

    /** Per-topic written counts and newest timestamps of one settled batch: add each record write, then flush. */
    public TopicTally writtenByTopic() {
        return new TopicTally(this, topic -> topic.written);
    }

    public TopicTally deadLetteredByTopic() {
        return new TopicTally(this, TopicMetrics::deadLettered);
    }

    public TopicTally filteredByTopic() {
        return new TopicTally(this, TopicMetrics::filtered);
    }

    public void written(long records) {
        written.add(records);
    }

    public void deadLettered(long records) {
        deadLettered.add(records);
    }

    public void retried(long records) {
        retried.add(records);
    }

    public void folded() {
        folded.increment();
    }

    public void filtered(long records) {
        filtered.add(records);
    }

    public void fenceResent(long records) {
        fenceResent.add(records);
    }

    /** A batch call of {@code keys} keys finished, after {@code durationNanos}. */
    public void batchCall(int keys, long durationNanos) {
        batchCalls.increment();
        batchKeys.add(keys);
        latency.record(durationNanos);
    }

    public void batchesInFlight(int batches) {
        batchesInFlight = batches;
    }

    public void buffered(int records) {
        buffered = records;
    }

    public void partitionsPaused(int partitions) {
        partitionsPaused = partitions;
    }

    public void outageStarted(long sinceNanos) {
        outageSinceNanos = sinceNanos;
    }

    public void outageEnded() {
        outageSinceNanos = -1;
    }

    public void resultCode(int code) {
        lastResultCode = code;
    }

    private double keysPerBatch() {
        long calls = batchCalls.sum();
        return calls == 0 ? 0 : (double) batchKeys.sum() / calls;
    }

    private long outageSeconds() {
        long since = outageSinceNanos;
        return since < 0 ? 0 : TimeUnit.NANOSECONDS.toSeconds(nanoClock.getAsLong() - since);
    }

    private AttributeBean bean() {
        return new AttributeBean("AeroSink sink task metrics")
                .add("records-written-total", "Record writes in Aerospike (stale ones the fence dropped included)",
                        written::sum)
                .add("records-dead-lettered-total", "Records that failed for good and were reported (to the DLQ "
                        + "when one is set), once acknowledged", deadLettered::sum)
                .add("records-retried-total", "Record writes sent again after a transient refusal or an outage",
                        retried::sum)
                .add("records-folded-total", "Records folded into a write of their key still waiting", folded::sum)
                .add("records-filtered-total", "Record writes the write fence dropped as stale (FILTERED_OUT)",
                        filtered::sum)
                .add("records-fence-resent-total", "Record writes the batch call's shared fence filter dropped and "
                        + "that went again under their own filter, which decides", fenceResent::sum)
                .add("batch-calls-total", "Batch calls made to Aerospike", batchCalls::sum)
                .add("batch-keys-total", "Keys sent in batch calls, a key sent again counted again", batchKeys::sum)
                .add("batch-keys-avg", "Keys per batch call since the task started", this::keysPerBatch)
                .add("batch-latency-avg-ms", "Average duration of the last " + LatencyWindow.SIZE + " batch calls",
                        latency::averageMs)
                .add("batch-latency-max-ms", "Longest of the last " + LatencyWindow.SIZE + " batch calls",
                        latency::maxMs)
                .add("batch-latency-p50-ms", "Median duration of the last " + LatencyWindow.SIZE + " batch calls",
                        () -> latency.percentileMs(50))
                .add("batch-latency-p99-ms", "99th percentile (nearest rank) of the durations of the last "
                        + LatencyWindow.SIZE + " batch calls", () -> latency.percentileMs(99))
                .add("batches-in-flight", "Batch calls being made now", () -> batchesInFlight)
                .add("records-buffered", "Record writes held, waiting or in flight", () -> buffered)
                .add("records-buffered-max", "The bound on records-buffered: max.buffered.records", () -> maxBuffered)
                .add("partitions-paused", "Partitions the task paused for back-pressure", () -> partitionsPaused)
                .add("outage", "1 while Aerospike is unreachable or overloaded, else 0",
                        () -> outageSinceNanos < 0 ? 0 : 1)
                .add("outage-seconds", "How long the current outage has lasted, 0 when there is none",
                        this::outageSeconds)
                .add("last-result-code", "Aerospike result code of the last batch call: the call's error, else "
                        + "the last key's code other than OK, else 0 (OK)", () -> lastResultCode)
                .add("event-time-lag-ms", EventTimeLag.DOC, eventTimeLag::lagMs);
    }
}
