package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

    private final OffsetTracker tracker = new OffsetTracker();

    private static RecordTicket done(String topic, int partition, long offset) {
        RecordTicket ticket = new RecordTicket(Writes.record(topic, partition, offset));
        ticket.seal();
        return ticket;
    }

    private static RecordTicket pending(String topic, int partition, long offset) {
        RecordTicket ticket = new RecordTicket(Writes.record(topic, partition, offset));
        ticket.open();
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
        assertEquals(Map.of(new TopicPartition("t", 0), new OffsetAndMetadata(10_000)), tracker.committable(Map.of()));
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
                new TopicPartition("t", 1), new OffsetAndMetadata(2)), tracker.committable(Map.of()));
        assertEquals(1, tracker.openCount());

        slow.close();
        tracker.track(done("t", 0, 3));
        assertEquals(new OffsetAndMetadata(4), tracker.committable(Map.of()).get(new TopicPartition("t", 0)));
        assertEquals(0, tracker.openCount());
    }

    @Test
    void forgottenPartitionsStartAfresh() {
        tracker.track(done("t", 0, 5));
        tracker.track(done("u", 0, 7));
        tracker.forget(List.of(new TopicPartition("t", 0)));
        tracker.track(done("t", 0, 9));
        assertEquals(Map.of(new TopicPartition("t", 0), new OffsetAndMetadata(10),
                new TopicPartition("u", 0), new OffsetAndMetadata(8)), tracker.committable(Map.of()));
    }

    @Test
    void aPartitionWithNothingOpenCommitsWhatTheWorkerConsumed() {
        // Records an SMT dropped never reach the task: only the worker's offset moves the partition on.
        TopicPartition filtered = new TopicPartition("t", 1);
        TopicPartition busy = new TopicPartition("t", 0);
        tracker.track(done("t", 0, 3));
        tracker.track(pending("t", 0, 4));
        tracker.track(done("t", 1, 0));
        Map<TopicPartition, OffsetAndMetadata> consumed = Map.of(busy, new OffsetAndMetadata(9),
                filtered, new OffsetAndMetadata(120), new TopicPartition("u", 0), new OffsetAndMetadata(55));
        assertEquals(Map.of(busy, new OffsetAndMetadata(4), filtered, new OffsetAndMetadata(120),
                new TopicPartition("u", 0), new OffsetAndMetadata(55)), tracker.committable(consumed));
    }

    @Test
    void forgettingAPartitionHandsBackTheLeaseItsWritesWereConsumedUnder() {
        RecordTicket ticket = pending("t", 0, 1);
        tracker.track(ticket);
        assertEquals(Set.of(ticket.lease()), tracker.forget(List.of(new TopicPartition("t", 0))));
        RecordTicket again = pending("t", 0, 1);
        tracker.track(again);
        assertNotSame(ticket.lease(), again.lease(), "a partition that comes back gets a lease of its own");
    }
}
