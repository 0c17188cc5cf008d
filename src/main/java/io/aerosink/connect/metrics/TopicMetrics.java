package io.aerosink.connect.metrics;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** One topic's counts within a task; its bean adds {@code ,topic=<topic>} to the task's name. */
public final class TopicMetrics {

    final LongAdder written = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder filtered = new LongAdder();
    final EventTimeLag eventTimeLag;

    TopicMetrics(LongSupplier wallClockMs) {
        this.eventTimeLag = new EventTimeLag(wallClockMs);
    }

    AttributeBean bean() {
        return new AttributeBean("AeroSink sink task metrics of one topic")
                .add("records-written-total", "Record writes of this topic in Aerospike (stale ones included)",
                        written::sum)
                .add("records-dead-lettered-total", "Records of this topic that failed for good and were "
                        + "reported (to the DLQ when one is set)", deadLettered::sum)
                .add("records-filtered-total", "Record writes of this topic the write fence dropped as stale",
                        filtered::sum)
                .add("event-time-lag-ms", EventTimeLag.DOC + " of this topic", eventTimeLag::lagMs);
    }

    LongAdder deadLettered() {
        return deadLettered;
    }

    LongAdder filtered() {
        return filtered;
    }
}
