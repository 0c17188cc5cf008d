package io.aerosink.connect.write;

import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One consumed record and how many of its outcomes are still open: each write of its keys, and each dead letter
 * of a row that could not be converted. Its offset is committable once it is sealed (all its writes are known)
 * and every outcome is in: written, or dead-lettered and acknowledged. Task thread only: writer threads hand
 * their outcomes back through {@link BatchWriter#takeSettled()} instead of touching the count.
 */
public final class RecordTicket {

    private final SinkRecord record;
    private PartitionLease lease;
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

    /** The assignment of the record's partition this record was consumed under; set when it is tracked. */
    PartitionLease lease() {
        return lease;
    }

    void lease(PartitionLease lease) {
        this.lease = lease;
    }

    /** One more outcome of this record to wait for. */
    public void open() {
        open++;
    }

    /** One outcome of this record is in. */
    public void close() {
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
