package io.aerosink.connect;

import java.util.Collection;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;

import io.aerosink.connect.config.SinkConfig;

/** The worker's handle on a task: everything is delegated to a {@link RunningTask} built in {@link #start}. */
public final class AerospikeSinkTask extends SinkTask {

    private RunningTask running;

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        running = RunningTask.start(new SinkConfig(props), context);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        running.put(records);
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return running.preCommit(currentOffsets);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        if (running != null) {
            running.close(partitions);
        }
    }

    @Override
    public void stop() {
        if (running != null) {
            running.stop();
        }
    }
}
