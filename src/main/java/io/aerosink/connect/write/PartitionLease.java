package io.aerosink.connect.write;

import org.apache.kafka.common.TopicPartition;

/**
 * A partition as one assignment of it to this task: from the first record consumed after {@code open} until
 * {@code close}. Once revoked, nothing consumed under it is sent, retried or dead-lettered again, even when the
 * partition comes back to this task under a new lease. Guarded by the {@link BatchWriter}'s lock, except
 * the fence's packing caches, which writer threads may each compute: they are always the same bytes.
 */
public final class PartitionLease {

    final TopicPartition partition;
    /** "topic/partition": the partition's key in an offset fence's map, made once rather than per write. */
    final String fenceKey;
    boolean revoked;
    /** Writes of this lease in batches being sent now. */
    int inFlight;
    /** The highest offset fence value any batch has carried for this lease, or -1 (see {@link BatchFence}). */
    long highestFenceSent = -1;
    /** Scratch of {@link BatchFence#mark} within one batch: whether it met this lease, and its lowest value. */
    boolean inBatch;
    long batchLowest;
    /** The offset fence's filter bytes before the value, for this partition (see {@link Fence#filter}). */
    volatile byte[] filterPrefix;
    /** The offset fence's packed map put around the value, for this partition (see {@link Fence#store}). */
    volatile byte[] mapPutPrefix;
    volatile byte[] mapPutSuffix;

    PartitionLease(TopicPartition partition) {
        this.partition = partition;
        this.fenceKey = partition.topic() + "/" + partition.partition();
    }
}
