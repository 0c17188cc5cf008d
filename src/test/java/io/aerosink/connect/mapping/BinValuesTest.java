package io.aerosink.connect.mapping;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * Avro unions of several types, in the shape Apicurio's AvroConverter 3.0.9 hands them over (seen in AvroIT):
 * an optional Struct named io.confluent.connect.avro.Union, no parameters, one optional field per non-null branch
 * named by the branch's type or, for records, enums and fixed, by its short name; only the chosen branch is set.
 * A [null, T] union is not a Union struct but an optional T, and a null union value is a null field.
 */
class BinValuesTest {

    private static final Schema POINT = SchemaBuilder.struct().name("io.example.Point").optional()
            .field("px", Schema.INT32_SCHEMA).build();
    private static final Schema COLOR = SchemaBuilder.string().name("io.example.Color").optional()
            .parameter("io.confluent.connect.avro.Enum", "io.example.Color")
            .parameter("io.confluent.connect.avro.Enum.RED", "RED").build();
    private static final Schema FOUR = SchemaBuilder.bytes().name("io.example.Four").optional()
            .parameter("connect.fixed.size", "4").build();

    /** ["null", "int", "string"]. */
    private static final Schema INT_OR_STRING = SchemaBuilder.struct().name(BinValues.AVRO_UNION).optional()
            .field("int", Schema.OPTIONAL_INT32_SCHEMA)
            .field("string", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    /** ["null", "string", Point, Color, Four, "bytes", timestamp-millis long, decimal(5, 2) bytes, "double"]. */
    private static final Schema EVERY_BRANCH = SchemaBuilder.struct().name(BinValues.AVRO_UNION).optional()
            .field("string", Schema.OPTIONAL_STRING_SCHEMA)
            .field("Point", POINT)
            .field("Color", COLOR)
            .field("Four", FOUR)
            .field("bytes", Schema.OPTIONAL_BYTES_SCHEMA)
            .field("long", Timestamp.builder().optional().build())
            .field("bytes2", Decimal.builder(2).optional().parameter("connect.decimal.precision", "5").build())
            .field("double", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .build();

    private static Struct union(Schema schema, String branch, Object value) {
        return new Struct(schema).put(branch, value);
    }

    private static Object convert(Schema schema, Object value) {
        return BinValues.fromConnect(schema, value, "f");
    }

    @Test
    void aUnionOfSeveralTypesIsItsChosenBranchsValue() {
        assertEquals(17L, convert(INT_OR_STRING, union(INT_OR_STRING, "int", 17)));
        assertEquals("high", convert(INT_OR_STRING, union(INT_OR_STRING, "string", "high")));
        assertEquals(17L, BinValues.binValue(INT_OR_STRING, union(INT_OR_STRING, "int", 17), "f").getObject(),
                "a top-level field's bin value too");
    }

    @Test
    void eachKindOfBranchIsConvertedAsItWouldBeOnItsOwn() {
        assertEquals("s", convert(EVERY_BRANCH, union(EVERY_BRANCH, "string", "s")));
        assertEquals(Map.of("px", 9L), convert(EVERY_BRANCH, union(EVERY_BRANCH, "Point", new Struct(POINT).put("px", 9))));
        assertEquals("RED", convert(EVERY_BRANCH, union(EVERY_BRANCH, "Color", "RED")));
        assertArrayEquals(new byte[] {1, 2, 3, 4},
                (byte[]) convert(EVERY_BRANCH, union(EVERY_BRANCH, "Four", ByteBuffer.wrap(new byte[] {1, 2, 3, 4}))));
        assertArrayEquals(new byte[] {9}, (byte[]) convert(EVERY_BRANCH, union(EVERY_BRANCH, "bytes", ByteBuffer.wrap(new byte[] {9}))));
        assertEquals(1_700_000_000_123L,
                convert(EVERY_BRANCH, union(EVERY_BRANCH, "long", new java.util.Date(1_700_000_000_123L))));
        assertEquals("12.30", convert(EVERY_BRANCH, union(EVERY_BRANCH, "bytes2", new BigDecimal("12.30"))));
        assertEquals(2.5, convert(EVERY_BRANCH, union(EVERY_BRANCH, "double", 2.5)));
    }

    @Test
    void unionsInsideListsMapsAndRecordsAreUnwrappedToo() {
        Schema required = SchemaBuilder.struct().name(BinValues.AVRO_UNION)
                .field("int", Schema.OPTIONAL_INT32_SCHEMA).field("string", Schema.OPTIONAL_STRING_SCHEMA).build();
        Schema list = SchemaBuilder.array(required).build();
        assertEquals(List.of(1L, "two"), convert(list, List.of(union(required, "int", 1), union(required, "string", "two"))));

        Schema map = SchemaBuilder.map(Schema.STRING_SCHEMA, required).build();
        assertEquals(Map.of("a", 1L, "b", "two"),
                convert(map, Map.of("a", union(required, "int", 1), "b", union(required, "string", "two"))));

        Schema record = SchemaBuilder.struct().name("io.example.Reading")
                .field("reading", INT_OR_STRING).field("none", INT_OR_STRING).field("n", Schema.INT64_SCHEMA).build();
        Struct value = new Struct(record).put("reading", union(INT_OR_STRING, "string", "x")).put("n", 5L);
        assertEquals(Map.of("reading", "x", "n", 5L), convert(record, value), "a null union is left out like any null field");
    }

    @Test
    void onlyTheUnionStructIsUnwrapped() {
        Schema single = SchemaBuilder.struct().name("io.example.Wrapper").field("int", Schema.OPTIONAL_INT32_SCHEMA).build();
        assertEquals(Map.of("int", 3L), convert(single, new Struct(single).put("int", 3)),
                "a record of one field is a map, whatever its field is called");
        Schema unnamed = SchemaBuilder.struct().field("int", Schema.OPTIONAL_INT32_SCHEMA).build();
        assertEquals(Map.of("int", 3L), convert(unnamed, new Struct(unnamed).put("int", 3)));
    }

    @Test
    void aUnionWithNoBranchSetIsNull() {
        assertNull(convert(INT_OR_STRING, new Struct(INT_OR_STRING)));
        Schema record = SchemaBuilder.struct().field("u", INT_OR_STRING).build();
        assertEquals(Map.of(), convert(record, new Struct(record).put("u", new Struct(INT_OR_STRING))),
                "no entry for it in a record's map");
    }

    @Test
    void bytesOfABufferViewAreOnlyItsOwn() {
        ByteBuffer view = ByteBuffer.wrap(new byte[] {0, 1, 2, 3, 4}, 1, 3).slice();
        assertEquals("[1, 2, 3]", Arrays.toString((byte[]) convert(Schema.BYTES_SCHEMA, view)));
    }
}
