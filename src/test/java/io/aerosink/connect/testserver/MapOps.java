package io.aerosink.connect.testserver;

import static io.aerosink.connect.testserver.Protocol.OP_READ;
import static io.aerosink.connect.testserver.Protocol.PARTICLE_INTEGER;
import static io.aerosink.connect.testserver.Protocol.PARTICLE_MAP;
import static io.aerosink.connect.testserver.Protocol.RC_BIN_TYPE;
import static io.aerosink.connect.testserver.Protocol.RC_OK;
import static io.aerosink.connect.testserver.Protocol.RC_PARAMETER;

import java.util.List;
import java.util.Map;

/**
 * The one CDT_MODIFY op this server applies: {@code MapOperation.put(MapPolicy.Default, bin, key, value)}, which the
 * client sends as msgpack {@code [67, key, value, 0]} (PUT, key, value, map attributes; write flags and CTX change
 * that shape). Every other CDT op, list ops included, fails with PARAMETER_ERROR rather than being half-done.
 */
final class MapOps {
    private static final int PUT = 67;
    private static final int UNORDERED = 0;

    private MapOps() {
    }

    /** Applies the op to the working bins and appends its result, the map's new size, as the real server does. */
    static int apply(Op op, Map<String, Particle> bins, List<Op> replies) {
        byte[] key;
        byte[] value;
        try {
            MsgPack args = new MsgPack(op.value());
            if (args.readArrayHeader() != 4 || args.readLong() != PUT) {
                return RC_PARAMETER;
            }
            key = args.readRaw();
            value = args.readRaw();
            if (args.readLong() != UNORDERED || args.hasMore()) {
                return RC_PARAMETER;
            }
        } catch (IllegalArgumentException malformed) {
            return RC_PARAMETER;
        }
        Object k = MapBin.keyOf(key);
        if (!(k instanceof Long) && !(k instanceof String)) {
            return RC_PARAMETER;
        }
        Particle current = bins.get(op.name());
        MapBin map;
        if (current == null) {
            map = MapBin.empty();
        } else if (current.type() != PARTICLE_MAP) {
            return RC_BIN_TYPE;
        } else {
            map = MapBin.parse(current.bytes());
            if (map.keyOrdered()) {
                // A real server inserts in key order; sorting is not implemented, so refuse instead of misordering.
                return RC_PARAMETER;
            }
        }
        MapBin updated = map.with(key, value);
        bins.put(op.name(), new Particle(PARTICLE_MAP, updated.encode()));
        byte[] size = new byte[8];
        Protocol.putLong(size, 0, updated.size());
        replies.add(new Op(OP_READ, PARTICLE_INTEGER, op.name(), size));
        return RC_OK;
    }
}
