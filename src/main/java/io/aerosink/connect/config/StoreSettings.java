package io.aerosink.connect.config;

import org.apache.kafka.common.config.types.Password;

/**
 * One key or trust store file as configured, with the names of the keys that set it, so that a store that cannot
 * be loaded is reported on the key to fix. An empty location means none is configured.
 */
public record StoreSettings(String locationKey, String typeKey, String passwordKey, String location, String type,
                            Password password) {

    public boolean isSet() {
        return !location.isEmpty();
    }
}
