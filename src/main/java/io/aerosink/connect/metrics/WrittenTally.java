package io.aerosink.connect.metrics;

/**
 * Counts the record writes of a settled batch into their topic's counter and moves the topic's and the task's
 * newest written timestamp, a run of records of the same topic at a time (as {@link TopicTally} does): per record
 * it only compares, the counters and the volatile timestamps are touched once per run. Used by one thread, the
 * task thread; {@link #flush} at the end of each batch.
 */
public final class WrittenTally {

    private static final long NONE = -1;

    private final TaskMetrics metrics;
    private String topic;
    private long count;
    private long newestMs = NONE;

    WrittenTally(TaskMetrics metrics) {
        this.metrics = metrics;
    }

    /** One record write of {@code recordTopic} is in Aerospike; {@code timestampMs} is its record's, or null. */
    public void add(String recordTopic, Long timestampMs) {
        if (topic != null && !topic.equals(recordTopic)) {
            flush();
        }
        topic = recordTopic;
        count++;
        if (timestampMs != null && timestampMs > newestMs) {
            newestMs = timestampMs;
        }
    }

    public void flush() {
        if (topic != null && count > 0) {
            TopicMetrics topicMetrics = metrics.topic(topic);
            topicMetrics.written.add(count);
            topicMetrics.eventTimeLag.written(newestMs);
            metrics.eventTimeLag().written(newestMs);
        }
        topic = null;
        count = 0;
        newestMs = NONE;
    }
}
