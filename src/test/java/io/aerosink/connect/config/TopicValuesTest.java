package io.aerosink.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class TopicValuesTest {

    private final List<String> builds = new ArrayList<>();
    private final TopicValues<String> values = new TopicValues<>(topic -> {
        builds.add(topic);
        return "value of " + topic;
    });

    @Test
    void eachTopicGetsItsOwnValueBuiltOnce() {
        assertEquals("value of a", values.get("a"));
        assertEquals("value of b", values.get("b"));
        assertEquals("value of a", values.get("a"));
        assertEquals("value of b", values.get("b"));
        assertEquals("value of b", values.get("b"));
        assertEquals(List.of("a", "b"), builds);
    }

    @Test
    void anEqualTopicStringThatIsAnotherObjectFindsTheSameValue() {
        String first = values.get(new String("sensors"));
        assertSame(first, values.get(new String("sensors")));
        assertEquals(List.of("sensors"), builds);
    }

    @Test
    void aTopicWhoseBuildFailsIsBuiltAgainNextTime() {
        TopicValues<String> failing = new TopicValues<>(topic -> {
            builds.add(topic);
            throw new IllegalStateException("bad settings for " + topic);
        });
        for (int i = 0; i < 2; i++) {
            try {
                failing.get("bad");
            } catch (IllegalStateException expected) {
                assertEquals("bad settings for bad", expected.getMessage());
            }
        }
        assertEquals(List.of("bad", "bad"), builds);
    }
}
