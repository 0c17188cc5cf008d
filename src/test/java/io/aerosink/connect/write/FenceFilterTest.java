package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import io.aerosink.connect.config.MappingConfig;

/** The filter built from its cached prefix is byte for byte the expression the client would build. */
class FenceFilterTest {

    private static final long[] VALUES = {0, 1, 127, 128, 255, 256, 65_535, 65_536, 4_294_967_295L, 4_294_967_296L,
            123_456L << Fence.ROW_BITS | 17, Long.MAX_VALUE, -1, -40_000, Long.MIN_VALUE};

    private static Fence fence(String mode) {
        return Fence.of(new MappingConfig(Map.of("aerospike.namespace", "test", "write.fence", mode,
                "write.fence.field", "_t"), "t"));
    }

    @Test
    void offsetFilterEqualsTheExpressionBuiltInFull() {
        Fence fence = fence("offset");
        PartitionLease lease = new PartitionLease(new TopicPartition("sensors.eu", 12));
        for (long value : VALUES) {
            if (value >= 0) {
                assertArrayEquals(fence.expression(lease, value).getBytes(), fence.filter(lease, value).getBytes(),
                        "value " + value);
            }
        }
    }

    @Test
    void fieldFilterEqualsTheExpressionBuiltInFullNegativeValuesIncluded() {
        Fence fence = fence("field");
        for (long value : VALUES) {
            assertArrayEquals(fence.expression(null, value).getBytes(), fence.filter(null, value).getBytes(),
                    "value " + value);
        }
    }

    @Test
    void offsetMapPutEqualsTheOperationBuiltInFull() {
        Fence fence = fence("offset");
        PartitionLease lease = new PartitionLease(new TopicPartition("sensors.eu", 12));
        for (long value : VALUES) {
            com.aerospike.client.Operation built = fence.mapPut(lease, value);
            com.aerospike.client.Operation cached = fence.store(lease, value, io.aerosink.connect.config.WriteAction.UPSERT);
            assertArrayEquals((byte[]) built.value.getObject(), (byte[]) cached.value.getObject(), "value " + value);
            org.junit.jupiter.api.Assertions.assertEquals(built.type, cached.type);
            org.junit.jupiter.api.Assertions.assertEquals(built.binName, cached.binName);
            org.junit.jupiter.api.Assertions.assertEquals(built.value.getType(), cached.value.getType());
        }
    }
}
