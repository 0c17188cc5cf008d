package io.aerosink.connect.mapping;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.aerospike.client.Key;
import com.aerospike.client.Value;

/**
 * The key's RIPEMD-160 digest, which every new key costs the task thread: the sink's {@link KeyDigester} against
 * the client's own {@code new Key}, for integer keys that are all distinct (a new key every row, as in a backlog
 * of distinct sensors). Scores are nanoseconds per key.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyDigestBenchmark {

    private final KeyDigester digester = new KeyDigester("test", "sensors");
    private long next;

    @Benchmark
    public Key sink() {
        return digester.key(Value.get(next++));
    }

    @Benchmark
    public Key client() {
        return new Key("test", "sensors", next++);
    }
}
