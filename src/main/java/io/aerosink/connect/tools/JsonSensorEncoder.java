package io.aerosink.connect.tools;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** One row as a schemaless JSON object, for {@code JsonConverter} with {@code schemas.enable=false}. */
public final class JsonSensorEncoder implements MessageEncoder {

    @Override
    public byte[] encode(List<SensorRow> rows) {
        if (rows.size() != 1) {
            throw new IllegalArgumentException("a JSON message holds exactly one row, got " + rows.size());
        }
        SensorRow row = rows.get(0);
        String json = "{\"_key\":" + row.key()
                + ",\"temperature\":" + row.temperature()
                + ",\"humidity\":" + row.humidity()
                + ",\"pressure\":" + row.pressure()
                + ",\"status\":" + row.status() + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean multiRow() {
        return false;
    }
}
