package io.aerosink.connect.testserver;

import static io.aerosink.connect.testserver.Protocol.FIELD_DIGEST;
import static io.aerosink.connect.testserver.Protocol.FIELD_FILTER_EXP;
import static io.aerosink.connect.testserver.Protocol.FIELD_KEY;
import static io.aerosink.connect.testserver.Protocol.FIELD_NAMESPACE;
import static io.aerosink.connect.testserver.Protocol.FIELD_SET;
import static io.aerosink.connect.testserver.Protocol.FIELD_UDF_ARGS;
import static io.aerosink.connect.testserver.Protocol.FIELD_UDF_FUNCTION;
import static io.aerosink.connect.testserver.Protocol.FIELD_UDF_PACKAGE;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One record's request, whether it came as a single-record message or as a batch entry: both reduce to the
 * same attributes, so the store needs only one code path. {@code filterExp} is the raw FILTER_EXP field or null; the
 * store parses it only once it has found the record, as the server does. {@code unsupported} marks requests using
 * features this server refuses rather than half-implements (UDFs).
 */
record RecordCommand(String namespace, String setName, byte[] digest, Particle userKey,
                     int info1, int info2, int info3, int generation, int expiration,
                     byte[] filterExp, boolean unsupported, List<Op> ops) {

    static RecordCommand fromMessage(MessageCodec.AsMessage m) {
        return fromFields(m.fields(), null, m.info1(), m.info2(), m.info3(), m.generation(), m.expiration(), m.ops());
    }

    /** Builds a command from decoded fields; {@code digest} overrides the DIGEST field (batch entries carry it apart). */
    static RecordCommand fromFields(List<MessageCodec.Field> fields, byte[] digest, int info1, int info2, int info3,
                                    int generation, int expiration, List<Op> ops) {
        String ns = null;
        String set = null;
        Particle key = null;
        byte[] filter = null;
        boolean unsupported = false;
        for (MessageCodec.Field f : fields) {
            switch (f.type()) {
                case FIELD_NAMESPACE -> ns = new String(f.data(), StandardCharsets.UTF_8);
                case FIELD_SET -> set = f.data().length == 0 ? null : new String(f.data(), StandardCharsets.UTF_8);
                case FIELD_DIGEST -> digest = digest == null ? f.data() : digest;
                case FIELD_KEY -> key = new Particle(f.data()[0] & 0xFF, Arrays.copyOfRange(f.data(), 1, f.data().length));
                case FIELD_FILTER_EXP -> filter = f.data();
                case FIELD_UDF_PACKAGE, FIELD_UDF_FUNCTION, FIELD_UDF_ARGS -> unsupported = true;
                default -> {
                    // Transaction fields and the like carry nothing this server acts on.
                }
            }
        }
        return new RecordCommand(ns, set, digest, key, info1, info2, info3, generation, expiration, filter,
                unsupported, ops);
    }

    /** Same target and attributes, another digest: what a batch REPEAT entry means. */
    RecordCommand repeatFor(byte[] otherDigest) {
        return new RecordCommand(namespace, setName, otherDigest, null, info1, info2, info3, generation, expiration,
                filterExp, unsupported, ops);
    }

    /**
     * The batch's filter (BatchPolicy.filterExp, in the batch header) for an entry without its own, which is how
     * both the client (for a key sent alone) and the server resolve the two.
     */
    RecordCommand orFilter(byte[] batchFilter) {
        return filterExp != null || batchFilter == null ? this : new RecordCommand(namespace, setName, digest, userKey,
                info1, info2, info3, generation, expiration, batchFilter, unsupported, ops);
    }

    boolean isWrite() {
        return (info2 & Protocol.INFO2_WRITE) != 0;
    }

    boolean isDelete() {
        return isWrite() && (info2 & Protocol.INFO2_DELETE) != 0;
    }

    String summary() {
        String kind = isDelete() ? "DELETE" : isWrite() ? "WRITE" : "READ";
        String opList = ops.stream().map(Op::summary).collect(Collectors.joining(","));
        return kind + String.format(" attrs=%02x/%02x/%02x", info1, info2, info3)
                + (userKey != null ? " key" : "") + (filterExp != null ? " filter" : "")
                + (opList.isEmpty() ? "" : " ops=[" + opList + "]");
    }
}
