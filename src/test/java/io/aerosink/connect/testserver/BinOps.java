package io.aerosink.connect.testserver;

import static io.aerosink.connect.testserver.Protocol.OP_ADD;
import static io.aerosink.connect.testserver.Protocol.OP_APPEND;
import static io.aerosink.connect.testserver.Protocol.OP_CDT_MODIFY;
import static io.aerosink.connect.testserver.Protocol.OP_DELETE;
import static io.aerosink.connect.testserver.Protocol.OP_PREPEND;
import static io.aerosink.connect.testserver.Protocol.OP_READ;
import static io.aerosink.connect.testserver.Protocol.OP_TOUCH;
import static io.aerosink.connect.testserver.Protocol.OP_WRITE;
import static io.aerosink.connect.testserver.Protocol.PARTICLE_BLOB;
import static io.aerosink.connect.testserver.Protocol.PARTICLE_DOUBLE;
import static io.aerosink.connect.testserver.Protocol.PARTICLE_INTEGER;
import static io.aerosink.connect.testserver.Protocol.PARTICLE_NULL;
import static io.aerosink.connect.testserver.Protocol.PARTICLE_STRING;
import static io.aerosink.connect.testserver.Protocol.RC_BIN_TYPE;
import static io.aerosink.connect.testserver.Protocol.RC_OK;
import static io.aerosink.connect.testserver.Protocol.RC_PARAMETER;

import java.util.List;
import java.util.Map;

/**
 * Applies the ops of a write command to a working copy of the bins. Of the CDT ops only a map put is supported
 * ({@link MapOps}); other CDT, bit, HLL and expression ops fail with PARAMETER_ERROR rather than doing something
 * plausible but wrong.
 */
final class BinOps {
    private BinOps() {
    }

    /** Applies one op, appending its reply op (null results for writes, values for reads); returns a result code. */
    static int apply(Op op, Map<String, Particle> bins, List<Op> replies) {
        switch (op.code()) {
            case OP_WRITE -> {
                if (op.particleType() == PARTICLE_NULL) {
                    bins.remove(op.name());
                } else {
                    bins.put(op.name(), op.particle());
                }
            }
            case OP_READ -> {
                if (op.name().isEmpty()) {
                    bins.forEach((name, p) -> replies.add(Op.readResult(name, p)));
                } else {
                    Particle p = bins.get(op.name());
                    replies.add(p == null ? new Op(OP_READ, PARTICLE_NULL, op.name(), new byte[0])
                            : Op.readResult(op.name(), p));
                }
                return RC_OK;
            }
            case OP_ADD -> {
                int rc = add(op, bins);
                if (rc != RC_OK) {
                    return rc;
                }
            }
            case OP_APPEND, OP_PREPEND -> {
                int rc = concat(op, bins);
                if (rc != RC_OK) {
                    return rc;
                }
            }
            case OP_CDT_MODIFY -> {
                return MapOps.apply(op, bins, replies);
            }
            case OP_TOUCH -> {
                return RC_OK;
            }
            case OP_DELETE -> bins.clear();
            default -> {
                return RC_PARAMETER;
            }
        }
        replies.add(Op.nullResult(op.name()));
        return RC_OK;
    }

    private static int add(Op op, Map<String, Particle> bins) {
        Particle current = bins.get(op.name());
        if (current != null && current.type() != op.particleType()) {
            return RC_BIN_TYPE;
        }
        byte[] sum = new byte[8];
        if (op.particleType() == PARTICLE_INTEGER) {
            long base = current == null ? 0 : Protocol.getLong(current.bytes(), 0);
            Protocol.putLong(sum, 0, base + Protocol.getLong(op.value(), 0));
        } else if (op.particleType() == PARTICLE_DOUBLE) {
            double base = current == null ? 0 : Double.longBitsToDouble(Protocol.getLong(current.bytes(), 0));
            double add = Double.longBitsToDouble(Protocol.getLong(op.value(), 0));
            Protocol.putLong(sum, 0, Double.doubleToLongBits(base + add));
        } else {
            return RC_BIN_TYPE;
        }
        bins.put(op.name(), new Particle(op.particleType(), sum));
        return RC_OK;
    }

    private static int concat(Op op, Map<String, Particle> bins) {
        if (op.particleType() != PARTICLE_STRING && op.particleType() != PARTICLE_BLOB) {
            return RC_BIN_TYPE;
        }
        Particle current = bins.get(op.name());
        if (current == null) {
            bins.put(op.name(), op.particle());
            return RC_OK;
        }
        if (current.type() != op.particleType()) {
            return RC_BIN_TYPE;
        }
        byte[] first = op.code() == OP_APPEND ? current.bytes() : op.value();
        byte[] second = op.code() == OP_APPEND ? op.value() : current.bytes();
        byte[] joined = new byte[first.length + second.length];
        System.arraycopy(first, 0, joined, 0, first.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        bins.put(op.name(), new Particle(op.particleType(), joined));
        return RC_OK;
    }
}
