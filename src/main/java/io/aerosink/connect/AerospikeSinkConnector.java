package io.aerosink.connect;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

import io.aerosink.connect.config.ConfigValidator;
import io.aerosink.connect.config.SinkConfig;
import io.aerosink.connect.config.TaskNumber;

/**
 * Kafka Connect sink that writes records to Aerospike in batches. Every task gets the same settings, and its own
 * number ({@link TaskNumber}).
 */
public final class AerospikeSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new SinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return AerospikeSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return TaskNumber.taskConfigs(props, maxTasks);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return SinkConfig.CONFIG_DEF;
    }

    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        return ConfigValidator.validate(connectorConfigs);
    }

    @Override
    public String version() {
        return Version.get();
    }
}
