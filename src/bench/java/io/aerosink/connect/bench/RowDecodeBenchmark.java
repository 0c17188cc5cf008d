package io.aerosink.connect.bench;

import com.aerospike.client.Key;
import com.aerospike.client.Value;
import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.errors.KeyFailure;
import io.aerosink.connect.layout.BytesAs;
import io.aerosink.connect.layout.RowDecoder;
import io.aerosink.connect.layout.RowLayout;
import io.aerosink.connect.layout.SubarrayAs;
import io.aerosink.connect.mapping.ConversionSink;
import io.aerosink.connect.mapping.KeyWrite;
import io.aerosink.connect.mapping.RowRecordConverter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rows decoded straight from payload bytes into Aerospike keys and bin puts, as the sink task does for fixed-layout
 * and {@code .npy} payloads. Scores are rows per second: one operation is one row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RowDecodeBenchmark {

    private static final int ROWS = 1024;
    private static final String NAMESPACE = "test";
    private static final String SET = "sensors";

    private RowDecoder sensor;
    private byte[] sensorPayload;
    private int sensorRowSize;

    private RowRecordConverter sensorConverter;
    private SinkRecord sensorMessage;
    private int nextKey;

    private RowDecoder embeddingBlob;
    private RowDecoder embeddingList;
    private byte[] embeddingPayload;
    private int embeddingRowSize;

    @Setup
    public void setUp() {
        Random random = new Random(42);

        RowLayout sensorLayout = RowLayout.parse("_key:<i4, temperature:<f8, humidity:<f4, pressure:<f4, status:u1");
        sensor = new RowDecoder(sensorLayout);
        sensorRowSize = sensorLayout.itemSize();
        ByteBuffer rows = ByteBuffer.allocate(ROWS * sensorRowSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < ROWS; r++) {
            rows.putInt(r).putDouble(15 + 10 * random.nextDouble()).putFloat(100 * random.nextFloat())
                    .putFloat(950 + 100 * random.nextFloat()).put((byte) random.nextInt(4));
        }
        sensorPayload = rows.array();
        MappingConfig mapping = new SinkConfig(Map.of("aerospike.namespace", NAMESPACE, "aerospike.set", SET,
                "value.format", "fixed", "value.layout", sensorLayout.toString())).mapping(SET);
        sensorConverter = new RowRecordConverter(mapping);
        sensorMessage = new SinkRecord(SET, 0, null, null, Schema.BYTES_SCHEMA, sensorPayload, 0);

        RowLayout embeddingLayout = RowLayout.parse("_key:<i8, embedding:(128,)<f4");
        embeddingBlob = new RowDecoder(embeddingLayout, "_key", BytesAs.STRING, SubarrayAs.BLOB);
        embeddingList = new RowDecoder(embeddingLayout, "_key", BytesAs.STRING, SubarrayAs.LIST);
        embeddingRowSize = embeddingLayout.itemSize();
        rows = ByteBuffer.allocate(ROWS * embeddingRowSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < ROWS; r++) {
            rows.putLong(r);
            for (int i = 0; i < 128; i++) {
                rows.putFloat((float) random.nextGaussian());
            }
        }
        embeddingPayload = rows.array();
    }

    /** The target case: the 5-field sensor row to a Key (RIPEMD-160 digest included) and a put per bin. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void sensorKeyAndPuts(Blackhole bh) {
        int rows = sensor.rowCount(sensorPayload.length);
        for (int r = 0; r < rows; r++) {
            int at = r * sensorRowSize;
            bh.consume(new Key(NAMESPACE, SET, sensor.key(sensorPayload, at)));
            bh.consume(sensor.puts(sensorPayload, at));
        }
    }

    /**
     * What the task and its writers do with a message of sensor rows: the connector's own converter, from the
     * payload to one {@code KeyWrite} per row (key with its digest), and each row's puts decoded, as they are when
     * the write is sent (rows of numbers are decoded then, not by the converter). Every message has keys of its own,
     * as in a backlog of distinct sensors: with the same keys again the converter would find them among the keys it
     * remembers and skip their digests.
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void sensorRowsThroughTheConverter(Blackhole bh) {
        ByteBuffer keys = ByteBuffer.wrap(sensorPayload).order(ByteOrder.LITTLE_ENDIAN);
        for (int r = 0; r < ROWS; r++) {
            keys.putInt(r * sensorRowSize, nextKey++);
        }
        sensorConverter.convert(sensorMessage, new ConversionSink() {
            @Override
            public void write(KeyWrite write) {
                bh.consume(write);
                bh.consume(write.puts());
            }

            @Override
            public void fail(KeyFailure failure) {
                throw new IllegalStateException(failure.describe());
            }
        });
    }

    /** The decoding share of {@link #sensorKeyAndPuts}, without the digest. */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void sensorWithoutDigest(Blackhole bh) {
        int rows = sensor.rowCount(sensorPayload.length);
        for (int r = 0; r < rows; r++) {
            int at = r * sensorRowSize;
            Value key = sensor.key(sensorPayload, at);
            bh.consume(key);
            bh.consume(sensor.puts(sensorPayload, at));
        }
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void embeddingAsBlob(Blackhole bh) {
        decode(embeddingBlob, bh);
    }

    @Benchmark
    @OperationsPerInvocation(ROWS)
    public void embeddingAsList(Blackhole bh) {
        decode(embeddingList, bh);
    }

    private void decode(RowDecoder decoder, Blackhole bh) {
        int rows = decoder.rowCount(embeddingPayload.length);
        for (int r = 0; r < rows; r++) {
            int at = r * embeddingRowSize;
            bh.consume(new Key(NAMESPACE, SET, decoder.key(embeddingPayload, at)));
            bh.consume(decoder.puts(embeddingPayload, at));
        }
    }
}
