package io.aerosink.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

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

    @AfterEach
    void stop() {
        client.open();
        tasks.forEach(RunningTask::stop);
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
                config.write().maxBufferedRecords(), System::nanoTime);
        BatchWriter writer = new BatchWriter(client, config.write(), "metrics", System::nanoTime, metrics);
        tasks.add(new RunningTask(config, context, client,
                ErrorReporters.create(config.tolerateErrors(), context.errantRecordReporter()), writer,
                backpressureWaitMs));
        metrics.register();
        return metrics.name();
    }

    private RunningTask task() {
        return tasks.get(tasks.size() - 1);
    }

    private static SinkRecord record(String topic, long offset, Map<String, Object> value) {
        return new SinkRecord(topic, 0, null, null, null, value, offset);
    }

    private static ObjectName topic(ObjectName task, String topic) throws JMException {
        return new ObjectName(task.getCanonicalName() + ",topic=" + topic);
    }

    private static long attribute(ObjectName name, String attribute) throws JMException {
        return ((Number) SERVER.getAttribute(name, attribute)).longValue();
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
        assertTrue(attribute(name, "batch-calls-total") >= 1);
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
