package io.aerosink.connect.tools;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends asynchronously and fails the run at the next send after a delivery failure, so a broken broker
 * stops the tool instead of it counting rows nobody received.
 */
public final class KafkaMessageSink implements MessageSink, AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public KafkaMessageSink(String bootstrapServers, String topic, Properties overrides) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.putAll(overrides);
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        // Fetching metadata now (creating the topic if the broker auto-creates) keeps that wait out of the
        // first send and its rate, and fails early, after max.block.ms, when no broker answers.
        producer.partitionsFor(topic);
    }

    @Override
    public void send(byte[] key, byte[] value) {
        throwIfFailed();
        producer.send(new ProducerRecord<>(topic, key, value), (metadata, exception) -> {
            if (exception != null) {
                failure.compareAndSet(null, exception);
            }
        });
    }

    @Override
    public void close() {
        producer.flush();
        producer.close();
        throwIfFailed();
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("sending to " + topic + " failed: " + e, e);
        }
    }
}
