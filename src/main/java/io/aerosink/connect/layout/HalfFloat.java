package io.aerosink.connect.layout;

/** IEEE 754 half precision ({@code f2}) to double, written out because Java 17 has no {@code float16ToFloat}. */
final class HalfFloat {

    private static final int DOUBLE_EXPONENT_BIAS = 1023;
    private static final int HALF_EXPONENT_BIAS = 15;

    private HalfFloat() {
    }

    /** Exact: every half value, subnormals, signed zeros, infinities and NaN included, is a double. */
    static double toDouble(short half) {
        int bits = half & 0xffff;
        long sign = (long) (bits >>> 15) << 63;
        int exponent = (bits >>> 10) & 0x1f;
        long mantissa = bits & 0x3ff;
        if (exponent == 0) {
            // Subnormal (or zero): mantissa * 2^-24, which a double holds exactly.
            double magnitude = mantissa * 0x1p-24;
            return sign == 0 ? magnitude : -magnitude;
        }
        if (exponent == 0x1f) {
            // Keep the NaN payload in the top mantissa bits, as a widening conversion does.
            return Double.longBitsToDouble(sign | 0x7ff0_0000_0000_0000L | (mantissa << 42));
        }
        long doubleExponent = exponent - HALF_EXPONENT_BIAS + DOUBLE_EXPONENT_BIAS;
        return Double.longBitsToDouble(sign | (doubleExponent << 52) | (mantissa << 42));
    }
}
