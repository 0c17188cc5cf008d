package io.aerosink.connect.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RowLayoutTest {

    private static final String SENSOR = "_key:<i4, temperature:<f8, humidity:<f4, pressure:<f4, status:u1";

    @Test
    void parsesTheCompactSpelling() {
        RowLayout layout = RowLayout.parse(SENSOR);

        assertEquals(21, layout.itemSize());
        assertEquals(List.of("_key", "temperature", "humidity", "pressure", "status"),
                layout.fields().stream().map(LayoutField::name).collect(Collectors.toList()));
        assertEquals(List.of(0, 4, 12, 16, 20),
                layout.fields().stream().map(LayoutField::offset).collect(Collectors.toList()));
        LayoutField temperature = layout.field("temperature");
        assertEquals(Kind.FLOAT, temperature.kind());
        assertEquals(8, temperature.elementSize());
        assertEquals(ByteOrder.LITTLE_ENDIAN, temperature.byteOrder());
        assertEquals(2, temperature.position());
        assertEquals(Kind.UINT, layout.field("status").kind());
    }

    @Test
    void toleratesWhitespaceEverywhere() {
        assertEquals(RowLayout.parse(SENSOR), RowLayout.parse(
                "  _key : <i4 ,temperature:<f8,\n\thumidity :  <f4,pressure:<f4 , status : u1  "));
    }

    @Test
    void readsSubarrayShapes() {
        RowLayout layout = RowLayout.parse("_key:<i8, embedding:(128,)<f4, grid:( 2 , 3 )>i2, one:(4)u1");

        LayoutField embedding = layout.field("embedding");
        assertArrayEquals(new int[] {128}, embedding.shape());
        assertEquals(128, embedding.elementCount());
        assertEquals(512, embedding.size());
        assertTrue(embedding.isSubarray());
        assertArrayEquals(new int[] {2, 3}, layout.field("grid").shape());
        assertEquals(ByteOrder.BIG_ENDIAN, layout.field("grid").byteOrder());
        assertEquals(8 + 512 + 12 + 4, layout.itemSize());
        assertEquals(520, layout.field("grid").offset());
    }

    @Test
    void readsNumpyDescrJson() {
        RowLayout json = RowLayout.parse("[[\"_key\",\"<i4\"],[\"temperature\",\"<f8\"],[\"embedding\",\"<f4\",[128]],"
                + "[\"\",\"|V3\"],[\"status\",\"|u1\"]]");
        RowLayout compact = RowLayout.parse("_key:<i4, temperature:<f8, embedding:(128,)<f4, :V3, status:u1");

        assertEquals(compact, json);
        assertEquals(compact.hashCode(), json.hashCode());
        assertTrue(json.fields().get(3).isPadding());
        assertEquals(4 + 8 + 512 + 3 + 1, json.itemSize());
    }

    @Test
    void readsPythonTuplesTitlesAndIntegerShapes() {
        RowLayout layout = RowLayout.parse("[('_key', '<i4'), (('a title', 'temp'), '<f8'), ('v', '<f4', 3)]");

        assertEquals(RowLayout.parse("_key:<i4, temp:<f8, v:(3,)<f4"), layout);
    }

    @Test
    void toStringIsCompactAndParsesBack() {
        RowLayout layout = RowLayout.parse("[[\"_key\",\"<i4\"],[\"t\",\">f8\"],[\"s\",\"|S16\"],[\"ok\",\"|b1\"],"
                + "[\"e\",\"<f4\",[2,3]],[\"v\",\"<u2\",[4]],[\"\",\"|V3\"]]");

        assertEquals("_key:<i4, t:>f8, s:S16, ok:b1, e:(2,3)<f4, v:(4,)<u2, :V3", layout.toString());
        assertEquals(layout, RowLayout.parse(layout.toString()));
    }

    @Test
    void byteOrderMattersOnlyWhereItChangesValues() {
        assertEquals(RowLayout.parse("a:|u1, b:S4, c:|V2, d:?"), RowLayout.parse("a:<u1, b:>S4, c:V2, d:b1"));
        assertEquals(RowLayout.parse("a:=i4"), RowLayout.parse("a:<i4"));
        assertEquals(RowLayout.parse("a:i4"), RowLayout.parse("a:<i4"));
        assertNotEquals(RowLayout.parse("a:>i4"), RowLayout.parse("a:<i4"));
        assertNotEquals(RowLayout.parse("a:<i4, b:<i4"), RowLayout.parse("a:<i4, c:<i4"));
        assertNotEquals(RowLayout.parse("a:(2,)<i4"), RowLayout.parse("a:(1,2)<i4"));
    }

    @Test
    void findsFieldsByNameButNotPadding() {
        RowLayout layout = RowLayout.parse("a:<i4, :V4, b:<f4");

        assertEquals(3, layout.field("b").position());
        assertNull(layout.field("missing"));
        assertNull(layout.field(""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "[]", " [ ] "})
    void refusesAnEmptyLayout(String spec) {
        LayoutException e = assertThrows(LayoutException.class, () -> RowLayout.parse(spec));
        assertTrue(e.getMessage().startsWith("empty layout"), e.getMessage());
        assertNull(e.fieldName());
        assertEquals(0, e.position());
    }

    @Test
    void refusesDuplicateNames() {
        LayoutException e = assertThrows(LayoutException.class,
                () -> RowLayout.parse("_key:<i4, t:<f8, h:<f4, t:<f4"));
        assertEquals("field 't' (position 4): duplicate name; already used at position 2", e.getMessage());
        assertEquals("t", e.fieldName());
        assertEquals(4, e.position());
    }

    @Test
    void allowsManyPaddingFields() {
        assertEquals(7, RowLayout.parse(":V1, a:u1, :V2, :V3").itemSize());
    }

    @Test
    void refusesUnicodeWithAHintToUseBytes() {
        LayoutException e = assertThrows(LayoutException.class,
                () -> RowLayout.parse("_key:<i4, t:<f8, h:<f4, name:<U16"));
        assertEquals("field 'name' (position 4): kind 'U' (unicode) is not supported; use S<n> bytes,"
                + " e.g. numpy dtype 'S16'", e.getMessage());
        assertEquals("name", e.fieldName());
        assertEquals(4, e.position());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "obj:O8        | kind 'O' (Python object) is not supported",
        "when:<M8      | kind 'M' (datetime64) is not supported",
        "dt:<m8        | kind 'm' (timedelta64) is not supported",
        "z:<c16        | kind 'c' (complex) is not supported",
        "x:<x4         | bad type '<x4'",
        "x:<i3         | bad size in type '<i3'; integers are 1, 2, 4 or 8 bytes",
        "x:u16         | bad size in type 'u16'",
        "x:f1          | bad size in type 'f1'; floats are 2, 4 or 8 bytes",
        "x:f16         | bad size in type 'f16'",
        "x:b2          | bad size in type 'b2'; a bool is 'b1'",
        "x:S0          | bad size in type 'S0'; bytes fields need a size of at least 1",
        "x:V0          | bad size in type 'V0'",
        "x:i           | type 'i' has no size",
        "x:<           | bad type '<'",
        "x:i4x         | bad type 'i4x'",
        "x:S99999999999| size in type 'S99999999999' is too large",
        "x:(0,)<f4     | shape dimension 1 is 0; dimensions must be at least 1",
        "x:(2,-3)<f4   | shape dimension 2 is -3; dimensions must be at least 1",
    })
    void refusesBadTypesNamingTheField(String field, String problem) {
        LayoutException e = assertThrows(LayoutException.class, () -> RowLayout.parse("_key:<i4, " + field.strip()));
        String name = field.strip().substring(0, field.strip().indexOf(':'));
        assertTrue(e.getMessage().startsWith("field '" + name + "' (position 2): " + problem.strip()), e.getMessage());
        assertEquals(name, e.fieldName());
        assertEquals(2, e.position());
    }

    @Test
    void refusesRowsTooLargeToIndex() {
        LayoutException e = assertThrows(LayoutException.class,
                () -> RowLayout.parse("_key:<i4, big:(100000,100000)<f8"));
        assertEquals("big", e.fieldName());
        e = assertThrows(LayoutException.class, () -> RowLayout.parse("a:S1000000000, b:S1000000000"));
        assertEquals("b", e.fieldName());
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "_key<i4                  | layout syntax error at character 8: expected ':' after field name '_key<i4'",
        "_key:<i4 t:<f8           | bad type '<i4 t:<f8'",
        "a:<i4, b                 | layout syntax error at character 9: expected ':' after field name 'b'",
        "a:<i4,                   | layout syntax error at character 7: expected a field 'name:type'",
        "a:<i4,,b:<f8             | layout syntax error at character 7: expected ':' after field name ''",
        "a:<i4, b:                | field 'b' (position 2): syntax error at character 10: expected a type after the colon",
        "a:<i4, b:(3<f4           | field 'b' (position 2): syntax error at character 12: shape opened at character 10 is not closed",
        "a:<i4, b:(3,<f4          | field 'b' (position 2): syntax error at character 13: expected a number in the shape",
        "a:<i4, b:(x)<f4          | field 'b' (position 2): syntax error at character 11: expected a number in the shape",
    })
    void reportsCompactSyntaxErrorsWithTheCharacter(String spec, String message) {
        LayoutException e = assertThrows(LayoutException.class, () -> RowLayout.parse(spec.strip()));
        assertTrue(e.getMessage().contains(message.strip()), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[[\"a\",\"<i4\"]                        | layout syntax error: unexpected end of text, expected ',' or ']' at character 13",
        "[[\"a\",\"<i4\"]]]                      | layout syntax error: unexpected text after the end of the value at character 14",
        "[[\"a\" \"<i4\"]]                       | layout syntax error: expected ',' or ']' but found '\"' at character 7",
        "[[\"a\",\"<i4]]                         | layout syntax error: string is not closed at character 7",
        "[[\"a\",<i4]]                           | layout syntax error: unexpected character '<' at character 7",
        "[[\"a\",\"<i4\",[1.5]]]                 | layout syntax error: only integers are expected here at character 15",
        "[[\"a\",\"<i4\",[99999999999999999999]]] | layout syntax error: integer is too large at character 14",
        "[[\"a\"]]                               | entry at position 1 must be [name, type] or [name, type, shape]",
        "[\"a\"]                                 | entry at position 1 must be [name, type] or [name, type, shape], not 'a'",
        "[[1,\"<i4\"]]                           | entry at position 1: field name must be a string, not 1",
        "[[\"a\",4]]                             | field 'a' (position 1): type must be a string such as '<f8', not 4",
        "[[\"a\",\"<i4\",\"x\"]]                 | field 'a' (position 1): shape must be a list of integers",
        "[[\"a\",\"<i4\",[true]]]                | field 'a' (position 1): shape must hold integers, not true",
        "[[\"a\",\"<i4\"],[\"s\",[[\"x\",\"<f4\"]]]] | field 's' (position 2): nested structured fields are not supported",
    })
    void reportsDescrErrors(String spec, String message) {
        LayoutException e = assertThrows(LayoutException.class, () -> RowLayout.parse(spec.strip()));
        assertTrue(e.getMessage().startsWith(message.strip()), e.getMessage());
    }

    @Test
    void refusesDeepNesting() {
        String deep = "[".repeat(10_000);
        LayoutException e = assertThrows(LayoutException.class, () -> RowLayout.parse(deep));
        assertTrue(e.getMessage().contains("nested more than 32 levels deep"), e.getMessage());
    }
}
