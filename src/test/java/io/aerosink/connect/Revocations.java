package io.aerosink.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.common.TopicPartition;

/**
 * When each partition was closed and opened again, on a model's clock: from close() returning until the partition
 * is open again, nothing of it may be sent. Shared by the model tests of the write path.
 */
final class Revocations {

    private static final class Revocation {
        final TopicPartition partition;
        final long closedSeq;
        long openedSeq = Long.MAX_VALUE;

        Revocation(TopicPartition partition, long closedSeq) {
            this.partition = partition;
            this.closedSeq = closedSeq;
        }
    }

    private final List<Revocation> revocations = new ArrayList<>();

    /** Closed at {@code seq} and revoked until {@link #opened}. */
    void closed(TopicPartition tp, long seq) {
        revocations.add(new Revocation(tp, seq));
    }

    /** Closed and opened again at once, as in an eager rebalance or a replay. */
    void closedAndOpened(TopicPartition tp, long closedSeq, long openedSeq) {
        Revocation revocation = new Revocation(tp, closedSeq);
        revocation.openedSeq = openedSeq;
        revocations.add(revocation);
    }

    void opened(TopicPartition tp, long seq) {
        revocations.stream().filter(r -> r.partition.equals(tp) && r.openedSeq == Long.MAX_VALUE)
                .forEach(r -> r.openedSeq = seq);
    }

    /** Fails when a call that started at {@code seq} carried a partition that was revoked then. */
    void check(long seq, Collection<TopicPartition> partitions, String call) {
        for (Revocation r : revocations) {
            if (seq > r.closedSeq && seq < r.openedSeq && partitions.contains(r.partition)) {
                throw new AssertionError("#" + seq + " " + call + " wrote a key of " + r.partition
                        + " after close(" + r.partition + ") returned at #" + r.closedSeq
                        + (r.openedSeq == Long.MAX_VALUE ? ", while it is revoked" : ", before open at #" + r.openedSeq));
            }
        }
    }
}
