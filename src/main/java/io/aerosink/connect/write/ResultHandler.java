package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.ResultCode;

import io.aerosink.connect.config.WriteConfig;
import io.aerosink.connect.errors.Backoff;
import io.aerosink.connect.errors.FailureClass;
import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.errors.ResultClassifier;
import io.aerosink.connect.errors.ResultCodes;
import io.aerosink.connect.metrics.TaskMetrics;
import io.aerosink.connect.metrics.TopicTally;

/**
 * Settles each key of a finished batch call: written, retried, split back into its records, failed for good,
 * or dropped because its partition was revoked meanwhile. Owns what follows from results: the settled writes
 * waiting for the task, the outage state and its backoff, and the fatal error. Guarded by the
 * {@link BatchWriter}'s lock.
 */
final class ResultHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ResultHandler.class);
    private static final long OUTAGE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final WriteBuffer buffer;
    private final int batchSize;
    private final int maxRetries;
    private final Backoff backoff;
    private final TaskMetrics metrics;
    /** Stale writes of the batch being settled, by topic. */
    private final TopicTally filteredByTopic;
    private final RefusalProbe refusalProbe;

    private List<RecordTicket> written = new ArrayList<>();
    private long filtered;
    private List<FailedWrite> failed = new ArrayList<>();
    private ConnectException fatal;
    private int consecutiveOutages;
    private long pausedUntilNanos;
    private long outageSinceNanos = -1;
    private long lastOutageLogNanos;
    /** The most records held at once during the current outage, for the line that says it is over. */
    private int outageHeldMost;

    ResultHandler(WriteBuffer buffer, int batchSize, int maxRetries, Backoff backoff, TaskMetrics metrics,
                  RefusalProbe refusalProbe) {
        this.buffer = buffer;
        this.refusalProbe = refusalProbe;
        this.metrics = metrics;
        this.filteredByTopic = metrics.filteredByTopic();
        this.batchSize = batchSize;
        this.maxRetries = maxRetries;
        this.backoff = backoff;
    }

    ConnectException fatal() {
        return fatal;
    }

    /** Until when no batch may be sent: the backoff of an outage. */
    long pausedUntilNanos() {
        return pausedUntilNanos;
    }

    Settled take() {
        if (written.isEmpty() && failed.isEmpty()) {
            return Settled.NONE;
        }
        Settled settled = new Settled(written, failed);
        written = new ArrayList<>();
        failed = new ArrayList<>();
        return settled;
    }

    /** Forgets what was settled for revoked partitions and not yet taken: the new owner writes those records. */
    void forget(Set<PartitionLease> revoked) {
        written.removeIf(ticket -> revoked.contains(ticket.lease()));
        failed.removeIf(f -> revoked.contains(f.ticket().lease()));
    }

    /** Something no retry can fix: the task stops with the first such error; {@code cause} may be null. */
    void fail(String message, Throwable cause) {
        if (fatal == null) {
            fatal = new ConnectException(message, cause);
            LOG.error(message, cause);
        }
    }

    void complete(List<QueuedWrite> batch, List<BatchRecord> records, Throwable error, long now) {
        FailureClass callClass = classifyCall(error);
        if (error != null) {
            metrics.resultCode(error instanceof AerospikeException ae ? ae.getResultCode() : ResultCode.CLIENT_ERROR);
        }
        if (callClass == FailureClass.FATAL) {
            int code = error instanceof AerospikeException ae ? ae.getResultCode() : ResultCode.CLIENT_ERROR;
            fail("Aerospike refused a batch call in a way no retry can fix: " + describe(error) + ". "
                    + remedy(code), error);
            batch.forEach(w -> keep(w, now));
            return;
        }
        if (callClass == FailureClass.OUTAGE && batch.size() == 1 && !batch.get(0).lease().revoked
                && tooLargeForTheServer(batch.get(0))) {
            // The server drops the connection of a request over its limit: that is this record's size, not an
            // outage, and retrying it would stall its partition for good.
            refused(batch.get(0), ResultCode.RECORD_TOO_BIG, "the record's request of about "
                    + batch.get(0).bytes / (1024 * 1024) + " MiB is over Aerospike's "
                    + WriteConfig.SERVER_REQUEST_LIMIT_BYTES / (1024 * 1024) + " MiB request limit; the server "
                    + "dropped the connection (" + describe(error) + ")");
            return;
        }
        boolean outage = false;
        int keyCode = ResultCode.OK;
        for (int i = 0; i < batch.size(); i++) {
            QueuedWrite write = batch.get(i);
            BatchRecord record = records.get(i);
            if (write.lease().revoked) {
                buffer.finished(write);
                continue;
            }
            if (record.resultCode == ResultCode.FILTERED_OUT && write.batchFiltered) {
                // The call's filter is coarser than the write's own: the write goes again under its own, which
                // decides (see BatchFence). It is not a failure, so it costs no attempt and waits no backoff.
                LOG.debug("Write fence: {} is sent again under its own filter", describeKey(write));
                metrics.fenceResent(write.partCount());
                buffer.retry(write, now);
                continue;
            }
            FailureClass keyClass = ResultClassifier.classify(record.resultCode, write.action, write.inDoubt);
            if (keyClass == FailureClass.OUTAGE && callClass == FailureClass.DATA) {
                // The call failed for a reason of its own, not reachability: give its keys bounded retries.
                keyClass = FailureClass.TRANSIENT;
            }
            write.inDoubt |= record.inDoubt;
            if (record.resultCode != ResultCode.OK) {
                keyCode = record.resultCode;
            }
            switch (keyClass) {
                case SUCCESS -> succeeded(write, record.resultCode);
                case DATA -> refused(write, record.resultCode, "Aerospike refused the write");
                case TRANSIENT -> retryOrRefuse(write, record.resultCode, now);
                case OUTAGE -> {
                    outage = true;
                    metrics.retried(write.partCount());
                    buffer.retry(write, now);
                }
                case FATAL -> {
                    buffer.retry(write, now);
                    fail("Aerospike refused the write of " + describeKey(write) + " with "
                            + ResultCodes.describe(record.resultCode) + "; this is a configuration or permission "
                            + "problem, not one of the record. " + remedy(record.resultCode), null);
                }
                default -> throw new IllegalStateException("unknown failure class " + keyClass);
            }
        }
        filteredByTopic.flush();
        if (error == null) {
            metrics.resultCode(keyCode);
        }
        if (outage) {
            enterOutage(now, error);
        } else if (consecutiveOutages > 0) {
            LOG.info("Aerospike is reachable again after {} s; up to {} records waited, none dead-lettered; writing "
                    + "resumes", TimeUnit.NANOSECONDS.toSeconds(now - outageSinceNanos), outageHeldMost);
            consecutiveOutages = 0;
            outageHeldMost = 0;
            outageSinceNanos = -1;
            metrics.outageEnded();
        }
    }

    /** Within a mebibyte of the limit counts: the estimate leaves out the request's own headers. */
    private static boolean tooLargeForTheServer(QueuedWrite write) {
        return write.bytes >= WriteConfig.SERVER_REQUEST_LIMIT_BYTES - 1024 * 1024;
    }

    /** After a fatal error the write stays held (the task stops), unless its partition is gone. */
    private void keep(QueuedWrite write, long now) {
        if (write.lease().revoked) {
            buffer.finished(write);
        } else {
            buffer.retry(write, now);
        }
    }

    private static FailureClass classifyCall(Throwable error) {
        if (error == null) {
            return FailureClass.SUCCESS;
        }
        if (error instanceof AerospikeException ae) {
            return ResultClassifier.classifyCall(ae);
        }
        return FailureClass.FATAL;
    }

    private void enterOutage(long now, Throwable error) {
        consecutiveOutages++;
        if (outageSinceNanos < 0) {
            outageSinceNanos = now;
            metrics.outageStarted(now);
        }
        outageHeldMost = Math.max(outageHeldMost, buffer.held());
        refusalProbe.outage(now);
        long delayMs = backoff.delayMs(consecutiveOutages);
        pausedUntilNanos = now + TimeUnit.MILLISECONDS.toNanos(delayMs);
        if (consecutiveOutages == 1 || now - lastOutageLogNanos >= OUTAGE_LOG_INTERVAL_NANOS) {
            lastOutageLogNanos = now;
            LOG.warn("Aerospike unreachable or overloaded for {} s ({}); {} records held, none dead-lettered; "
                            + "next attempt in {} ms", TimeUnit.NANOSECONDS.toSeconds(now - outageSinceNanos),
                    describe(error), buffer.held(), delayMs);
        }
    }

    private void succeeded(QueuedWrite write, int resultCode) {
        if (write.isFolded()) {
            write.parts().forEach(part -> written.add(part.ticket));
        } else {
            written.add(write.first().ticket);
        }
        if (resultCode == ResultCode.FILTERED_OUT) {
            filtered += write.partCount();
            metrics.filtered(write.partCount());
            filteredByTopic.add(write.first().ticket.record().originalTopic(), write.partCount());
            LOG.debug("Write fence dropped a stale write of {} ({} records)", describeKey(write), write.partCount());
        }
        buffer.finished(write);
    }

    /** Records whose writes the write fence found stale, since the task started. */
    long filtered() {
        return filtered;
    }

    private void retryOrRefuse(QueuedWrite write, int resultCode, long now) {
        write.attempts++;
        if (write.attempts > maxRetries) {
            refused(write, resultCode, "still failing after " + maxRetries + " retries");
            return;
        }
        metrics.retried(write.partCount());
        buffer.retry(write, now + TimeUnit.MILLISECONDS.toNanos(backoff.delayMs(write.attempts)));
    }

    /** A fold is split back so that only the records Aerospike refuses on their own are dead-lettered. */
    private void refused(QueuedWrite write, int resultCode, String reason) {
        if (write.isFolded()) {
            buffer.split(write);
            return;
        }
        PendingWrite part = write.first();
        KeyFailure failure = KeyFailure.refused(part.ticket.record(), part.write.rowIndex(), part.write.rowBytes(),
                String.valueOf(part.write.key().userKey), resultCode, reason);
        failed.add(new FailedWrite(failure, part.ticket));
        buffer.finished(write);
    }

    private String remedy(int resultCode) {
        switch (resultCode) {
            case ResultCode.BATCH_MAX_REQUESTS_EXCEEDED:
                return "A batch call carries up to batch.size (" + batchSize + ") keys, more than the server's "
                        + "batch-max-requests allows: lower batch.size or raise batch-max-requests on the server.";
            case ResultCode.BATCH_DISABLED:
                return "Batch commands are disabled on the server: set its batch-index-threads above 0.";
            case ResultCode.INVALID_NAMESPACE:
                return "Check aerospike.namespace (and topic.<topic>.aerospike.namespace): the cluster has no "
                        + "such namespace.";
            default:
                if (resultCode >= ResultCode.SECURITY_NOT_SUPPORTED && resultCode <= ResultCode.QUOTA_EXCEEDED) {
                    return "Check aerospike.user and aerospike.password, and that the user's roles allow writes "
                            + "to the namespace and set.";
                }
                return "Check the connection settings (aerospike.hosts, aerospike.user, aerospike.namespace) and "
                        + "the user's permissions.";
        }
    }

    private static String describeKey(QueuedWrite write) {
        PendingWrite part = write.first();
        return "key '" + part.write.key().userKey + "' of topic '" + part.ticket.record().originalTopic()
                + "' partition " + part.ticket.record().originalKafkaPartition() + " offset " + part.ticket.offset();
    }

    private static String describe(Throwable error) {
        if (error == null) {
            return "no reply for some keys";
        }
        if (error instanceof AerospikeException ae) {
            return ResultCodes.describe(ae.getResultCode()) + ": " + ae.getMessage();
        }
        return error.toString();
    }
}
