package io.aerosink.connect.write;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.apache.kafka.connect.errors.ConnectException;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.exp.Expression;

import io.aerosink.connect.client.BatchClient;
import io.aerosink.connect.config.WriteConfig;
import io.aerosink.connect.errors.Backoff;
import io.aerosink.connect.metrics.TaskMetrics;

/**
 * Sends buffered writes to Aerospike in batches from {@code max.in.flight.batches} writer threads: a batch
 * goes when {@code batch.size} keys are ready, the oldest has waited {@code linger.ms} or the task holds
 * {@code max.buffered.records}, whether or not the task is called meanwhile, and holds at most
 * {@code batch.size} keys and {@code batch.max.bytes}. The writer threads only send; what each key's result
 * means is the {@link ResultHandler}'s, and the task thread takes the outcomes back with {@link #takeSettled()}.
 */
public final class BatchWriter {

    private final BatchClient client;
    private final int batchSize;
    private final long batchMaxBytes;
    private final long lingerNanos;
    private final int maxBuffered;
    private final LongSupplier nanoClock;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition progress = lock.newCondition();
    private final WriteBuffer buffer;
    private final ResultHandler results;
    private final TaskMetrics metrics;
    private final List<Thread> workers = new ArrayList<>();

    private int batchesInFlight;
    private boolean stopping;

    /** A writer whose metrics are kept but not registered (tests, benchmarks). */
    public BatchWriter(BatchClient client, WriteConfig config, String name, LongSupplier nanoClock) {
        this(client, config, name, nanoClock, TaskMetrics.unregistered(config.maxBufferedRecords()));
    }

    public BatchWriter(BatchClient client, WriteConfig config, String name, LongSupplier nanoClock,
                       TaskMetrics metrics) {
        this.client = client;
        this.metrics = metrics;
        this.buffer = new WriteBuffer(metrics);
        this.batchSize = config.batchSize();
        this.batchMaxBytes = config.batchMaxBytes();
        this.lingerNanos = TimeUnit.MILLISECONDS.toNanos(config.lingerMs());
        this.maxBuffered = config.maxBufferedRecords();
        this.nanoClock = nanoClock;
        this.results = new ResultHandler(buffer, batchSize, config.maxRetries(),
                new Backoff(config.retryBackoffMs(), config.retryBackoffMaxMs()), metrics,
                new RefusalProbe(client, name + "-refusal-probe", this::refused));
        for (int i = 0; i < config.maxInFlightBatches(); i++) {
            Thread worker = new Thread(this::runWorker, name + "-writer-" + i);
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /** Takes over writes in consumption order; their records must be tracked already. The list is not kept. */
    public void accept(List<PendingWrite> writes) {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            boolean wasIdle = buffer.readyCount(now) == 0;
            for (PendingWrite write : writes) {
                buffer.add(write, now);
            }
            if (wasIdle || buffer.readyCount(now) >= batchSize || buffer.held() >= maxBuffered) {
                work.signalAll();
            }
            metrics.buffered(buffer.held());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until fewer than {@code max.buffered.records} writes are held; false if the wait timed out. Returns
     * at once after a fatal error, which the caller must check.
     */
    public boolean awaitCapacity(long timeoutMs) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (buffer.held() >= maxBuffered && results.fatal() == null && !stopping) {
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

    /** The writes settled since the last call: written, or failed for good and waiting to be dead-lettered. */
    public Settled takeSettled() {
        lock.lock();
        try {
            return results.take();
        } finally {
            lock.unlock();
        }
    }

    /** The error that stops the task, or null. */
    public ConnectException fatalError() {
        lock.lock();
        try {
            return results.fatal();
        } finally {
            lock.unlock();
        }
    }

    /** Records whose writes the write fence found stale and dropped, since the task started. */
    public long filteredCount() {
        lock.lock();
        try {
            return results.filtered();
        } finally {
            lock.unlock();
        }
    }

    /** This writer's metrics, which its task settles its outcomes into too. */
    public TaskMetrics metrics() {
        return metrics;
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

    /**
     * Revokes partitions: their waiting writes are dropped (their offsets were not committed, so the new owner
     * writes them), nothing of them is sent, retried or dead-lettered from now on, and their writes in flight
     * are awaited, at most {@code timeoutMs}, so that they land before the new owner's.
     */
    public void revoke(Set<PartitionLease> leases, long timeoutMs) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            leases.forEach(lease -> lease.revoked = true);
            buffer.remove(leases);
            results.forget(leases);
            metrics.buffered(buffer.held());
            progress.signalAll();
            while (leases.stream().anyMatch(lease -> lease.inFlight > 0) && remaining > 0) {
                remaining = progress.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops the workers after the batches in flight finish, waiting at most {@code timeoutMs}. */
    public void stop(long timeoutMs) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            stopping = true;
            work.signalAll();
            progress.signalAll();
            while (batchesInFlight > 0 && remaining > 0) {
                remaining = progress.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
        for (Thread worker : workers) {
            worker.join(Math.max(1, timeoutMs));
        }
    }

    private void runWorker() {
        while (true) {
            List<QueuedWrite> batch;
            BatchFence fence;
            lock.lock();
            try {
                batch = awaitBatch();
                if (batch == null) {
                    return;
                }
                batchesInFlight++;
                metrics.batchesInFlight(batchesInFlight);
                batch.forEach(w -> w.lease().inFlight++);
                fence = BatchFence.mark(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            send(batch, fence);
        }
    }

    /**
     * One batch call, under {@code fence}'s filter when not null, and its settling; any failure of the writer itself
     * stops the task rather than its keys.
     */
    private void send(List<QueuedWrite> batch, BatchFence fence) {
        List<BatchRecord> records = new ArrayList<>(batch.size());
        Throwable error = null;
        try {
            Expression batchFilter = fence == null ? null : fence.filter();
            for (QueuedWrite write : batch) {
                records.add(write.toBatchRecord());
            }
            long started = System.nanoTime();
            try {
                client.operate(records, batchFilter);
            } finally {
                metrics.batchCall(records.size(), System.nanoTime() - started);
            }
        } catch (Throwable e) {
            error = e;
        }
        if (records.size() == batch.size()) {
            error = ReplayedInserts.resolve(client, batch, records, error);
        }
        lock.lock();
        try {
            if (records.size() == batch.size()) {
                results.complete(batch, records, error, nanoClock.getAsLong());
            } else {
                results.fail("A writer thread could not build its batch: " + error, error);
            }
        } catch (Throwable e) {
            results.fail("A writer thread failed while settling a batch: " + e, e);
        } finally {
            batch.forEach(w -> w.lease().inFlight--);
            batchesInFlight--;
            metrics.batchesInFlight(batchesInFlight);
            metrics.buffered(buffer.held());
            work.signalAll();
            progress.signalAll();
            lock.unlock();
        }
    }

    /** The cluster refuses the task: what no wait can fix stops it, and wakes whoever waits on the writer. */
    private void refused(String problem) {
        lock.lock();
        try {
            if (!stopping) {
                results.fail(problem, null);
                work.signalAll();
                progress.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Blocks until a batch is due and takes it; null when the writer stops. Called with the lock held. */
    private List<QueuedWrite> awaitBatch() throws InterruptedException {
        while (!stopping) {
            long now = nanoClock.getAsLong();
            if (results.fatal() != null) {
                work.await();
                continue;
            }
            long pausedUntil = results.pausedUntilNanos();
            if (now < pausedUntil) {
                work.awaitNanos(pausedUntil - now);
                continue;
            }
            // A full buffer stops put(), so nothing more can fill the batch: waiting out linger.ms would only stall
            // the task. Hot keys, whose records fold into a few writes, fill it long before linger.ms.
            long wait = buffer.held() >= maxBuffered && buffer.readyCount(now) > 0
                    ? 0
                    : buffer.nanosUntilDue(batchSize, lingerNanos, now);
            if (wait == 0) {
                return buffer.take(batchSize, batchMaxBytes, now);
            }
            if (wait == Long.MAX_VALUE) {
                work.await();
            } else {
                work.awaitNanos(wait);
            }
        }
        return null;
    }
}
