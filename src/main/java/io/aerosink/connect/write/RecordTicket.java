package io.aerosink.connect.write;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One consumed record and how many of its writes are still open. Its offset is committable once it is
 * sealed (all its writes are known) and every write is in Aerospike or reported as failed.
 * Guarded by the {@link BatchWriter}'s lock once handed to it.
 */
public final class RecordTicket {

    private final SinkRecord record;
    private int open;
    private boolean sealed;

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
        open++;
    }

    /** One of this record's writes is in Aerospike or reported. */
    void closed() {
        open--;
    }

    /** No further writes of this record will be opened. */
    public void seal() {
        sealed = true;
    }

    boolean done() {
        return sealed && open == 0;
    }
}
