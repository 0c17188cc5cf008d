package io.aerosink.connect.metrics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

/**
 * Counts records of a settled batch into one per-topic counter, a run of records of the same topic at a time:
 * the topic's counters are looked up when the topic changes, not per record (records of a batch mostly come in
 * runs of a topic). Used by one thread at a time; {@link #flush} at the end of each batch.
 */
public final class TopicTally {

    private final TaskMetrics metrics;
    private final Function<TopicMetrics, LongAdder> counter;
    private String topic;
    private long count;

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

    public void flush() {
        if (topic != null && count > 0) {
            counter.apply(metrics.topic(topic)).add(count);
        }
        topic = null;
        count = 0;
    }
}
