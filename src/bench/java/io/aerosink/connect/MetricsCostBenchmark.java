package io.aerosink.connect;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.sink.SinkRecord;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import com.aerospike.client.BatchRecord;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.ResultCode;
import com.aerospike.client.exp.Expression;

import io.aerosink.connect.client.BatchClient;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.ErrorReporters;
import io.aerosink.connect.metrics.TaskMetrics;
import io.aerosink.connect.metrics.TopicTally;
import io.aerosink.connect.write.BatchWriter;

/**
 * What the metrics cost the write path, per record. {@code writePath}: records through the real task and writer
 * (conversion, key digest, buffer, batch call, settling, with registered metrics) to a client that accepts every
 * key at once, from {@code put} until every record is settled. {@code metricsCalls}: exactly the metrics calls
 * that path makes for the same records, on one thread: per record the written tally, per batch the writer's and
 * the result handler's gauges and latency (with the two clock reads taken only for it), per settle the counters.
 * Their ratio is the overhead; scores are ns per record.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MetricsCostBenchmark {

    private static final int RECORDS = 1000;
    private static final String TOPIC = "sensors";

    @Param({"100", "1000"})
    public int batchSize;

    private TaskMetrics metrics;
    private RunningTask task;
    private Long[] timestamps;
    private TopicTally written;
    private TopicTally deadLettered;
    private TopicTally filtered;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, String> props = new HashMap<>();
        props.put("name", "metrics-cost");
        props.put("aerospike.namespace", "test");
        props.put("linger.ms", "0");
        props.put("batch.size", String.valueOf(batchSize));
        SinkConfig config = new SinkConfig(props);
        FakeSinkTaskContext context = new FakeSinkTaskContext().assign(TOPIC, 0);
        BatchClient client = new AcceptingClient();
        metrics = new TaskMetrics("metrics-cost", String.valueOf(batchSize), config.write().maxBufferedRecords(),
                System::nanoTime, System::currentTimeMillis);
        task = new RunningTask(config, context, client,
                ErrorReporters.create(config.tolerateErrors(), context.errantRecordReporter()),
                new BatchWriter(client, config.write(), "metrics-cost", System::nanoTime, metrics));
        metrics.register(context);
        timestamps = new Long[RECORDS];
        long now = System.currentTimeMillis();
        for (int i = 0; i < RECORDS; i++) {
            timestamps[i] = now - RECORDS + i;
        }
        written = metrics.writtenByTopic();
        deadLettered = metrics.deadLetteredByTopic();
        filtered = metrics.filteredByTopic();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        task.stop();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void writePath(Feed feed) {
        task.put(feed.records);
        while (task.openRecords() > 0) {
            Thread.onSpinWait();
            task.preCommit(Map.of());
        }
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public void metricsCalls() {
        for (int batch = 0; batch < RECORDS; batch += batchSize) {
            metrics.buffered(batch + batchSize);
            metrics.batchesInFlight(1);
            long started = System.nanoTime();
            metrics.batchCall(batchSize, System.nanoTime() - started);
            filtered.flush();
            metrics.resultCode(ResultCode.OK);
            metrics.batchesInFlight(0);
            metrics.buffered(RECORDS - batch - batchSize);
            for (int i = batch; i < batch + batchSize; i++) {
                written.addTimestamped(TOPIC, timestamps[i]);
            }
            written.flush();
            metrics.written(batchSize);
            deadLettered.flush();
            metrics.deadLettered(0);
        }
    }

    /**
     * The records of one {@code writePath} call, built before it (not timed, and not for {@code metricsCalls}),
     * with offsets after the last ones: a worker never hands a task the same offset twice.
     */
    @State(Scope.Thread)
    public static class Feed {

        private long nextOffset;
        private List<SinkRecord> records;

        @Setup(Level.Invocation)
        public void nextRecords(MetricsCostBenchmark bench) {
            records = new ArrayList<>(RECORDS);
            for (int i = 0; i < RECORDS; i++) {
                records.add(new SinkRecord(TOPIC, 0, null, null, null, Map.of("_key", i, "temperature", 20.5 + i,
                        "status", 1), nextOffset++, bench.timestamps[i], TimestampType.CREATE_TIME));
            }
        }
    }

    /** Aerospike at its fastest: every key written, nothing kept. */
    private static final class AcceptingClient implements BatchClient {

        @Override
        public void operate(List<BatchRecord> batch, Expression batchFilter) {
            for (BatchRecord record : batch) {
                record.resultCode = ResultCode.OK;
            }
        }

        @Override
        public Record[] get(Key[] keys, String... binNames) {
            return new Record[keys.length];
        }

        /** Its server never refuses the task. */
        @Override
        public String refusal() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
