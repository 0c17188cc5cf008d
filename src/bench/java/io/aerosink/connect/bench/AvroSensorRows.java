package io.aerosink.connect.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

import io.aerosink.connect.avro.AvroPayloads;
import io.aerosink.connect.it.ApicurioRegistry;
import io.aerosink.connect.tools.AvroSensorEncoder;
import io.aerosink.connect.tools.SchemaRegistryClient;

/**
 * The worker bench's sensor rows as native Avro: Confluent-framed values (magic byte 0, the 4-byte id that a real
 * Apicurio Registry 3.0.9's ccompat API gave the writer schema, the Avro body) of SensorProducer's sensor schema,
 * whose {@code _key} is an int as in the fixed layout, and the settings that make the connector decode them itself.
 */
final class AvroSensorRows {

    private static final Schema SCHEMA = AvroPayloads.parse(AvroSensorEncoder.SCHEMA);

    private final ApicurioRegistry registry;
    private final String subject;
    private int schemaId = -1;

    /**
     * Launches the registry and returns at once: it takes 10-45 s to start, which the broker's start and the other
     * cases' rows take up.
     */
    AvroSensorRows(String topic) {
        this.registry = ApicurioRegistry.shared();
        this.subject = topic + "-value";
    }

    /** Row {@code seq} of key {@code key}; the first call waits for the registry and registers the schema. */
    byte[] value(int seq, int key) {
        if (schemaId < 0) {
            schemaId = register();
        }
        GenericRecord record = new GenericData.Record(SCHEMA);
        record.put("_key", key);
        record.put("temperature", (double) seq);
        record.put("humidity", SensorRows.humidity(key));
        record.put("pressure", SensorRows.pressure(key));
        record.put("status", SensorRows.status(key));
        return AvroPayloads.confluent(schemaId, record);
    }

    /** Bytes in, the sink's own decoder, the writer schema by id from the registry's ccompat API. */
    Map<String, String> connectorConfig() {
        return Map.of("value.converter", "org.apache.kafka.connect.converters.ByteArrayConverter",
                "value.format", "avro",
                "value.avro.encoding", "confluent",
                "value.schema.registry.url", registry.ccompatUrl());
    }

    private int register() {
        long started = System.nanoTime();
        registry.awaitReady();
        try {
            int id = new SchemaRegistryClient(registry.ccompatUrl()).register(subject, SCHEMA.toString());
            SinkBenchmark.log(String.format("Apicurio Registry answered after a %.1f s wait; schema id %d under %s",
                    (System.nanoTime() - started) / 1e9, id, subject));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot register the sensor schema under " + subject, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
