package io.aerosink.connect.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Connect's number of a task ({@code ConnectorTaskId.task()}, 0 for the first), which Connect does not hand to the
 * task itself. Connect numbers a connector's tasks in the order of the configs the connector returns, so the
 * connector writes each task's number into its config, and the task's metrics and threads carry the same number
 * as Connect's own metrics of that task.
 */
public final class TaskNumber {

    /**
     * Set by the connector in each task's config, never by users: it is not in the ConfigDef, so Connect's
     * validation and the configuration reference do not list it.
     */
    public static final String CONFIG = "aerosink.task.number";

    private TaskNumber() {
    }

    /** The connector's settings for each of {@code tasks} tasks, each with its own number. */
    public static List<Map<String, String>> taskConfigs(Map<String, String> props, int tasks) {
        List<Map<String, String>> configs = new ArrayList<>(tasks);
        for (int number = 0; number < tasks; number++) {
            Map<String, String> config = new HashMap<>(props);
            config.put(CONFIG, String.valueOf(number));
            configs.add(Map.copyOf(config));
        }
        return configs;
    }

    /**
     * The task's number, or empty where its config has none: the task configs a worker stored before the plugin
     * was upgraded to one that numbers them, which the worker runs until the connector's next start replaces them.
     */
    public static Optional<String> of(Map<String, ?> taskConfig) {
        Object number = taskConfig.get(CONFIG);
        return number == null ? Optional.empty() : Optional.of(number.toString());
    }
}
