package io.aerosink.connect.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The example connector configs users start from ({@code config/*.json}), read as the REST requests they are. */
final class ExampleConfigs {

    /** Maven runs the tests in the project directory. */
    static final Path DIR = Path.of("config");

    private ExampleConfigs() {
    }

    static ObjectNode read(String file) {
        return read(DIR.resolve(file));
    }

    static ObjectNode read(Path path) {
        try {
            JsonNode node = ConnectTestBase.JSON.readTree(Files.readString(path));
            if (!(node instanceof ObjectNode request) || !(request.get("config") instanceof ObjectNode)) {
                throw new IllegalStateException(path + " is not a {\"name\": ..., \"config\": {...}} request");
            }
            return request;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the example config " + path.toAbsolutePath(), e);
        }
    }
}
