package io.aerosink.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Key;
import com.aerospike.client.ResultCode;

import io.aerosink.connect.client.InMemoryBatchClient;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.ErrorReporters;
import io.aerosink.connect.metrics.TaskMetrics;
import io.aerosink.connect.write.BatchWriter;

/** The task's JMX beans, read through the platform MBeanServer by name, as a JMX client reads them. */
class TaskMetricsTest {

    private static final AtomicInteger IDS = new AtomicInteger(1000);
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

    private final InMemoryBatchClient client = new InMemoryBatchClient();
    private final FakeSinkTaskContext context = new FakeSinkTaskContext().assign("sensors", 0, 1).assign("alarms", 0);
    private final List<RunningTask> tasks = new ArrayList<>();
    private final AtomicLong wallClockMs = new AtomicLong(1_700_000_000_000L);

    @AfterEach
    void stop() {
        client.open();
        tasks.forEach(RunningTask::stop);
    }

    @Test
    void aTaskRestartedUnderTheSameNumberKeepsItsBeanWhenTheTaskBeforeItClosesLate() throws JMException {
        // Connect restarts a task under its number while the one before may still be stopping: both name the same
        // bean, and the late close of the first must not take away the bean of the second.
        TaskMetrics before = new TaskMetrics("restarted", "0", 100, System::nanoTime, wallClockMs::get);
        TaskMetrics after = new TaskMetrics("restarted", "0", 200, System::nanoTime, wallClockMs::get);
        before.register(context);
        after.register(context);
        before.unregister();

        ObjectName name = after.name();
        assertTrue(SERVER.isRegistered(name), "the restarted task's bean is gone");
        assertEquals(200, ((Number) SERVER.getAttribute(name, "records-buffered-max")).intValue());
        after.unregister();
        assertFalse(SERVER.isRegistered(name));
    }

    private ObjectName start(String connector, String... settings) throws JMException {
        return start(RunningTask.BACKPRESSURE_WAIT_MS, connector, settings);
    }

    private ObjectName start(long backpressureWaitMs, String connector, String... settings) throws JMException {
        Map<String, String> props = new HashMap<>();
        props.put("aerospike.namespace", "test");
        props.put("linger.ms", "0");
        props.put("errors.tolerance", "all");
        props.put("max.retries", "3");
        props.put("retry.backoff.ms", "1");
        props.put("retry.backoff.max.ms", "5");
        for (int i = 0; i < settings.length; i += 2) {
            props.put(settings[i], settings[i + 1]);
        }
        SinkConfig config = new SinkConfig(props);
        TaskMetrics metrics = new TaskMetrics(connector, String.valueOf(IDS.incrementAndGet()),
                config.write().maxBufferedRecords(), System::nanoTime, wallClockMs::get);
        BatchWriter writer = new BatchWriter(client, config.write(), "metrics", System::nanoTime, metrics);
        tasks.add(new RunningTask(config, context, client,
                ErrorReporters.create(config.tolerateErrors(), context.errantRecordReporter()), writer,
                backpressureWaitMs));
        metrics.register(context);
        return metrics.name();
    }

    private RunningTask task() {
        return tasks.get(tasks.size() - 1);
    }

    private static SinkRecord record(String topic, long offset, Map<String, Object> value) {
        return new SinkRecord(topic, 0, null, null, null, value, offset);
    }

    private static SinkRecord record(String topic, long offset, Map<String, Object> value, Long timestampMs) {
        return new SinkRecord(topic, 0, null, null, null, value, offset, timestampMs,
                timestampMs == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME);
    }

    private static ObjectName topic(ObjectName task, String topic) throws JMException {
        return new ObjectName(task.getCanonicalName() + ",topic=" + topic);
    }

    private static long attribute(ObjectName name, String attribute) throws JMException {
        return ((Number) SERVER.getAttribute(name, attribute)).longValue();
    }

    private static double doubleAttribute(ObjectName name, String attribute) throws JMException {
        return ((Number) SERVER.getAttribute(name, attribute)).doubleValue();
    }

    /** Waits, putting nothing as the worker does every poll, until the attribute has the value; then asserts it. */
    private void awaitAttribute(ObjectName name, String attribute, long expected) throws Exception {
        await(() -> {
            task().put(List.of());
            try {
                return attribute(name, attribute) == expected;
            } catch (JMException e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(expected, attribute(name, attribute), attribute);
    }

    private static void await(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void writtenAndDeadLetteredCountWhatTheTaskSettledSplitByTopic() throws Exception {
        ObjectName name = start("counts");
        client.failKey(new Key("test", "sensors", 2L), ResultCode.RECORD_TOO_BIG);
        task().put(List.of(record("sensors", 0, Map.of("_key", 1, "v", 1)),
                record("sensors", 1, Map.of("_key", 2, "v", 2)),
                record("alarms", 0, Map.of("_key", 3, "v", 3)),
                record("alarms", 1, Map.of("_key", 4, "v", 4)),
                record("alarms", 2, Map.of("v", 5))));
        awaitAttribute(name, "records-dead-lettered-total", 2);
        awaitAttribute(name, "records-written-total", 3);
        assertEquals(2, context.deadLetters.size());
        assertEquals(1, attribute(topic(name, "sensors"), "records-written-total"));
        assertEquals(1, attribute(topic(name, "sensors"), "records-dead-lettered-total"));
        assertEquals(2, attribute(topic(name, "alarms"), "records-written-total"));
        assertEquals(1, attribute(topic(name, "alarms"), "records-dead-lettered-total"));
        long calls = attribute(name, "batch-calls-total");
        assertTrue(calls >= 1);
        assertEquals(4, attribute(name, "batch-keys-total"), "the four keyed records, each sent once");
        assertEquals(4.0 / calls, doubleAttribute(name, "batch-keys-avg"));
        assertEquals(20_000, attribute(name, "records-buffered-max"));
        assertEquals(0, attribute(name, "records-retried-total"));
        assertEquals(0, attribute(name, "outage"));
    }

    @Test
    void transientRefusalsAreCountedAsRetriesAndTheLastResultCodeIsKept() throws Exception {
        ObjectName name = start("retries");
        client.failKey(new Key("test", "sensors", 1L), ResultCode.KEY_BUSY, ResultCode.KEY_BUSY);
        task().put(List.of(record("sensors", 0, Map.of("_key", 1, "v", 1))));
        awaitAttribute(name, "records-written-total", 1);
        assertEquals(2, attribute(name, "records-retried-total"));
        assertTrue(attribute(name, "batch-calls-total") >= 3);
        assertEquals(ResultCode.OK, attribute(name, "last-result-code"));

        client.failKey(new Key("test", "sensors", 2L), ResultCode.RECORD_TOO_BIG);
        task().put(List.of(record("sensors", 1, Map.of("_key", 2, "v", 2))));
        awaitAttribute(name, "records-dead-lettered-total", 1);
        assertEquals(ResultCode.RECORD_TOO_BIG, attribute(name, "last-result-code"));
    }

    @Test
    void outageIsOneWhileAerospikeIsAwayAndZeroOnceItIsBack() throws Exception {
        ObjectName name = start("outage");
        client.failCalls(new AerospikeException(ResultCode.TIMEOUT, "timed out"), 1_000_000);
        task().put(List.of(record("sensors", 0, Map.of("_key", 1, "v", 1))));
        awaitAttribute(name, "outage", 1);
        assertTrue(attribute(name, "records-retried-total") >= 1);
        assertEquals(1, attribute(name, "records-buffered"));
        assertEquals(ResultCode.TIMEOUT, attribute(name, "last-result-code"));

        client.clearCallFaults();
        awaitAttribute(name, "outage", 0);
        awaitAttribute(name, "records-written-total", 1);
        assertEquals(0, attribute(name, "outage-seconds"));
        assertEquals(0, attribute(name, "records-buffered"));
    }

    @Test
    void aBatchCallBeingMadeIsInFlightAndItsDurationIsMeasured() throws Exception {
        ObjectName name = start("in-flight");
        client.hold();
        task().put(List.of(record("sensors", 0, Map.of("_key", 1, "v", 1))));
        await(() -> client.arrivedCalls() == 1);
        assertEquals(1, attribute(name, "batches-in-flight"));
        Thread.sleep(50);
        client.open();
        awaitAttribute(name, "records-written-total", 1);
        awaitAttribute(name, "batches-in-flight", 0);
        assertEquals(1, attribute(name, "batch-calls-total"));
        double max = ((Number) SERVER.getAttribute(name, "batch-latency-max-ms")).doubleValue();
        assertTrue(max >= 50, "max " + max);
        assertEquals(max, ((Number) SERVER.getAttribute(name, "batch-latency-avg-ms")).doubleValue());
        assertEquals(max, doubleAttribute(name, "batch-latency-p50-ms"));
        assertEquals(max, doubleAttribute(name, "batch-latency-p99-ms"));
    }

    @Test
    void latencyPercentilesAreTheNearestRankOverTheLast256Calls() throws Exception {
        TaskMetrics metrics = new TaskMetrics("percentiles", String.valueOf(IDS.incrementAndGet()), 10,
                System::nanoTime, wallClockMs::get);
        metrics.register(context);
        try {
            ObjectName name = metrics.name();
            assertEquals(0.0, doubleAttribute(name, "batch-latency-p50-ms"));
            assertEquals(0.0, doubleAttribute(name, "batch-latency-p99-ms"));

            List<Long> millis = new ArrayList<>();
            for (long ms = 1; ms <= 100; ms++) {
                millis.add(ms);
            }
            Collections.shuffle(millis, new Random(14));
            millis.forEach(ms -> metrics.batchCall(1, TimeUnit.MILLISECONDS.toNanos(ms)));
            assertEquals(50.0, doubleAttribute(name, "batch-latency-p50-ms"));
            assertEquals(99.0, doubleAttribute(name, "batch-latency-p99-ms"));
            assertEquals(100.0, doubleAttribute(name, "batch-latency-max-ms"));
            assertEquals(50.5, doubleAttribute(name, "batch-latency-avg-ms"));

            // 254 quick calls leave the last two slow ones in the window of 256: above its p99, the 254th call.
            for (int i = 0; i < 254; i++) {
                metrics.batchCall(1, TimeUnit.MICROSECONDS.toNanos(500));
            }
            assertEquals(0.5, doubleAttribute(name, "batch-latency-p50-ms"));
            assertEquals(0.5, doubleAttribute(name, "batch-latency-p99-ms"));
            assertEquals(Math.max(millis.get(98), millis.get(99)), doubleAttribute(name, "batch-latency-max-ms"));
            metrics.batchCall(1, TimeUnit.MICROSECONDS.toNanos(500));
            metrics.batchCall(1, TimeUnit.MICROSECONDS.toNanos(500));
            assertEquals(0.5, doubleAttribute(name, "batch-latency-max-ms"));
        } finally {
            metrics.unregister();
        }
    }

    @Test
    void eventTimeLagIsTheClockMinusTheNewestWrittenTimestampPerTaskAndTopic() throws Exception {
        ObjectName name = start("event-time");
        long now = wallClockMs.get();
        assertEquals(0, attribute(name, "event-time-lag-ms"));
        client.failKey(new Key("test", "sensors", 4L), ResultCode.RECORD_TOO_BIG);
        task().put(List.of(record("sensors", 0, Map.of("_key", 1, "v", 1), now - 9_000),
                record("sensors", 1, Map.of("_key", 2, "v", 2), now - 21_000),
                record("alarms", 0, Map.of("_key", 3, "v", 3), now - 23_000),
                record("sensors", 2, Map.of("_key", 4, "v", 4), now - 1_000),
                record("alarms", 1, Map.of("_key", 5, "v", 5), null)));
        awaitAttribute(name, "records-written-total", 4);
        awaitAttribute(name, "records-dead-lettered-total", 1);
        assertEquals(9_000, attribute(name, "event-time-lag-ms"), "the dead-lettered newer record is not written");
        assertEquals(9_000, attribute(topic(name, "sensors"), "event-time-lag-ms"));
        assertEquals(23_000, attribute(topic(name, "alarms"), "event-time-lag-ms"));

        wallClockMs.addAndGet(500);
        assertEquals(9_500, attribute(name, "event-time-lag-ms"), "the lag is computed when read");
        assertEquals(23_500, attribute(topic(name, "alarms"), "event-time-lag-ms"));

        task().put(List.of(record("alarms", 2, Map.of("_key", 6, "v", 6), now - 2_000),
                record("sensors", 3, Map.of("_key", 7, "v", 7), now - 30_000)));
        awaitAttribute(name, "records-written-total", 6);
        assertEquals(2_500, attribute(name, "event-time-lag-ms"));
        assertEquals(9_500, attribute(topic(name, "sensors"), "event-time-lag-ms"), "an older record changes nothing");
        assertEquals(2_500, attribute(topic(name, "alarms"), "event-time-lag-ms"));

        task().put(List.of(record("alarms", 3, Map.of("_key", 8, "v", 8), now + 60_000)));
        awaitAttribute(name, "records-written-total", 7);
        assertEquals(0, attribute(name, "event-time-lag-ms"), "a timestamp ahead of the clock shows no lag");
    }

    @Test
    void partitionsPausedByBackPressureAreCountedUntilResumed() throws Exception {
        ObjectName name = start(20, "pauses", "max.buffered.records", "10", "batch.size", "5");
        client.hold();
        List<SinkRecord> records = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            records.add(record("sensors", i, Map.of("_key", i, "v", i)));
        }
        task().put(records);
        task().put(List.of(record("sensors", 20, Map.of("_key", 20, "v", 20))));
        assertEquals(3, attribute(name, "partitions-paused"));
        assertEquals(10, attribute(name, "records-buffered-max"));
        assertTrue(attribute(name, "records-buffered") >= 10);
        client.open();
        awaitAttribute(name, "partitions-paused", 0);
        awaitAttribute(name, "records-written-total", 21);
    }

    @Test
    void aFencedWriteTheCallsFilterDroppedIsCountedAsSentAgain() throws Exception {
        ObjectName name = start("resent", "write.fence", "offset");
        // FILTERED_OUT twice: first under the call's filter (the write has none of its own, being newer than
        // anything its partition sent), then under its own, which decides: the write was stale.
        client.failKey(new Key("test", "sensors", 5L), ResultCode.FILTERED_OUT, ResultCode.FILTERED_OUT);
        task().put(List.of(record("sensors", 0, Map.of("_key", 5, "v", 1))));
        awaitAttribute(name, "records-written-total", 1);
        assertEquals(1, attribute(name, "records-fence-resent-total"));
        assertEquals(1, attribute(name, "records-filtered-total"));
        assertEquals(0, attribute(name, "records-retried-total"), "a re-send under its own filter is no retry");
    }

    @Test
    void foldsAndStaleWritesAreCounted() throws Exception {
        ObjectName name = start("folds", "linger.ms", "200");
        client.failKey(new Key("test", "alarms", 9L), ResultCode.FILTERED_OUT);
        task().put(List.of(record("sensors", 0, Map.of("_key", 1, "a", 1)),
                record("sensors", 1, Map.of("_key", 1, "b", 2)),
                record("alarms", 0, Map.of("_key", 9, "a", 1))));
        awaitAttribute(name, "records-written-total", 3);
        assertEquals(1, attribute(name, "records-folded-total"));
        assertEquals(1, attribute(name, "records-filtered-total"));
        assertEquals(1, attribute(topic(name, "alarms"), "records-filtered-total"));
        assertEquals(0, attribute(topic(name, "sensors"), "records-filtered-total"));
        assertEquals(ResultCode.FILTERED_OUT, attribute(name, "last-result-code"));
    }

    @Test
    void beansAreGoneAfterStopAndEachTaskOfAConnectorHasItsOwn() throws Exception {
        ObjectName first = start("shared");
        ObjectName second = start("shared");
        assertFalse(first.equals(second));
        task().put(List.of(record("sensors", 0, Map.of("_key", 1, "v", 1))));
        awaitAttribute(second, "records-written-total", 1);
        assertEquals(0, attribute(first, "records-written-total"));
        ObjectName secondTopic = topic(second, "sensors");
        assertTrue(SERVER.isRegistered(secondTopic));

        tasks.remove(1).stop();
        assertFalse(SERVER.isRegistered(second));
        assertFalse(SERVER.isRegistered(secondTopic));
        assertTrue(SERVER.isRegistered(first));
        tasks.remove(0).stop();
        assertFalse(SERVER.isRegistered(first));
    }
}
