package io.aerosink.connect;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
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

import io.aerosink.connect.client.AerospikeBatchClient;
import io.aerosink.connect.client.BatchClient;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.ErrorReporter;
import io.aerosink.connect.errors.ErrorReporters;
import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.mapping.ConversionSink;
import io.aerosink.connect.mapping.TopicMappings;
import io.aerosink.connect.write.BatchWriter;
import io.aerosink.connect.write.DeadLetters;
import io.aerosink.connect.write.FailedWrite;
import io.aerosink.connect.write.PendingWrite;
import io.aerosink.connect.write.RecordTicket;

/**
 * A started task: converts what {@code put} gets into writes for the {@link BatchWriter}, reports failed keys
 * from the task thread, and tells {@code preCommit} which offsets are safe.
 */
public final class RunningTask {

    private static final Logger LOG = LoggerFactory.getLogger(RunningTask.class);
    private static final AtomicInteger TASKS = new AtomicInteger();
    /** How long put() waits for buffer space before it pauses consumption instead of blocking on. */
    static final long BACKPRESSURE_WAIT_MS = 5_000;

    private final SinkTaskContext context;
    private final TopicMappings mappings;
    private final BatchClient client;
    private final BatchWriter writer;
    private final ErrorReporter reporter;
    private final long closeTimeoutMs;
    private final long backpressureWaitMs;
    private final int batchSize;
    private final DeadLetters deadLetters = new DeadLetters();
    private final Set<TopicPartition> paused = new HashSet<>();

    RunningTask(SinkConfig config, SinkTaskContext context, BatchClient client, ErrorReporter reporter, BatchWriter writer) {
        this(config, context, client, reporter, writer, BACKPRESSURE_WAIT_MS);
    }

    RunningTask(SinkConfig config, SinkTaskContext context, BatchClient client, ErrorReporter reporter,
                BatchWriter writer, long backpressureWaitMs) {
        this.context = context;
        this.mappings = new TopicMappings(config);
        this.client = client;
        this.reporter = reporter;
        this.writer = writer;
        this.closeTimeoutMs = config.connection().timeoutMs() + 1_000L;
        this.backpressureWaitMs = backpressureWaitMs;
        this.batchSize = config.write().batchSize();
    }

    static RunningTask start(SinkConfig config, SinkTaskContext context) {
        BatchClient client = AerospikeBatchClient.connect(config.connection());
        String name = config.originals().getOrDefault("name", "aerosink") + "-" + TASKS.incrementAndGet();
        ErrorReporter reporter = ErrorReporters.create(config.tolerateErrors(), context.errantRecordReporter());
        return new RunningTask(config, context, client, reporter,
                new BatchWriter(client, config.write(), name, System::nanoTime));
    }

    void put(Collection<SinkRecord> records) {
        settle();
        if (records.isEmpty()) {
            resumeIfRoom();
            return;
        }
        awaitRoom();
        Conversion conversion = new Conversion(records.size());
        for (SinkRecord record : records) {
            conversion.convert(record);
        }
        conversion.handOver();
    }

    /**
     * Never throws for a failed key or a fatal error: Connect answers a throwing preCommit by rewinding, not by
     * stopping the task, so those surface from the next {@code put()}.
     */
    Map<TopicPartition, OffsetAndMetadata> preCommit() {
        writer.acknowledged(deadLetters.takeAcknowledged());
        Set<TopicPartition> assigned = context.assignment();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(writer.committable());
        offsets.keySet().retainAll(assigned);
        return offsets;
    }

    void close(Collection<TopicPartition> partitions) {
        try {
            writer.close(partitions, closeTimeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for writes of closed partitions", e);
        }
        paused.removeAll(partitions);
    }

    void stop() {
        try {
            writer.stop(closeTimeoutMs);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            client.close();
        }
    }

    /**
     * Stops the task on a fatal error or a dead letter the queue refused, and reports the keys that failed for
     * good since the last call.
     */
    private void settle() {
        ConnectException fatal = writer.fatalError();
        if (fatal != null) {
            throw new ConnectException(fatal.getMessage(), fatal);
        }
        for (FailedWrite failure : writer.takeFailures()) {
            deadLetters.sent(failure, reporter.report(failure.failure()));
        }
        writer.acknowledged(deadLetters.takeAcknowledged());
        ConnectException lost = deadLetters.lost();
        if (lost != null) {
            throw lost;
        }
    }

    /**
     * Back-pressure: waits for buffer space; when Aerospike is slow for longer, pauses the partitions instead,
     * so the worker keeps polling (and stays in its group) while nothing new is fetched.
     */
    private void awaitRoom() {
        try {
            if (!writer.awaitCapacity(backpressureWaitMs) && paused.isEmpty()) {
                paused.addAll(context.assignment());
                context.pause(paused.toArray(new TopicPartition[0]));
                LOG.info("Pausing {} partitions: {} writes are waiting for Aerospike", paused.size(), writer.held());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectException("Interrupted while waiting for buffer space", e);
        }
    }

    private void resumeIfRoom() {
        if (!paused.isEmpty() && writer.hasCapacity()) {
            context.resume(paused.toArray(new TopicPartition[0]));
            LOG.info("Resuming {} partitions", paused.size());
            paused.clear();
        }
    }

    /** The records of one {@code put()} being converted, handed to the writer a batch at a time. */
    private final class Conversion implements ConversionSink {

        private final List<RecordTicket> tickets;
        private final List<PendingWrite> writes;
        private RecordTicket current;

        Conversion(int records) {
            tickets = new ArrayList<>(Math.min(records, batchSize));
            writes = new ArrayList<>(Math.min(records, batchSize));
        }

        void convert(SinkRecord record) {
            current = new RecordTicket(record);
            tickets.add(current);
            try {
                mappings.converter(record.originalTopic()).convert(record, current, this);
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
        public void write(PendingWrite write) {
            writes.add(write);
            if (writes.size() >= batchSize) {
                // A batch is ready: the writer sends it while the rest converts, even in the middle of a message
                // of many rows. The put then waits for room like a new one, so that it does not hold all its rows
                // on top of the bound; once the partitions are paused it goes on without waiting, to finish.
                handOver();
                if (paused.isEmpty()) {
                    awaitRoom();
                }
            }
        }

        @Override
        public void fail(KeyFailure failure) {
            deadLetters.sentDuringConversion(failure, current, reporter.report(failure));
        }

        /** Hands the records seen so far to the writer, with their writes; the current one may still be open. */
        void handOver() {
            if (!tickets.isEmpty() || !writes.isEmpty()) {
                writer.accept(tickets, writes);
                tickets.clear();
                writes.clear();
            }
        }
    }
}
