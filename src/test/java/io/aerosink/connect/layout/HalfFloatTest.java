package io.aerosink.connect.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HalfFloatTest {

    @ParameterizedTest
    @CsvSource({
        "0x0000, 0.0",
        "0x3c00, 1.0",
        "0xc000, -2.0",
        "0x3555, 0.333251953125",
        "0x7bff, 65504.0",
        "0xfbff, -65504.0",
        "0x0400, 6.103515625E-5",
        "0x0001, 5.9604644775390625E-8",
        "0x03ff, 6.097555160522461E-5",
        "0x8001, -5.9604644775390625E-8",
        "0x7c00, Infinity",
        "0xfc00, -Infinity",
    })
    void convertsKnownValues(String bits, double expected) {
        assertEquals(expected, HalfFloat.toDouble((short) Integer.parseInt(bits.substring(2), 16)));
    }

    @Test
    void keepsTheSignOfZero() {
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(HalfFloat.toDouble((short) 0x8000)));
    }

    @Test
    void turnsEveryNanPatternIntoNan() {
        for (int mantissa = 1; mantissa < 0x400; mantissa++) {
            assertTrue(Double.isNaN(HalfFloat.toDouble((short) (0x7c00 | mantissa))));
            assertTrue(Double.isNaN(HalfFloat.toDouble((short) (0xfc00 | mantissa))));
        }
    }

    @Test
    void agreesWithTheDefinitionForEveryFiniteHalf() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int exponent = (bits >>> 10) & 0x1f;
            if (exponent == 0x1f) {
                continue;
            }
            int mantissa = bits & 0x3ff;
            double magnitude = exponent == 0
                    ? mantissa / 1024.0 * Math.pow(2, -14)
                    : (1 + mantissa / 1024.0) * Math.pow(2, exponent - 15);
            double expected = (bits & 0x8000) != 0 ? -magnitude : magnitude;
            assertEquals(expected, HalfFloat.toDouble((short) bits), "bits 0x" + Integer.toHexString(bits));
        }
    }
}
