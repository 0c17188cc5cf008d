package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class NpyFileHeaderTest {

    @Test
    void sizesTheSensorLayout() {
        NpyFileHeader header = NpyFileHeader.parse(
                "{'descr': " + SensorRow.NPY_DESCR + ", 'fortran_order': False, 'shape': (1000000,), }   \n", 128);

        assertEquals(1_000_000, header.rowCount());
        assertEquals(SensorRow.PACKED_BYTES, header.rowBytes());
        assertEquals(128, header.dataOffset());
        assertEquals("[[\"_key\", \"<i4\"], [\"temperature\", \"<f8\"], [\"humidity\", \"<f4\"], "
                + "[\"pressure\", \"<f4\"], [\"status\", \"|u1\"]]", header.descrJson());
    }

    @Test
    void sizesNestedAndUnicodeFields() {
        assertEquals(4 + 2 * (8 + 1) + 3 * 4 + 16,
                NpyFileHeader.itemSize(PythonLiteral.parse(
                        "[('a', '<i4'), ('inner', [('x', '<f8'), ('flag', '|b1')], (2,)), ('name', '<U3'), ('t', '<M8[ns]'),"
                                + " ('u', '<u8')]")));
    }

    @Test
    void aScalarArrayIsOneRow() {
        NpyFileHeader header = NpyFileHeader.parse("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", 64);

        assertEquals(1, header.rowCount());
        assertEquals(8, header.rowBytes());
    }

    @Test
    void refusesFortranOrderedMatrices() {
        assertThrows(IllegalArgumentException.class,
                () -> NpyFileHeader.parse("{'descr': '<f8', 'fortran_order': True, 'shape': (4, 2), }", 64));
    }

    @Test
    void refusesObjectArrays() {
        assertThrows(IllegalArgumentException.class,
                () -> NpyFileHeader.parse("{'descr': '|O', 'fortran_order': False, 'shape': (4,), }", 64));
    }
}
