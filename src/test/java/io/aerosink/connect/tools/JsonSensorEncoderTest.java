package io.aerosink.connect.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class JsonSensorEncoderTest {

    @Test
    void writesOneFlatObject() {
        byte[] json = new JsonSensorEncoder().encode(List.of(new SensorRow(42, 21.5, 40.25f, 1013.5f, 1)));

        assertEquals("{\"_key\":42,\"temperature\":21.5,\"humidity\":40.25,\"pressure\":1013.5,\"status\":1}",
                new String(json, StandardCharsets.UTF_8));
    }
}
