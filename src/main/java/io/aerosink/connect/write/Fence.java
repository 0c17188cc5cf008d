package io.aerosink.connect.write;

import java.util.Arrays;
import java.util.Map;

import com.aerospike.client.Bin;
import com.aerospike.client.Operation;
import com.aerospike.client.Record;
import com.aerospike.client.Value;
import com.aerospike.client.cdt.MapOperation;
import com.aerospike.client.cdt.MapPolicy;
import com.aerospike.client.cdt.MapReturnType;
import com.aerospike.client.exp.Exp;
import com.aerospike.client.exp.Expression;
import com.aerospike.client.exp.MapExp;

import io.aerosink.connect.config.MappingConfig;
import io.aerosink.connect.config.WriteAction;
import io.aerosink.connect.config.WriteFence;

/**
 * What makes a write stale ({@code write.fence}), as Aerospike checks it: a filter expression sent with the write
 * in the same batch call, and an operation that stores the write's own fence value for the next one.
 *
 * <p>{@code offset}: the fence bin is a map of "topic/partition" to the last fence value applied from that
 * partition, so a key written from several partitions is fenced per partition. The value is the record's offset
 * with the row index of a multi-row message in its low {@value #ROW_BITS} bits, so a replay of a packed message
 * is exact row by row. A missing map key compares as false on the server (aerospike-protocol.md, section 8), so
 * the filter tests for it explicitly. {@code field}: the fence bin holds the last value of the fence field.
 */
final class Fence {

    static final int ROW_BITS = 24;

    private final WriteFence mode;
    private final String bin;
    private final int tombstoneTtl;
    /** For field fences, the filter's bytes before the value (see {@link #filter}). */
    private final byte[] fieldPrefix;

    private Fence(WriteFence mode, String bin, int tombstoneTtl) {
        this.mode = mode;
        this.bin = bin;
        this.tombstoneTtl = tombstoneTtl;
        this.fieldPrefix = mode == WriteFence.FIELD ? withoutLastByte(expression(null, 0)) : null;
    }

    /** The topic's fence, or null for {@code write.fence=none}. */
    static Fence of(MappingConfig mapping) {
        return mapping.writeFence() == WriteFence.NONE
                ? null
                : new Fence(mapping.writeFence(), mapping.fenceBin(), mapping.fenceTombstoneTtl());
    }

    WriteFence mode() {
        return mode;
    }

    /**
     * Whether a tombstone leaves the fence behind instead of deleting the record, so that a replayed older write
     * cannot bring it back. Under {@code field} a tombstone has no field to order it by, and deletes.
     */
    boolean keepsTombstones() {
        return mode == WriteFence.OFFSET;
    }

    int tombstoneTtl() {
        return tombstoneTtl;
    }

    /** The write's place in the order the fence keeps. */
    long valueOf(PendingWrite write) {
        if (mode == WriteFence.FIELD) {
            return write.write.fence();
        }
        int row = Math.max(0, write.write.rowIndex());
        if (row >= 1 << ROW_BITS) {
            throw new IllegalArgumentException("row " + row + " of the message at topic '"
                    + write.ticket.record().originalTopic() + "' partition "
                    + write.ticket.record().originalKafkaPartition() + " offset " + write.ticket.offset()
                    + ": at most " + (1 << ROW_BITS) + " rows per message can be fenced by offset");
        }
        return write.ticket.offset() << ROW_BITS | row;
    }

    /**
     * The filter of a write of {@code value}. The expression differs from write to write only in that value, the
     * last element of its msgpack form: its bytes up to the value are built once (per partition for offset
     * fences) and each write appends its own, instead of building the expression tree anew for every record.
     */
    Expression filter(PartitionLease lease, long value) {
        if (value < 0) {
            // Offsets never are; a field may be, and its msgpack form is not the one appended here.
            return expression(lease, value);
        }
        byte[] prefix;
        if (mode == WriteFence.FIELD) {
            prefix = fieldPrefix;
        } else {
            if (lease.filterPrefix == null) {
                lease.filterPrefix = withoutLastByte(expression(lease, 0));
            }
            prefix = lease.filterPrefix;
        }
        return Expression.fromBytes(MsgPackLong.append(prefix, value));
    }

    /** The filter built in full: what {@link #filter} must equal. */
    Expression expression(PartitionLease lease, long value) {
        if (mode == WriteFence.FIELD) {
            return Exp.build(Exp.or(Exp.not(Exp.binExists(bin)), Exp.lt(Exp.intBin(bin), Exp.val(value))));
        }
        return Exp.build(below(lease, value));
    }

    /**
     * The offset fence's test for one partition: the record has no fence, or none from this partition, or one
     * below {@code value}. A write's own filter is this test of its own value; a batch's filter joins this test
     * of each partition's lowest value in the batch (see {@link BatchFence}).
     */
    Exp below(PartitionLease lease, long value) {
        Exp key = Exp.val(mapKey(lease));
        return Exp.or(
                Exp.not(Exp.binExists(bin)),
                Exp.eq(MapExp.getByKey(MapReturnType.COUNT, Exp.Type.INT, key, Exp.mapBin(bin)), Exp.val(0)),
                Exp.lt(MapExp.getByKey(MapReturnType.VALUE, Exp.Type.INT, key, Exp.mapBin(bin)), Exp.val(value)));
    }

    /** Value 0 packs as the single byte 0: dropping it leaves the bytes before the value. */
    private static byte[] withoutLastByte(Expression expression) {
        byte[] bytes = expression.getBytes();
        return Arrays.copyOf(bytes, bytes.length - 1);
    }

    /**
     * The operation that stores the fence. Aerospike refuses a map operation in a write that replaces the record
     * (PARAMETER_ERROR), so a replace writes the map anew with this partition's entry; the record's other bins go
     * with it anyway.
     */
    Operation store(PartitionLease lease, long value, WriteAction action) {
        if (mode == WriteFence.FIELD) {
            return Operation.put(new Bin(bin, value));
        }
        if (action == WriteAction.REPLACE || action == WriteAction.REPLACE_ONLY) {
            return Operation.put(new Bin(bin, Map.of(mapKey(lease), value)));
        }
        if (value < 0) {
            return mapPut(lease, value);
        }
        // The packed map put is [op, key, value, flags]: built once per partition up to the key, like the filter.
        if (lease.mapPutPrefix == null) {
            byte[] packed = (byte[]) mapPut(lease, 0).value.getObject();
            lease.mapPutSuffix = new byte[] {packed[packed.length - 1]};
            lease.mapPutPrefix = Arrays.copyOf(packed, packed.length - 2);
        }
        return new Operation(Operation.Type.MAP_MODIFY, bin,
                Value.get(MsgPackLong.between(lease.mapPutPrefix, value, lease.mapPutSuffix)));
    }

    /** The map put built in full: what {@link #store} must equal. */
    Operation mapPut(PartitionLease lease, long value) {
        return MapOperation.put(MapPolicy.Default, bin, Value.get(mapKey(lease)), Value.get(value));
    }

    /** The fence bin, to read it back where a refusal may be a replay. */
    String bin() {
        return bin;
    }

    /** Whether the stored record shows a write at or after {@code value} of this lease's partition applied. */
    boolean applied(Record stored, PartitionLease lease, long value) {
        if (stored == null) {
            return false;
        }
        Object fence = stored.getValue(bin);
        if (mode == WriteFence.FIELD) {
            return fence instanceof Long stored64 && stored64 >= value;
        }
        return fence instanceof Map<?, ?> map && map.get(mapKey(lease)) instanceof Long at && at >= value;
    }

    private static String mapKey(PartitionLease lease) {
        return lease.fenceKey;
    }
}
