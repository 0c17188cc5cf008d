package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

import io.aerosink.connect.errors.KeyFailure;

/**
 * Dead letters sent and not yet acknowledged. Their records stay open for the offsets until the dead-letter
 * queue has them: an offset committed past a letter that never arrived would lose the record. Task thread only.
 */
public final class DeadLetters {

    private record Sent(KeyFailure failure, RecordTicket ticket, Future<?> ack) {
    }

    private final List<Sent> unacknowledged = new ArrayList<>();
    private ConnectException lost;

    /** A dead letter of this record's; the record stays open until it is acknowledged. */
    public void sent(KeyFailure failure, RecordTicket ticket, Future<?> ack) {
        unacknowledged.add(new Sent(failure, ticket, ack));
    }

    /**
     * Takes the records of letters the queue has acknowledged, one per letter. A letter that could not be
     * written keeps its record open and is remembered as {@link #lost}.
     */
    public List<RecordTicket> takeAcknowledged() {
        if (unacknowledged.isEmpty()) {
            return List.of();
        }
        List<RecordTicket> acknowledged = new ArrayList<>();
        for (Iterator<Sent> it = unacknowledged.iterator(); it.hasNext(); ) {
            Sent sent = it.next();
            if (!sent.ack().isDone()) {
                continue;
            }
            it.remove();
            try {
                sent.ack().get();
                acknowledged.add(sent.ticket());
            } catch (ExecutionException | CancellationException e) {
                Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
                if (lost == null) {
                    lost = new ConnectException("Could not write to the dead-letter queue (" + cause + ") the failure"
                            + " of " + sent.failure().describe() + ". Its offset is not committed: the record is"
                            + " consumed again after a restart", cause);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ConnectException("Interrupted while reading a dead-letter acknowledgement", e);
            }
        }
        return acknowledged;
    }

    /**
     * Forgets the letters of revoked partitions not yet acknowledged: the worker cancels them when it loses the
     * partitions, which is no lost letter of this task's, and the new owner consumes those records again.
     */
    public void forget(Set<TopicPartition> revoked) {
        unacknowledged.removeIf(sent -> revoked.contains(new TopicPartition(
                sent.ticket().record().originalTopic(), sent.ticket().record().originalKafkaPartition())));
    }

    /** The first dead letter that the queue did not take, or null. */
    public ConnectException lost() {
        return lost;
    }
}
