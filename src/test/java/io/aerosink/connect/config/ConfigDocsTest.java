package io.aerosink.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * README's configuration reference must be the one generated from the ConfigDefs. To refresh it after a
 * config change: {@code mvn test -Dtest=ConfigDocsTest -Dreadme.update=true}.
 */
class ConfigDocsTest {

    private static final String START = "<!-- config-reference:start -->\n";
    private static final String END = "<!-- config-reference:end -->";

    @Test
    void readmeConfigurationReferenceIsUpToDate() throws IOException {
        Path readme = Path.of("README.md");
        String generated = ConfigDocs.markdownTable();
        if (Boolean.getBoolean("readme.update")) {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            Files.writeString(readme, text.substring(0, text.indexOf(START) + START.length()) + generated
                    + text.substring(text.indexOf(END)), StandardCharsets.UTF_8);
        }
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        assertEquals(generated, text.substring(text.indexOf(START) + START.length(), text.indexOf(END)),
                "README.md is out of date: run mvn test -Dtest=ConfigDocsTest -Dreadme.update=true");
    }
}
