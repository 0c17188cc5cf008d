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
 * of distinct sensors). {@code sink} and {@code client} digest a key per call; {@code messageScalar} and
 * {@code messageLanes} the 100 keys of a message of packed rows per call, one at a time and a vector of them at a
 * time (the bench profile runs with {@code --add-modules jdk.incubator.vector}). Scores are nanoseconds per call.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class KeyDigestBenchmark {

    private static final int ROWS = 100;

    private final KeyDigester digester = new KeyDigester("test", "sensors");
    private final KeyDigester scalar = new KeyDigester("test", "sensors", 0);
    private final KeyDigester lanes = new KeyDigester("test", "sensors", KeyDigester.VECTOR_LANES);
    private final Value[] userKeys = new Value[ROWS];
    private final Key[] keys = new Key[ROWS];
    private long next;

    @Benchmark
    public Key sink() {
        return digester.key(Value.get(next++));
    }

    @Benchmark
    public Key client() {
        return new Key("test", "sensors", next++);
    }

    @Benchmark
    public Key[] messageScalar() {
        return message(scalar);
    }

    @Benchmark
    public Key[] messageLanes() {
        return message(lanes);
    }

    private Key[] message(KeyDigester keysOf) {
        for (int i = 0; i < ROWS; i++) {
            userKeys[i] = Value.get(next++);
        }
        keysOf.keys(userKeys, ROWS, keys);
        return keys;
    }
}
