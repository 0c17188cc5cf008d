package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;

import io.aerosink.connect.client.BatchClient;
import io.aerosink.connect.config.WriteConfig;
import io.aerosink.connect.errors.Backoff;
import io.aerosink.connect.errors.FailureClass;
import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.errors.ResultClassifier;
import io.aerosink.connect.errors.ResultCodes;

/**
 * Sends buffered writes to Aerospike in batches from {@code max.in.flight.batches} worker threads: a batch
 * goes when {@code batch.size} keys are ready or the oldest has waited {@code linger.ms}, whether or not the
 * task is called meanwhile. Each key's result is handled on its own: done, retried, or failed for good.
 */
public final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);
    private static final long OUTAGE_LOG_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final BatchClient client;
    private final int batchSize;
    private final long lingerNanos;
    private final int maxBuffered;
    private final int maxRetries;
    private final Backoff backoff;
    private final LongSupplier nanoClock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final WriteBuffer buffer = new WriteBuffer();
    private final OffsetTracker tracker = new OffsetTracker();
    private final List<FailedWrite> failures = new ArrayList<>();
    private final Set<Long> inFlightBatches = new HashSet<>();
    private final List<Thread> workers = new ArrayList<>();

    private long nextBatchId;
    private boolean stopping;
    private ConnectException fatal;
    private int consecutiveOutages;
    private long pausedUntilNanos;
    private long outageSinceNanos = -1;
    private long lastOutageLogNanos;

    public BatchWriter(BatchClient client, WriteConfig config, String name, LongSupplier nanoClock) {
        this.client = client;
        this.batchSize = config.batchSize();
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(config.lingerMs());
        this.maxBuffered = config.maxBufferedRecords();
        this.maxRetries = config.maxRetries();
        this.backoff = new Backoff(config.retryBackoffMs(), config.retryBackoffMaxMs());
        this.nanoClock = nanoClock;
        for (int i = 0; i < config.maxInFlightBatches(); i++) {
            Thread worker = new Thread(this::runWorker, name + "-writer-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * Takes over consumed records and their writes, in consumption order: all of a {@code put()} at once, or in
     * parts of whole records. The lists are not kept.
     */
    public void accept(List<RecordTicket> tickets, List<PendingWrite> writes) {
        lock.lock();
        try {
            tickets.forEach(tracker::track);
            long now = nanoClock.getAsLong();
            boolean wasIdle = buffer.readyCount(now) == 0;
            for (PendingWrite write : writes) {
                buffer.add(write, now);
            }
            if (wasIdle || buffer.readyCount(now) >= batchSize) {
                work.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Waits until fewer than {@code max.buffered.records} writes are held; false if the wait timed out. */
    public boolean awaitCapacity(long timeoutMs) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (buffer.held() >= maxBuffered && fatal == null && !stopping) {
                if (remaining <= 0) {
                    return false;
                }
                remaining = progress.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    public boolean hasCapacity() {
        lock.lock();
        try {
            return buffer.held() < maxBuffered;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes that failed for good since the last call. Their records stay open until their dead letters are
     * {@link #acknowledged}.
     */
    public List<FailedWrite> takeFailures() {
        lock.lock();
        try {
            if (failures.isEmpty()) {
                return List.of();
            }
            List<FailedWrite> taken = new ArrayList<>(failures);
            failures.clear();
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** The dead letters of these records' failed keys are in the dead-letter queue (or logged). */
    public void acknowledged(List<RecordTicket> tickets) {
        if (tickets.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            tickets.forEach(RecordTicket::closed);
        } finally {
            lock.unlock();
        }
    }

    /** The error that stops the task, or null. */
    public ConnectException fatalError() {
        lock.lock();
        try {
            return fatal;
        } finally {
            lock.unlock();
        }
    }

    public Map<TopicPartition, OffsetAndMetadata> committable() {
        lock.lock();
        try {
            return tracker.committable();
        } finally {
            lock.unlock();
        }
    }

    /** Writes held, waiting or in flight (for tests and benchmarks). */
    public int held() {
        lock.lock();
        try {
            return buffer.held();
        } finally {
            lock.unlock();
        }
    }

    /** Records whose offsets are not yet committable. */
    public int openRecords() {
        lock.lock();
        try {
            return tracker.openCount();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forgets revoked partitions: their waiting writes are dropped (their offsets were not committed, so the
     * new owner gets them again) and their writes in flight are awaited.
     */
    public void close(Collection<TopicPartition> partitions, long timeoutMs) throws InterruptedException {
        Set<TopicPartition> revoked = new HashSet<>(partitions);
        lock.lock();
        try {
            buffer.remove(w -> revoked.contains(OffsetTracker.partitionOf(w.ticket)));
            failures.removeIf(f -> revoked.contains(OffsetTracker.partitionOf(f.ticket())));
            awaitBatches(new HashSet<>(inFlightBatches), timeoutMs);
            tracker.forget(revoked);
        } finally {
            lock.unlock();
        }
    }

    /** Stops the workers after the batches in flight finish, waiting at most {@code timeoutMs}. */
    public void stop(long timeoutMs) throws InterruptedException {
        lock.lock();
        try {
            stopping = true;
            work.signalAll();
            progress.signalAll();
            awaitBatches(new HashSet<>(inFlightBatches), timeoutMs);
        } finally {
            lock.unlock();
        }
        for (Thread worker : workers) {
            worker.join(Math.max(1, timeoutMs));
        }
    }

    private void awaitBatches(Set<Long> batches, long timeoutMs) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (inFlightBatches.stream().anyMatch(batches::contains) && remaining > 0) {
            remaining = progress.awaitNanos(remaining);
        }
    }

    private void runWorker() {
        while (true) {
            long batchId;
            List<PendingWrite> batch;
            lock.lock();
            try {
                batch = awaitBatch();
                if (batch == null) {
                    return;
                }
                batchId = nextBatchId++;
                inFlightBatches.add(batchId);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            List<BatchRecord> records = new ArrayList<>(batch.size());
            for (PendingWrite write : batch) {
                records.add(write.toBatchRecord());
            }
            RuntimeException error = execute(records);
            lock.lock();
            try {
                complete(batch, records, error);
                inFlightBatches.remove(batchId);
                work.signalAll();
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private RuntimeException execute(List<BatchRecord> records) {
        try {
            client.operate(records);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Blocks until a batch is due and takes it; null when the writer stops. Called with the lock held. */
    private List<PendingWrite> awaitBatch() throws InterruptedException {
        while (!stopping) {
            long now = nanoClock.getAsLong();
            if (fatal != null) {
                work.await();
                continue;
            }
            if (now < pausedUntilNanos) {
                work.awaitNanos(pausedUntilNanos - now);
                continue;
            }
            long wait = buffer.nanosUntilDue(batchSize, lingerNanos, now);
            if (wait == 0) {
                return buffer.take(batchSize, now);
            }
            if (wait == Long.MAX_VALUE) {
                work.await();
            } else {
                work.awaitNanos(wait);
            }
        }
        return null;
    }

    /** Settles each key of a finished batch call. Called with the lock held. */
    private void complete(List<PendingWrite> batch, List<BatchRecord> records, RuntimeException error) {
        long now = nanoClock.getAsLong();
        FailureClass callClass = classifyCall(error);
        if (callClass == FailureClass.FATAL) {
            fatal = new ConnectException("Aerospike refused a batch call in a way no retry can fix: "
                    + describe(error) + ". Check the connection settings (aerospike.hosts, aerospike.user, "
                    + "aerospike.namespace) and the user's permissions.", error);
            batch.forEach(w -> buffer.retry(w, now));
            LOG.error(fatal.getMessage(), error);
            return;
        }
        boolean outage = false;
        for (int i = 0; i < batch.size(); i++) {
            PendingWrite write = batch.get(i);
            BatchRecord record = records.get(i);
            FailureClass keyClass = ResultClassifier.classify(record.resultCode, write.action, write.inDoubt);
            if (keyClass == FailureClass.OUTAGE && callClass == FailureClass.DATA) {
                // The call failed for a reason of its own, not reachability: give its keys bounded retries.
                keyClass = FailureClass.TRANSIENT;
            }
            write.inDoubt |= record.inDoubt;
            switch (keyClass) {
                case SUCCESS -> succeeded(write);
                case DATA -> failed(write, record.resultCode, "Aerospike refused the write");
                case TRANSIENT -> retryOrFail(write, record.resultCode, now);
                case OUTAGE -> {
                    outage = true;
                    buffer.retry(write, now);
                }
                case FATAL -> {
                    buffer.retry(write, now);
                    if (fatal == null) {
                        fatal = new ConnectException("Aerospike refused the write of " + describeKey(write)
                                + " with " + ResultCodes.describe(record.resultCode)
                                + "; this is a configuration or permission problem, not one of the record");
                        LOG.error(fatal.getMessage());
                    }
                }
                default -> throw new IllegalStateException("unknown failure class " + keyClass);
            }
        }
        if (outage) {
            enterOutage(now, error);
        } else if (consecutiveOutages > 0) {
            LOG.info("Aerospike is reachable again after {} s; writing resumes",
                    TimeUnit.NANOSECONDS.toSeconds(now - outageSinceNanos));
            consecutiveOutages = 0;
            outageSinceNanos = -1;
        }
    }

    private static FailureClass classifyCall(RuntimeException error) {
        if (error == null) {
            return FailureClass.SUCCESS;
        }
        if (error instanceof AerospikeException ae) {
            return ResultClassifier.classifyCode(ae.getResultCode());
        }
        return FailureClass.FATAL;
    }

    private void enterOutage(long now, RuntimeException error) {
        consecutiveOutages++;
        if (outageSinceNanos < 0) {
            outageSinceNanos = now;
        }
        long delayMs = backoff.delayMs(consecutiveOutages);
        pausedUntilNanos = now + TimeUnit.MILLISECONDS.toNanos(delayMs);
        if (consecutiveOutages == 1 || now - lastOutageLogNanos >= OUTAGE_LOG_INTERVAL_NANOS) {
            lastOutageLogNanos = now;
            LOG.warn("Aerospike unreachable for {} s ({}); {} records held, none dead-lettered; next attempt in {} ms",
                    TimeUnit.NANOSECONDS.toSeconds(now - outageSinceNanos), describe(error), buffer.held(), delayMs);
        }
    }

    private void succeeded(PendingWrite write) {
        for (PendingWrite w = write; w != null; w = w.absorbed) {
            w.ticket.closed();
        }
        buffer.finished(write);
    }

    private void retryOrFail(PendingWrite write, int resultCode, long now) {
        write.attempts++;
        if (write.attempts > maxRetries) {
            failed(write, resultCode, "still failing after " + maxRetries + " retries");
            return;
        }
        buffer.retry(write, now + TimeUnit.MILLISECONDS.toNanos(backoff.delayMs(write.attempts)));
    }

    private void failed(PendingWrite write, int resultCode, String reason) {
        for (PendingWrite w = write; w != null; w = w.absorbed) {
            KeyFailure failure = KeyFailure.refused(w.ticket.record(), w.rowIndex(), w.rowBytes(),
                    String.valueOf(w.key.userKey), resultCode, reason);
            failures.add(new FailedWrite(failure, w.ticket));
        }
        buffer.finished(write);
    }

    private static String describeKey(PendingWrite write) {
        return "key '" + write.key.userKey + "' of topic '" + write.ticket.record().originalTopic() + "' partition "
                + write.ticket.record().originalKafkaPartition() + " offset " + write.ticket.offset();
    }

    private static String describe(RuntimeException error) {
        if (error == null) {
            return "no reply for some keys";
        }
        if (error instanceof AerospikeException ae) {
            return ResultCodes.describe(ae.getResultCode()) + ": " + ae.getMessage();
        }
        return error.toString();
    }
}
