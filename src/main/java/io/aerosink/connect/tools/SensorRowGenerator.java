package io.aerosink.connect.tools;

/**
 * Makes plausible readings as a pure function of the row index, so that a run can be checked afterwards
 * (row i always has the same values) without keeping anything in memory.
 */
public final class SensorRowGenerator {

    private final int keys;

    public SensorRowGenerator(int keys) {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1: " + keys);
        }
        this.keys = keys;
    }

    public SensorRow row(long index) {
        int key = (int) (index % keys);
        double phase = index / 600.0;
        double temperature = 20.0 + 5.0 * Math.sin(phase) + key % 7 * 0.25;
        float humidity = (float) (45.0 + 15.0 * Math.cos(phase / 3));
        float pressure = (float) (1013.25 + 8.0 * Math.sin(phase / 11));
        int status = index % 97 == 0 ? 2 : index % 13 == 0 ? 1 : 0;
        return new SensorRow(key, temperature, humidity, pressure, status);
    }
}
