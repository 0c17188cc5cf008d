package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class SchemaRegistryClientTest {

    @Test
    void embedsTheSchemaAsAJsonString() {
        assertEquals("{\"schema\":\"{\\\"type\\\":\\\"int\\\"}\"}", SchemaRegistryClient.requestBody("{\"type\":\"int\"}"));
    }

    @Test
    void readsTheIdFromTheAnswer() throws IOException {
        assertEquals(17, SchemaRegistryClient.parseId("{\"id\": 17}"));
        assertThrows(IOException.class, () -> SchemaRegistryClient.parseId("{\"error_code\":42201}"));
    }
}
