package io.aerosink.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aerospike.client.AerospikeException;

import io.aerosink.connect.avro.RegistryUnavailableException;
import io.aerosink.connect.client.AerospikeBatchClient;
import io.aerosink.connect.client.BatchClient;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.config.StartupSummary;
import io.aerosink.connect.config.TaskNumber;
import io.aerosink.connect.errors.Backoff;
import io.aerosink.connect.errors.ErrorReporter;
import io.aerosink.connect.errors.ErrorReporters;
import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.mapping.ConversionSink;
import io.aerosink.connect.mapping.KeyWrite;
import io.aerosink.connect.mapping.TopicMappings;
import io.aerosink.connect.metrics.TaskMetrics;
import io.aerosink.connect.metrics.TopicTally;
import io.aerosink.connect.write.BatchWriter;
import io.aerosink.connect.write.DeadLetters;
import io.aerosink.connect.write.FailedWrite;
import io.aerosink.connect.write.OffsetTracker;
import io.aerosink.connect.write.PendingWrite;
import io.aerosink.connect.write.RecordTicket;
import io.aerosink.connect.write.Settled;
import io.aerosink.connect.write.TopicPolicies;
import io.aerosink.connect.write.WritePolicies;

/**
 * A started task, driven by the worker's task thread: converts what {@code put} gets into writes for the
 * {@link BatchWriter}, settles what the writer finished (records written, keys to dead-letter), decides on every
 * {@code put} whether to pause or resume, and tells {@code preCommit} which offsets are safe. Everything here
 * runs on the task thread; the writer's threads only send.
 */
public final class RunningTask {

    private static final Logger LOG = LoggerFactory.getLogger(RunningTask.class);
    private static final AtomicInteger TASKS = new AtomicInteger();
    /** How long put() waits for buffer space before it pauses consumption instead of blocking on. */
    static final long BACKPRESSURE_WAIT_MS = 5_000;

    private final TopicMappings mappings;
    private final TopicPolicies policies;
    private final BatchClient client;
    private final BatchWriter writer;
    private final ErrorReporter reporter;
    private final long closeTimeoutMs;
    private final long backpressureWaitMs;
    private final int batchSize;
    private final SinkTaskContext context;
    private final OffsetTracker offsets = new OffsetTracker();
    private final DeadLetters deadLetters = new DeadLetters();
    private final PartitionPauses pauses;
    private final Backoff registryBackoff;
    private final TaskMetrics metrics;
    private final TopicTally writtenByTopic;
    private final TopicTally deadLetteredByTopic;
    /**
     * The writes a put has converted and not yet handed over. One list for the task's life: a list per put grew
     * to {@code batch.size} again in every put of many-row messages, a copy of the whole array at each doubling.
     */
    private final List<PendingWrite> converted = new ArrayList<>();
    /** Puts in a row that found the schema registry unavailable. */
    private int registryOutages;

    RunningTask(SinkConfig config, SinkTaskContext context, BatchClient client, ErrorReporter reporter, BatchWriter writer) {
        this(config, context, client, reporter, writer, BACKPRESSURE_WAIT_MS);
    }

    RunningTask(SinkConfig config, SinkTaskContext context, BatchClient client, ErrorReporter reporter,
                BatchWriter writer, long backpressureWaitMs) {
        this.context = context;
        this.mappings = new TopicMappings(config);
        this.policies = new TopicPolicies(config);
        this.client = client;
        this.reporter = reporter;
        this.writer = writer;
        this.closeTimeoutMs = config.connection().timeoutMs() + 1_000L;
        this.backpressureWaitMs = backpressureWaitMs;
        this.batchSize = config.write().batchSize();
        this.metrics = writer.metrics();
        this.writtenByTopic = metrics.writtenByTopic();
        this.deadLetteredByTopic = metrics.deadLetteredByTopic();
        this.pauses = new PartitionPauses(context, metrics);
        this.registryBackoff = new Backoff(config.write().retryBackoffMs(), config.write().retryBackoffMaxMs());
    }

    static RunningTask start(SinkConfig config, SinkTaskContext context) {
        AerospikeBatchClient client = AerospikeBatchClient.connect(config.connection());
        LOG.info(StartupSummary.describe(config, client.describeCluster(config.connection()),
                TopicMappings.digestLanes()));
        // Connect's number of the task names its threads and its metrics (task=<n>). A task config without one,
        // stored by an earlier version of the plugin, gets a number of this worker's, apart from Connect's.
        String connector = String.valueOf(config.originals().getOrDefault("name", "aerosink"));
        String taskId = TaskNumber.of(config.originals()).orElseGet(() -> "worker-" + TASKS.incrementAndGet());
        TaskMetrics metrics = new TaskMetrics(connector, taskId, config.write().maxBufferedRecords(), System::nanoTime,
                System::currentTimeMillis);
        ErrorReporter reporter = ErrorReporters.create(config.tolerateErrors(), context.errantRecordReporter());
        RunningTask task = new RunningTask(config, context, client, reporter,
                new BatchWriter(client, config.write(), connector + "-" + taskId, System::nanoTime, metrics));
        metrics.register(context);
        return task;
    }

    void put(Collection<SinkRecord> records) {
        settle();
        if (pauses.any() && writer.hasCapacity()) {
            pauses.resumeAssigned();
        }
        if (records.isEmpty()) {
            return;
        }
        prepare(records);
        awaitRoom();
        Conversion conversion = new Conversion();
        for (SinkRecord record : records) {
            conversion.convert(record);
        }
        conversion.handOver();
    }

    /**
     * Fetches the writer schemas the records need before any of them is converted, so that a registry outage hands
     * the whole batch back to the worker (paused, and delivered again after a backoff) with nothing of it taken; and
     * lets the converters digest the records' keys together.
     */
    private void prepare(Collection<SinkRecord> records) {
        try {
            for (SinkRecord record : records) {
                if (record.originalTopic() != null) {
                    mappings.converter(record.originalTopic()).prepare(record);
                }
            }
            registryOutages = 0;
        } catch (RegistryUnavailableException e) {
            registryOutages++;
            context.timeout(registryBackoff.delayMs(registryOutages));
            throw e;
        }
    }

    /**
     * Never throws for a failed key or a fatal error: Connect answers a throwing preCommit by rewinding, not by
     * stopping the task, so those surface from the next {@code put()}.
     */
    Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> consumed) {
        closeSettled();
        Map<TopicPartition, OffsetAndMetadata> committable = offsets.committable(consumed);
        committable.keySet().retainAll(context.assignment());
        return committable;
    }

    /** Records whose offsets are not yet committable, as of the last put or preCommit (for tests). */
    int openRecords() {
        return offsets.openCount();
    }

    void close(Collection<TopicPartition> partitions) {
        Set<TopicPartition> revoked = new HashSet<>(partitions);
        deadLetters.forget(revoked);
        try {
            writer.revoke(offsets.forget(revoked), closeTimeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for writes of closed partitions", e);
        }
    }

    void stop() {
        try {
            writer.stop(closeTimeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            metrics.unregister();
            client.close();
        }
    }

    /**
     * Stops the task on a fatal error or a dead letter the queue refused, reports the keys that failed for good,
     * and closes the outcomes that are in.
     */
    private void settle() {
        throwIfFatal();
        closeSettled();
        ConnectException lost = deadLetters.lost();
        if (lost != null) {
            throw lost;
        }
    }

    private void throwIfFatal() {
        ConnectException fatal = writer.fatalError();
        if (fatal != null) {
            throw new ConnectException(fatal.getMessage(), fatal);
        }
    }

    /** The one place a record's outcomes are closed: its writes that are in Aerospike, its acknowledged letters. */
    private void closeSettled() {
        Settled settled = writer.takeSettled();
        for (FailedWrite failure : settled.failed()) {
            deadLetters.sent(failure.failure(), failure.ticket(), reporter.report(failure.failure()));
        }
        closeWritten(settled.written());
        closeDeadLettered(deadLetters.takeAcknowledged());
    }

    private void closeWritten(List<RecordTicket> written) {
        for (RecordTicket ticket : written) {
            ticket.close();
            SinkRecord record = ticket.record();
            writtenByTopic.addTimestamped(record.originalTopic(), record.timestamp());
        }
        writtenByTopic.flush();
        metrics.written(written.size());
    }

    private void closeDeadLettered(List<RecordTicket> deadLettered) {
        for (RecordTicket ticket : deadLettered) {
            ticket.close();
            deadLetteredByTopic.add(ticket.record().originalTopic(), 1);
        }
        deadLetteredByTopic.flush();
        metrics.deadLettered(deadLettered.size());
    }

    /**
     * Back-pressure: waits for buffer space; when Aerospike is slow for longer, pauses the partitions instead,
     * so the worker keeps polling (and stays in its group) while nothing new is fetched. Once paused, a partition
     * that delivers (one newly assigned) is paused at once.
     */
    private void awaitRoom() {
        try {
            boolean room = pauses.any() ? writer.hasCapacity() : writer.awaitCapacity(backpressureWaitMs);
            throwIfFatal();
            if (!room) {
                pauses.pauseAssigned(writer.held());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for buffer space", e);
        }
    }

    /** The records of one {@code put()} being converted, handed to the writer a batch at a time. */
    private final class Conversion implements ConversionSink {

        private final List<PendingWrite> writes = converted;
        private RecordTicket current;
        private WritePolicies currentPolicies;

        Conversion() {
            // A put that failed half way left its writes here, and its task stops: they are not to be sent.
            writes.clear();
        }

        void convert(SinkRecord record) {
            if (record.originalTopic() == null || record.originalKafkaPartition() == null) {
                // Such a record has no offset to commit: it is reported and goes no further.
                KeyFailure failure = KeyFailure.unconvertible(record, -1, null, "the record has no topic or partition");
                reporter.report(failure);
                return;
            }
            current = new RecordTicket(record);
            currentPolicies = policies.forTopic(record.originalTopic());
            offsets.track(current);
            try {
                mappings.converter(record.originalTopic()).convert(record, this);
            } catch (DataException | AerospikeException e) {
                fail(KeyFailure.unconvertible(record, -1, null, e.getMessage()));
            } catch (ConnectException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new ConnectException("Could not convert the record at topic '" + record.originalTopic()
                        + "' partition " + record.originalKafkaPartition() + " offset " + record.originalKafkaOffset()
                        + ": " + e, e);
            }
            current.seal();
        }

        @Override
        public void write(KeyWrite write) {
            current.open();
            writes.add(new PendingWrite(write, current, currentPolicies));
            if (writes.size() >= batchSize) {
                // A batch is ready: the writer sends it while the rest converts, even in the middle of a message
                // of many rows. The put then waits for room like a new one, so that it does not hold all its rows
                // on top of the bound; once the partitions are paused it goes on without waiting, to finish.
                handOver();
                awaitRoom();
            }
        }

        @Override
        public void fail(KeyFailure failure) {
            current.open();
            deadLetters.sent(failure, current, reporter.report(failure));
        }

        /** Hands the writes converted so far to the writer; the current record may still be open. */
        void handOver() {
            if (!writes.isEmpty()) {
                writer.accept(writes);
                writes.clear();
            }
        }
    }
}
