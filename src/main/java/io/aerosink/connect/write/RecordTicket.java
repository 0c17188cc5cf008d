package io.aerosink.connect.write;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One consumed record and how many of its writes are still open. Its offset is committable once it is
 * sealed (all its writes are known) and every write is in Aerospike or reported as failed.
 *
 * <p>A record of many rows is handed to the writer while it is still being converted, so the task thread
 * opens writes that writer threads may be closing: the count is atomic. A write is always opened before it is
 * handed over, and the record is sealed after its last write is opened, so a done record stays done.
 */
public final class RecordTicket {

    private static final AtomicIntegerFieldUpdater<RecordTicket> OPEN =
            AtomicIntegerFieldUpdater.newUpdater(RecordTicket.class, "open");

    private final SinkRecord record;
    private volatile int open;
    private volatile boolean sealed;

    public RecordTicket(SinkRecord record) {
        this.record = record;
    }

    public SinkRecord record() {
        return record;
    }

    public long offset() {
        return record.originalKafkaOffset();
    }

    /** Counts one more write of this record. */
    void opened() {
        OPEN.incrementAndGet(this);
    }

    /** One of this record's writes is in Aerospike or reported. */
    void closed() {
        OPEN.decrementAndGet(this);
    }

    /** No further writes of this record will be opened. */
    public void seal() {
        sealed = true;
    }

    boolean done() {
        return sealed && open == 0;
    }
}
