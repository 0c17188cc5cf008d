package io.aerosink.connect.testserver;

import java.util.HashMap;
import java.util.Map;

/**
 * A filter expression evaluated exactly as the test server evaluates it ({@link FilterExpression}), for the model
 * tests' servers, which keep a record's bins as Java values: they are encoded as the client would write them.
 */
public final class ServerFilter {

    private final FilterExpression expression;

    private ServerFilter(FilterExpression expression) {
        this.expression = expression;
    }

    /** Throws IllegalArgumentException where the server would answer PARAMETER_ERROR. */
    public static ServerFilter parse(byte[] wire) {
        return new ServerFilter(FilterExpression.parse(wire));
    }

    /** Whether a record with these bins passes; a missing record has none. */
    public boolean matches(Map<String, ?> bins) {
        Map<String, Particle> particles = new HashMap<>();
        bins.forEach((name, value) -> particles.put(name, Particle.of(value)));
        return expression.matches(particles);
    }
}
