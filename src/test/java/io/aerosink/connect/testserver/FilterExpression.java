package io.aerosink.connect.testserver;

import static io.aerosink.connect.testserver.Protocol.PARTICLE_INTEGER;
import static io.aerosink.connect.testserver.Protocol.PARTICLE_MAP;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A filter expression (field FILTER_EXP, msgpack as {@code Exp.build} writes it) parsed into a small tree and
 * evaluated against a record's bins the way the server's exp.c does, with three-valued logic.
 *
 * <p>Understood: {@code and}, {@code or} (two or more args), {@code not}, the six comparisons on integers,
 * {@code Exp.val(long)}, {@code intBin}, {@code mapBin}, {@code binType}, and so {@code binExists}, which the client
 * sends as {@code ne(binType(name), 0)}; and {@code MapExp.getByKey} with return type VALUE or COUNT, result type INT
 * and a string or integer key. Anything else makes {@link #parse} throw {@link IllegalArgumentException}, answered
 * with PARAMETER_ERROR as the server answers an expression it cannot build.
 *
 * <p>Wire shapes: every call is an array whose first element is an op code: comparisons EQ 1, NE 2, GT 3, GE 4,
 * LT 5, LE 6 with two operands; AND 16 and OR 17 with two or more; NOT 18 with one; {@code [81, type, name]} a bin
 * (Exp.Type INT 2, MAP 5); {@code [82, name]} a bin's particle type (0 when missing);
 * {@code [127, 2, 0, [97, returnType, key], bin]} a CDT read (CALL, result type INT, module CDT, map GET_BY_KEY).
 * Bin names are plain msgpack strings; string values carry a leading particle-type byte 3.
 *
 * <p>Unknown: a bin that is missing or of another type, or a map lookup whose result is not an integer (a missing key
 * under VALUE returns nil), is unknown rather than false. Comparisons with an unknown side are unknown; {@code not}
 * keeps it; {@code and} is false if any arg is false, else unknown if any is; {@code or} is true if any arg is true,
 * else unknown if any is. A filter passes only when it is true: unknown filters the record out.
 */
final class FilterExpression {
    private static final int EQ = 1;
    private static final int NE = 2;
    private static final int GT = 3;
    private static final int GE = 4;
    private static final int LT = 5;
    private static final int LE = 6;
    private static final int AND = 16;
    private static final int OR = 17;
    private static final int NOT = 18;
    private static final int BIN = 81;
    private static final int BIN_TYPE = 82;
    private static final int CALL = 127;
    private static final int EXP_TYPE_INT = 2;
    private static final int EXP_TYPE_MAP = 5;
    private static final int MODULE_CDT = 0;
    private static final int MAP_GET_BY_KEY = 97;
    private static final int RETURN_COUNT = 5;
    private static final int RETURN_VALUE = 7;

    /** The third truth value; also what a value expression yields when it has no value of its type. */
    private static final Object UNKNOWN = new Object();

    private enum Type { BOOL, INT, MAP }

    /** Evaluates to Boolean, Long, a {@link MapBin}, or {@link #UNKNOWN}. */
    private interface Node {
        Type type();

        Object eval(Map<String, Particle> bins);
    }

    private record Logical(boolean and, List<Node> args) implements Node {
        public Type type() {
            return Type.BOOL;
        }

        public Object eval(Map<String, Particle> bins) {
            Boolean decisive = !and;
            Object result = and;
            for (Node arg : args) {
                Object v = arg.eval(bins);
                if (v == UNKNOWN) {
                    result = UNKNOWN;
                } else if (v.equals(decisive)) {
                    return decisive;
                }
            }
            return result;
        }
    }

    private record Not(Node arg) implements Node {
        public Type type() {
            return Type.BOOL;
        }

        public Object eval(Map<String, Particle> bins) {
            Object v = arg.eval(bins);
            return v == UNKNOWN ? UNKNOWN : !(Boolean) v;
        }
    }

    private record Compare(int op, Node left, Node right) implements Node {
        public Type type() {
            return Type.BOOL;
        }

        public Object eval(Map<String, Particle> bins) {
            Object l = left.eval(bins);
            if (l == UNKNOWN) {
                return UNKNOWN;
            }
            Object r = right.eval(bins);
            if (r == UNKNOWN) {
                return UNKNOWN;
            }
            int c = Long.compare((Long) l, (Long) r);
            return switch (op) {
                case EQ -> c == 0;
                case NE -> c != 0;
                case GT -> c > 0;
                case GE -> c >= 0;
                case LT -> c < 0;
                default -> c <= 0;
            };
        }
    }

    private record IntValue(long value) implements Node {
        public Type type() {
            return Type.INT;
        }

        public Object eval(Map<String, Particle> bins) {
            return value;
        }
    }

    private record Bin(String name, Type type) implements Node {
        public Object eval(Map<String, Particle> bins) {
            Particle p = bins.get(name);
            if (p == null) {
                return UNKNOWN;
            }
            if (type == Type.INT) {
                return p.type() == PARTICLE_INTEGER ? Protocol.getLong(p.bytes(), 0) : UNKNOWN;
            }
            return p.type() == PARTICLE_MAP ? MapBin.parse(p.bytes()) : UNKNOWN;
        }
    }

    private record BinType(String name) implements Node {
        public Type type() {
            return Type.INT;
        }

        public Object eval(Map<String, Particle> bins) {
            Particle p = bins.get(name);
            return p == null ? 0L : (long) p.type();
        }
    }

    private record MapGetByKey(boolean count, Object key, Node map) implements Node {
        public Type type() {
            return Type.INT;
        }

        public Object eval(Map<String, Particle> bins) {
            Object m = map.eval(bins);
            if (m == UNKNOWN) {
                return UNKNOWN;
            }
            byte[] value = ((MapBin) m).get(key);
            if (count) {
                return value == null ? 0L : 1L;
            }
            if (value == null) {
                return UNKNOWN;
            }
            MsgPack in = new MsgPack(value);
            return in.nextIsInt() ? in.readLong() : UNKNOWN;
        }
    }

    private final Node root;

    private FilterExpression(Node root) {
        this.root = root;
    }

    /** Parses the FILTER_EXP field; throws IllegalArgumentException for malformed or unsupported expressions. */
    static FilterExpression parse(byte[] wire) {
        MsgPack in = new MsgPack(wire);
        Node root = node(in);
        if (in.hasMore()) {
            throw new IllegalArgumentException("bytes after the expression");
        }
        expect(root, Type.BOOL);
        return new FilterExpression(root);
    }

    /** True only when the expression is true for these bins; false and unknown both filter the record out. */
    boolean matches(Map<String, Particle> bins) {
        return root.eval(bins) == Boolean.TRUE;
    }

    private static Node node(MsgPack in) {
        if (in.nextIsInt()) {
            return new IntValue(in.readLong());
        }
        if (!in.nextIsArray()) {
            throw new IllegalArgumentException("unsupported expression value");
        }
        int args = in.readArrayHeader() - 1;
        if (args < 0) {
            throw new IllegalArgumentException("empty expression");
        }
        int op = (int) in.readLong();
        switch (op) {
            case EQ, NE, GT, GE, LT, LE -> {
                arity(op, args, 2, 2);
                Node left = expect(node(in), Type.INT);
                return new Compare(op, left, expect(node(in), Type.INT));
            }
            case AND, OR -> {
                arity(op, args, 2, Integer.MAX_VALUE);
                List<Node> operands = new ArrayList<>(args);
                for (int i = 0; i < args; i++) {
                    operands.add(expect(node(in), Type.BOOL));
                }
                return new Logical(op == AND, operands);
            }
            case NOT -> {
                arity(op, args, 1, 1);
                return new Not(expect(node(in), Type.BOOL));
            }
            case BIN -> {
                arity(op, args, 2, 2);
                long type = in.readLong();
                if (type != EXP_TYPE_INT && type != EXP_TYPE_MAP) {
                    throw new IllegalArgumentException("unsupported bin type " + type);
                }
                return new Bin(in.readName(), type == EXP_TYPE_INT ? Type.INT : Type.MAP);
            }
            case BIN_TYPE -> {
                arity(op, args, 1, 1);
                return new BinType(in.readName());
            }
            case CALL -> {
                arity(op, args, 4, 4);
                return call(in);
            }
            default -> throw new IllegalArgumentException("unsupported expression op " + op);
        }
    }

    /** {@code [127, resultType, module, [97, returnType, key], bin]}, the opening 127 already read. */
    private static Node call(MsgPack in) {
        if (in.readLong() != EXP_TYPE_INT || in.readLong() != MODULE_CDT) {
            throw new IllegalArgumentException("unsupported CALL: only CDT reads returning INT");
        }
        if (in.readArrayHeader() != 3 || in.readLong() != MAP_GET_BY_KEY) {
            throw new IllegalArgumentException("unsupported CDT read: only map getByKey without context");
        }
        long returnType = in.readLong();
        if (returnType != RETURN_COUNT && returnType != RETURN_VALUE) {
            throw new IllegalArgumentException("unsupported map return type " + returnType);
        }
        Object key = MapBin.keyOf(in.readRaw());
        if (!(key instanceof Long) && !(key instanceof String)) {
            throw new IllegalArgumentException("unsupported map key");
        }
        return new MapGetByKey(returnType == RETURN_COUNT, key, expect(node(in), Type.MAP));
    }

    private static void arity(int op, int args, int min, int max) {
        if (args < min || args > max) {
            throw new IllegalArgumentException("op " + op + " with " + args + " arguments");
        }
    }

    /** The server type-checks while building: mismatched operands are a PARAMETER_ERROR, not a runtime unknown. */
    private static Node expect(Node n, Type type) {
        if (n.type() != type) {
            throw new IllegalArgumentException("expected " + type + ", got " + n.type());
        }
        return n;
    }
}
