package io.aerosink.connect.metrics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Counts records of a settled batch into one per-topic counter, a run of records of the same topic at a time:
 * the topic's counters are looked up when the topic changes, not per record (records of a batch mostly come in
 * runs of a topic). For written records it also moves the topic's and the task's newest written timestamp, once per
 * run: per record it only compares. Used by one thread at a time; {@link #flush} at the end of each batch.
 */
public final class TopicTally {

    private static final long NONE = -1;

    private final TaskMetrics metrics;
    private final Function<TopicMetrics, LongAdder> counter;
    private String topic;
    private long count;
    private long newestMs = NONE;

    TopicTally(TaskMetrics metrics, Function<TopicMetrics, LongAdder> counter) {
        this.metrics = metrics;
        this.counter = counter;
    }

    public void add(String recordTopic, long records) {
        if (topic != null && !topic.equals(recordTopic)) {
            flush();
        }
        topic = recordTopic;
        count += records;
    }

    /** One record of {@code recordTopic} that moves the event-time lag; {@code timestampMs} is its own, or null. */
    public void addTimestamped(String recordTopic, Long timestampMs) {
        add(recordTopic, 1);
        if (timestampMs != null && timestampMs > newestMs) {
            newestMs = timestampMs;
        }
    }

    public void flush() {
        if (topic != null && count > 0) {
            TopicMetrics topicMetrics = metrics.topic(topic);
            counter.apply(topicMetrics).add(count);
            if (newestMs != NONE) {
                topicMetrics.eventTimeLag.written(newestMs);
                metrics.eventTimeLag().written(newestMs);
            }
        }
        topic = null;
        count = 0;
        newestMs = NONE;
    }
}
