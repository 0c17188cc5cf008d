package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final OffsetTracker tracker = new OffsetTracker();

    private static RecordTicket done(String topic, int partition, long offset) {
        RecordTicket ticket = Writes.ticket(topic, partition, offset);
        ticket.seal();
        return ticket;
    }

    private static RecordTicket pending(String topic, int partition, long offset) {
        RecordTicket ticket = Writes.ticket(topic, partition, offset);
        ticket.opened();
        ticket.seal();
        return ticket;
    }

    @Test
    void doneRecordsAreDroppedAsNewOnesArriveWithoutWaitingForACommit() {
        // The worker asks for offsets once a minute: written records must not pile up until then.
        for (long offset = 0; offset < 10_000; offset++) {
            tracker.track(done("t", 0, offset));
        }
        assertEquals(1, tracker.trackedCount());
        assertEquals(Map.of(new TopicPartition("t", 0), new OffsetAndMetadata(10_000)), tracker.committable());
        assertEquals(0, tracker.trackedCount());
    }

    @Test
    void aRecordStillOpenHoldsBackItsPartitionOnly() {
        RecordTicket slow = pending("t", 0, 1);
        tracker.track(done("t", 0, 0));
        tracker.track(slow);
        tracker.track(done("t", 0, 2));
        tracker.track(done("t", 1, 0));
        tracker.track(done("t", 1, 1));
        assertEquals(Map.of(new TopicPartition("t", 0), new OffsetAndMetadata(1),
                new TopicPartition("t", 1), new OffsetAndMetadata(2)), tracker.committable());
        assertEquals(1, tracker.openCount());

        slow.closed();
        tracker.track(done("t", 0, 3));
        assertEquals(new OffsetAndMetadata(4), tracker.committable().get(new TopicPartition("t", 0)));
        assertEquals(0, tracker.openCount());
    }

    @Test
    void forgottenPartitionsStartAfresh() {
        tracker.track(done("t", 0, 5));
        tracker.track(done("u", 0, 7));
        tracker.forget(List.of(new TopicPartition("t", 0)));
        tracker.track(done("t", 0, 9));
        assertEquals(Map.of(new TopicPartition("t", 0), new OffsetAndMetadata(10),
                new TopicPartition("u", 0), new OffsetAndMetadata(8)), tracker.committable());
    }
}
