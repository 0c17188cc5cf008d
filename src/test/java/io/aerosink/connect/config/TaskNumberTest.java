package io.aerosink.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.aerosink.connect.AerospikeSinkConnector;

class TaskNumberTest {

    private static final Map<String, String> PROPS = Map.of("name", "sensors-sink", "topics", "sensors",
            "aerospike.namespace", "test");

    @Test
    void eachTaskConfigCarriesConnectsNumberOfThatTaskAndOtherwiseTheConnectorsSettings() {
        AerospikeSinkConnector connector = new AerospikeSinkConnector();
        connector.start(PROPS);
        List<Map<String, String>> configs = connector.taskConfigs(3);

        assertEquals(3, configs.size());
        for (int task = 0; task < 3; task++) {
            Map<String, String> config = configs.get(task);
            assertEquals(Optional.of(String.valueOf(task)), TaskNumber.of(config), config.toString());
            Map<String, String> rest = new HashMap<>(config);
            rest.remove(TaskNumber.CONFIG);
            assertEquals(PROPS, rest);
        }
    }

    @Test
    void aTaskConfigStoredBeforeTasksWereNumberedHasNone() {
        assertEquals(Optional.empty(), TaskNumber.of(PROPS));
    }

    @Test
    void theNumberIsNotASettingUsersSee() {
        assertFalse(SinkConfig.CONFIG_DEF.names().contains(TaskNumber.CONFIG));
        new SinkConfig(TaskNumber.taskConfigs(PROPS, 1).get(0));
    }
}
