package io.aerosink.connect.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

import io.aerosink.connect.avro.RegistryStub;

class ConfigValidatorTest {

    private static Map<String, String> valid() {
        Map<String, String> props = new HashMap<>();
        props.put("topics", "sensors,orders.v1");
        props.put(MappingConfig.NAMESPACE, "test");
        return props;
    }

    @Test
    void minimalConfigIsValid() {
        assertEquals(Map.of(), ConfigErrors.of(valid()));
    }

    @Test
    void missingNamespaceIsReported() {
        Map<String, String> props = valid();
        props.remove(MappingConfig.NAMESPACE);
        assertTrue(ConfigErrors.of(props).get(MappingConfig.NAMESPACE).get(0).contains("aerospike.namespace"));
    }

    @Test
    void unknownWriteActionListsTheValidOnes() {
        Map<String, String> props = valid();
        props.put(MappingConfig.WRITE_ACTION, "merge");
        String message = ConfigErrors.of(props).get(MappingConfig.WRITE_ACTION).get(0);
        assertTrue(message.contains("upsert") && message.contains("replace_only"), message);
    }

    @Test
    void keyFieldWrittenAsABinMustFitABinName() {
        Map<String, String> props = valid();
        props.put(MappingConfig.KEY_FIELD, "sensor_identifier_long");
        assertTrue(ConfigErrors.of(props).get(MappingConfig.KEY_FIELD).get(0).contains("15 bytes"));
        props.put(MappingConfig.KEY_FIELD, "_sensor_identifier_long");
        assertEquals(Map.of(), ConfigErrors.of(props));
    }

    @Test
    void badHostsAreReported() {
        Map<String, String> props = valid();
        props.put(ConnectionConfig.HOSTS, "a:3000,b:99999");
        assertTrue(ConfigErrors.of(props).get(ConnectionConfig.HOSTS).get(0).contains("1-65535"));
    }

    @Test
    void crossFieldConflictsAreReportedOnBothKeys() {
        Map<String, String> props = valid();
        props.put(WriteConfig.RETRY_BACKOFF_MS, "5000");
        props.put(WriteConfig.RETRY_BACKOFF_MAX_MS, "100");
        props.put(ConnectionConfig.USER, "admin");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertEquals(errors.get(WriteConfig.RETRY_BACKOFF_MS), errors.get(WriteConfig.RETRY_BACKOFF_MAX_MS));
        assertEquals(errors.get(ConnectionConfig.USER), errors.get(ConnectionConfig.PASSWORD));
        assertTrue(errors.get(ConnectionConfig.USER).get(0).contains("together"));
    }

    @Test
    void fixedFormatNeedsALayout() {
        Map<String, String> props = valid();
        props.put(MappingConfig.VALUE_FORMAT, "fixed");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertTrue(errors.get(MappingConfig.VALUE_LAYOUT).get(0).contains("needs value.layout"));
        assertTrue(errors.get(MappingConfig.VALUE_FORMAT).get(0).contains("needs value.layout"));
    }

    @Test
    void layoutErrorsNameTheFieldAndPosition() {
        Map<String, String> props = valid();
        props.put(MappingConfig.VALUE_FORMAT, "fixed");
        props.put(MappingConfig.VALUE_LAYOUT, "_key:<i4, name:<U8");
        String message = ConfigErrors.of(props).get(MappingConfig.VALUE_LAYOUT).get(0);
        assertTrue(message.contains("'name'") && message.contains("position 2"), message);
    }

    @Test
    void layoutWithoutBinsIsRefused() {
        Map<String, String> props = valid();
        props.put(MappingConfig.VALUE_FORMAT, "fixed");
        props.put(MappingConfig.VALUE_LAYOUT, "_key:<i4, _pad:u1");
        assertTrue(ConfigErrors.of(props).get(MappingConfig.VALUE_LAYOUT).get(0).contains("no bins"));
    }

    @Test
    void perTopicOverridesAreValidatedForTopicsWithDots() {
        Map<String, String> props = valid();
        props.put("topic.orders.v1.write.action", "replace");
        props.put("topic.orders.v1.aerospike.set", "orders");
        assertEquals(Map.of(), ConfigErrors.of(props));
        props.put("topic.orders.v1.write.action", "overwrite");
        props.put("topic.sensors.colour", "blue");
        props.put("topic.unknown.ttl.seconds", "10");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertTrue(errors.get("topic.orders.v1.write.action").get(0).contains("must be one of"));
        assertTrue(errors.get("topic.sensors.colour").get(0).contains("overrides nothing"));
        assertTrue(errors.get("topic.unknown.ttl.seconds").get(0).contains("not in topics"));
    }

    @Test
    void perTopicLayoutIsCheckedAgainstThatTopicsFormat() {
        Map<String, String> props = valid();
        props.put("topic.sensors.value.format", "fixed");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertTrue(errors.get("topic.sensors.value.format").get(0).contains("(for topic.sensors)"));
        props.put("topic.sensors.value.layout", "_key:<i4, temperature:<f8");
        assertEquals(Map.of(), ConfigErrors.of(props));
    }

    @Test
    void overridesApplyToTheirTopicOnly() {
        Map<String, String> props = valid();
        props.put("topic.orders.v1.write.action", "insert");
        SinkConfig config = new SinkConfig(props);
        assertEquals(WriteAction.INSERT, config.mapping("orders.v1").writeAction());
        assertEquals(WriteAction.UPSERT, config.mapping("sensors").writeAction());
        assertEquals("orders.v1", config.mapping("orders.v1").setName());
    }

    @Test
    void emptySetMeansNoSet() {
        Map<String, String> props = valid();
        props.put(MappingConfig.SET, "");
        assertEquals(null, new SinkConfig(props).mapping("sensors").setName());
        props.put(MappingConfig.SET, "raw_${topic}");
        assertEquals("raw_sensors", new SinkConfig(props).mapping("sensors").setName());
    }

    @Test
    void passwordIsNeverShownInToString() {
        Map<String, String> props = valid();
        props.put(ConnectionConfig.USER, "admin");
        props.put(ConnectionConfig.PASSWORD, "s3cret");
        SinkConfig config = new SinkConfig(props);
        assertEquals("s3cret", config.connection().password().value());
        assertTrue(!config.connection().password().toString().contains("s3cret"));
        assertEquals(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD,
                SinkConfig.CONFIG_DEF.configKeys().get(ConnectionConfig.PASSWORD).type);
    }

    @Test
    void ipv6HostsInBrackets() {
        Map<String, String> props = valid();
        props.put(ConnectionConfig.HOSTS, "[::1]:3100, db1 ,db2:4000");
        List<com.aerospike.client.Host> hosts = new SinkConfig(props).connection().hosts();
        assertEquals("::1", hosts.get(0).name);
        assertEquals(3100, hosts.get(0).port);
        assertEquals(3000, hosts.get(1).port);
        assertEquals(4000, hosts.get(2).port);
    }

    @Test
    void aFieldFenceNeedsItsFieldAndAValueFormatWithFields() {
        Map<String, String> props = valid();
        props.put(MappingConfig.WRITE_FENCE, "field");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertTrue(errors.get(MappingConfig.WRITE_FENCE_FIELD).get(0).contains("write.fence.field"), errors.toString());

        props.put(MappingConfig.WRITE_FENCE_FIELD, "_event_time");
        assertEquals(Map.of(), ConfigErrors.of(props));

        props.put("topic.sensors." + MappingConfig.VALUE_FORMAT, "fixed");
        props.put("topic.sensors." + MappingConfig.VALUE_LAYOUT, "_key:<i4, t:<f8");
        errors = ConfigErrors.of(props);
        assertTrue(errors.get("topic.sensors." + MappingConfig.VALUE_FORMAT).get(0).contains("write.fence=offset"),
                errors.toString());
    }

    @Test
    void aCustomFenceBinMustBeABinNameNoFieldCanClashWith() {
        Map<String, String> props = valid();
        props.put(MappingConfig.WRITE_FENCE, "offset");
        props.put(MappingConfig.WRITE_FENCE_BIN, "version");
        assertTrue(ConfigErrors.of(props).get(MappingConfig.WRITE_FENCE_BIN).get(0).contains("must start with '_'"));
        props.put(MappingConfig.WRITE_FENCE_BIN, "_a_fence_far_too_long");
        assertTrue(ConfigErrors.of(props).get(MappingConfig.WRITE_FENCE_BIN).get(0).contains("15 bytes"));
        props.put(MappingConfig.WRITE_FENCE_BIN, "_v");
        assertEquals(Map.of(), ConfigErrors.of(props));
    }

    @Test
    void avroThroughTheRegistryNeedsItsUrlAndReportsARegistryItCannotReach() {
        Map<String, String> props = valid();
        props.put(MappingConfig.VALUE_FORMAT, "avro");
        Map<String, List<String>> missing = ConfigErrors.of(props);
        assertTrue(missing.get(RegistryConfig.URL).get(0).contains("value.avro.encoding=confluent"), missing.toString());
        assertTrue(missing.containsKey(MappingConfig.VALUE_FORMAT), missing.toString());

        props.put(RegistryConfig.URL, "http://127.0.0.1:1");
        props.put(RegistryConfig.REQUEST_TIMEOUT_MS, "2000");
        List<String> unreachable = ConfigErrors.of(props).get(RegistryConfig.URL);
        assertTrue(unreachable.get(0).contains("cannot reach the schema registry at http://127.0.0.1:1"),
                unreachable.toString());

        try (RegistryStub registry = RegistryStub.start()) {
            props.put(RegistryConfig.URL, registry.url());
            assertEquals(Map.of(), ConfigErrors.of(props));
            assertEquals(List.of("/subjects"), registry.requests());
        }
    }

    @Test
    void theRegistryIsNotAskedForOtherFormatsOrWhileOtherErrorsStand() {
        Map<String, String> props = valid();
        props.put(RegistryConfig.URL, "http://127.0.0.1:1");
        assertEquals(Map.of(), ConfigErrors.of(props), "value.format=auto does not use the registry");
        props.put(MappingConfig.VALUE_FORMAT, "avro");
        props.put(MappingConfig.WRITE_ACTION, "merge");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertEquals(List.of(MappingConfig.WRITE_ACTION), List.copyOf(errors.keySet()), errors.toString());
    }

    @Test
    void avroWithoutARegistryNeedsAValidRecordSchema() {
        Map<String, String> props = valid();
        props.put(MappingConfig.VALUE_FORMAT, "avro");
        props.put(MappingConfig.VALUE_AVRO_ENCODING, "BINARY");
        assertTrue(ConfigErrors.of(props).get(MappingConfig.VALUE_AVRO_SCHEMA).get(0).contains("carries no schema id"));
        props.put(MappingConfig.VALUE_AVRO_SCHEMA, "{\"type\": \"record\", \"name\": ");
        assertTrue(ConfigErrors.of(props).get(MappingConfig.VALUE_AVRO_SCHEMA).get(0).contains("is not an Avro schema"));
        props.put(MappingConfig.VALUE_AVRO_SCHEMA, "\"long\"");
        assertTrue(ConfigErrors.of(props).get(MappingConfig.VALUE_AVRO_SCHEMA).get(0).contains("must be a record"));
        props.put(MappingConfig.VALUE_AVRO_SCHEMA,
                "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"_key\", \"type\": \"long\"}]}");
        assertEquals(Map.of(), ConfigErrors.of(props));
        props.put("topic.orders.v1." + MappingConfig.VALUE_AVRO_SCHEMA, "\"int\"");
        assertTrue(ConfigErrors.of(props).get("topic.orders.v1." + MappingConfig.VALUE_AVRO_SCHEMA).get(0)
                .contains("must be a record"));
    }

    @Test
    void avroRecordsMayUseTtlFieldsRecordKeysAndFieldFences() {
        Map<String, String> props = valid();
        props.put(MappingConfig.VALUE_FORMAT, "avro");
        props.put(MappingConfig.VALUE_AVRO_ENCODING, "binary");
        props.put(MappingConfig.VALUE_AVRO_SCHEMA,
                "{\"type\": \"record\", \"name\": \"R\", \"fields\": [{\"name\": \"v\", \"type\": \"long\"}]}");
        props.put(MappingConfig.TTL_FIELD, "_ttl");
        props.put(MappingConfig.KEY_SOURCE, "record");
        props.put(MappingConfig.WRITE_FENCE, "field");
        props.put(MappingConfig.WRITE_FENCE_FIELD, "_time");
        assertEquals(Map.of(), ConfigErrors.of(props));
    }

    /** Every key whose value is one of a few names, with those names; each must use EnumValidator, none ValidString. */
    private static Map<String, List<String>> enumLikeKeys() {
        Map<String, List<String>> keys = new TreeMap<>();
        for (ConfigDef.ConfigKey key : SinkConfig.CONFIG_DEF.configKeys().values()) {
            assertFalse(key.validator instanceof ConfigDef.ValidString, key.name + " is validated case-sensitively");
            if (key.validator instanceof EnumValidator names) {
                keys.put(key.name, names.validValues(key.name, Map.of()).stream().map(Object::toString).toList());
            }
        }
        return keys;
    }

    @Test
    void everyEnumLikeValueIsAcceptedInAnyCaseAtTheTopAndPerTopic() {
        Map<String, List<String>> keys = enumLikeKeys();
        assertEquals(Set.of(MappingConfig.KEY_SOURCE, MappingConfig.WRITE_ACTION, MappingConfig.VALUE_FORMAT,
                MappingConfig.LAYOUT_BYTES_AS, MappingConfig.LAYOUT_SUBARRAY_AS, MappingConfig.WRITE_FENCE,
                MappingConfig.VALUE_AVRO_ENCODING, ConnectionConfig.AUTH_MODE), keys.keySet());
        keys.forEach((key, names) -> {
            for (String name : names) {
                List<String> configKeys = MappingConfig.DEF.names().contains(key)
                        ? List.of(key, "topic.sensors." + key) : List.of(key);
                for (String configKey : configKeys) {
                    Map<String, String> props = valid();
                    props.put(configKey, name);
                    Map<String, List<String>> expected = ConfigErrors.of(props);
                    assertFalse(expected.getOrDefault(configKey, List.of()).stream()
                            .anyMatch(m -> m.contains("must be one of")), configKey + "=" + name + ": " + expected);
                    String capitalised = name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
                    for (String variant : List.of(name.toUpperCase(Locale.ROOT), capitalised, " " + name + " ")) {
                        props.put(configKey, variant);
                        assertEquals(expected, ConfigErrors.of(props), configKey + "=" + variant);
                    }
                }
            }
        });
    }

    @Test
    void enumLikeKeysRecommendTheirLowerCaseNames() {
        Map<String, ConfigValue> values = ConfigValidator.validate(valid()).configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, v -> v));
        enumLikeKeys().forEach((key, names) -> {
            assertEquals(names, values.get(key).recommendedValues(), key);
            names.forEach(n -> assertEquals(n.toLowerCase(Locale.ROOT), n, key));
        });
        assertEquals(List.of("string", "blob"), enumLikeKeys().get(MappingConfig.LAYOUT_BYTES_AS));
        assertEquals(List.of("blob", "list"), enumLikeKeys().get(MappingConfig.LAYOUT_SUBARRAY_AS));
    }

    @Test
    void enumLikeValuesInAnyCaseParseToTheirConstants() {
        Map<String, String> props = valid();
        for (String prefix : List.of("", "topic.sensors.")) {
            props.put(prefix + MappingConfig.KEY_SOURCE, "RECORD");
            props.put(prefix + MappingConfig.WRITE_ACTION, "Replace_Only");
            props.put(prefix + MappingConfig.VALUE_FORMAT, "NPY");
            props.put(prefix + MappingConfig.LAYOUT_BYTES_AS, "BLOB");
            props.put(prefix + MappingConfig.LAYOUT_SUBARRAY_AS, "List");
            props.put(prefix + MappingConfig.WRITE_FENCE, "OFFSET");
            props.put(prefix + MappingConfig.VALUE_AVRO_ENCODING, "Single_Object");
            MappingConfig mapping = new SinkConfig(props).mapping("sensors");
            assertEquals(KeySource.RECORD, mapping.keySource(), prefix);
            assertEquals(WriteAction.REPLACE_ONLY, mapping.writeAction(), prefix);
            assertEquals(ValueFormat.NPY, mapping.valueFormat(), prefix);
            assertTrue(mapping.layoutBytesAsBlob(), prefix);
            assertTrue(mapping.layoutSubarrayAsList(), prefix);
            assertEquals(WriteFence.OFFSET, mapping.writeFence(), prefix);
            assertEquals(AvroEncoding.SINGLE_OBJECT, mapping.avroEncoding(), prefix);
            props.keySet().removeIf(k -> !k.equals("topics") && !k.equals(MappingConfig.NAMESPACE));
        }
    }

    /** An error on {@code key} containing {@code text}, or a failure that shows every error found. */
    private static void assertError(Map<String, List<String>> errors, String key, String text) {
        assertTrue(errors.getOrDefault(key, List.of()).stream().anyMatch(m -> m.contains(text)),
                key + " should report '" + text + "': " + errors);
    }

    @Test
    void anInvalidMappingValueDoesNotHideTheRulesBetweenTheOthers() {
        Map<String, String> props = valid();
        props.put(MappingConfig.WRITE_ACTION, "merge");
        props.put(MappingConfig.VALUE_FORMAT, "fixed");
        props.put(MappingConfig.KEY_FIELD, "_id");
        props.put(MappingConfig.TTL_FIELD, "_id");
        props.put(MappingConfig.WRITE_FENCE, "field");
        props.put(WriteConfig.BATCH_SIZE, "5000");
        props.put(WriteConfig.MAX_BUFFERED_RECORDS, "100");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertError(errors, MappingConfig.WRITE_ACTION, "must be one of");
        assertError(errors, MappingConfig.VALUE_LAYOUT, "value.format=fixed needs value.layout");
        assertError(errors, MappingConfig.TTL_FIELD, "key.field and ttl.field name the same field '_id'");
        assertError(errors, MappingConfig.WRITE_FENCE_FIELD, "write.fence=field needs write.fence.field");
        assertError(errors, WriteConfig.BATCH_SIZE, "must not exceed max.buffered.records");
    }

    @Test
    void anInvalidOverrideDoesNotHideTheRulesBetweenThatTopicsOtherValues() {
        Map<String, String> props = valid();
        props.put("topic.sensors.write.action", "merge");
        props.put("topic.sensors.value.format", "fixed");
        props.put("topic.sensors.key.field", "_id");
        props.put("topic.sensors.ttl.field", "_id");
        props.put("topic.sensors.write.fence", "field");
        props.put("topic.sensors.colour", "blue");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertError(errors, "topic.sensors.write.action", "must be one of");
        assertError(errors, "topic.sensors.value.format", "needs value.layout");
        assertError(errors, "topic.sensors.ttl.field", "name the same field '_id' (for topic.sensors)");
        assertError(errors, "topic.sensors.write.fence", "needs write.fence.field");
        assertError(errors, "topic.sensors.colour", "overrides nothing");
    }

    @Test
    void aRuleIsSkippedOnlyWhenAValueItNeedsIsInvalid() {
        Map<String, String> props = valid();
        props.put(MappingConfig.VALUE_FORMAT, "rows");
        props.put(MappingConfig.KEY_SOURCE, "record");
        props.put(MappingConfig.TTL_FIELD, "_ttl");
        props.put(MappingConfig.WRITE_FENCE, "field");
        props.put(MappingConfig.WRITE_FENCE_FIELD, "_time");
        assertEquals(Set.of(MappingConfig.VALUE_FORMAT), ConfigErrors.of(props).keySet(),
                "no rule about rows can be judged without a valid value.format");

        props.put(MappingConfig.WRITE_FENCE_FIELD, "");
        assertError(ConfigErrors.of(props), MappingConfig.WRITE_FENCE_FIELD, "needs write.fence.field");

        props = valid();
        props.put(MappingConfig.VALUE_FORMAT, "fixed");
        props.put(MappingConfig.VALUE_LAYOUT, "_key:<i4, name:<U8");
        props.put(MappingConfig.KEY_FIELD, " ");
        assertEquals(Set.of(MappingConfig.KEY_FIELD), ConfigErrors.of(props).keySet(),
                "a layout is checked against its key field, so not without a valid one");
        props.put(MappingConfig.KEY_FIELD, "_key");
        assertError(ConfigErrors.of(props), MappingConfig.VALUE_LAYOUT, "'name'");
    }

    @Test
    void aMisspeltKeyIsAnErrorNamingTheClosestRealKey() {
        Map<String, String> props = valid();
        Map<String, String> meant = Map.of("aerospike.namesapce", MappingConfig.NAMESPACE,
                "batch.szie", WriteConfig.BATCH_SIZE, "write.actoin", MappingConfig.WRITE_ACTION,
                "value.formt", MappingConfig.VALUE_FORMAT, "retry.backof.ms", WriteConfig.RETRY_BACKOFF_MS,
                "linger.mss", WriteConfig.LINGER_MS, "aerospike.host", ConnectionConfig.HOSTS,
                "value.schema.registry.urls", RegistryConfig.URL, "key.feild", MappingConfig.KEY_FIELD);
        meant.keySet().forEach(key -> props.put(key, "1"));
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertEquals(meant.keySet(), errors.keySet(), errors.toString());
        meant.forEach((key, real) -> assertError(errors, key, "did you mean '" + real + "'?"));
    }

    @Test
    void everyPrefixTheConnectorOwnsIsChecked() {
        for (String prefix : KeySpelling.OWNED_PREFIXES) {
            Map<String, String> props = valid();
            props.put(prefix + "nonsense", "1");
            assertError(ConfigErrors.of(props), prefix + "nonsense", "is not a setting of this connector; did you mean");
        }
    }

    @Test
    void aMisspeltOverrideNamesTheClosestOverrideOfThatTopic() {
        Map<String, String> props = valid();
        props.put("topic.orders.write.actoin", "insert");
        props.put("topic.orders.v1.write.actoin", "insert");
        props.put("topic.orders.v1.ttl.secs", "10");
        props.put("topic.sensors.value.layuot", "_key:<i4, t:<f8");
        Map<String, List<String>> errors = ConfigErrors.of(props);
        assertError(errors, "topic.orders.write.actoin", "overrides nothing; did you mean 'topic.orders.write.action'?");
        assertError(errors, "topic.orders.v1.write.actoin", "did you mean 'topic.orders.v1.write.action'?");
        assertError(errors, "topic.orders.v1.ttl.secs", "did you mean 'topic.orders.v1.ttl.seconds'?");
        assertError(errors, "topic.sensors.value.layuot", "did you mean 'topic.sensors.value.layout'?");
        assertError(errors, "topic.sensors.value.layuot", "one of [aerospike.namespace");
    }

    @Test
    void connectsOwnKeysAndOtherPluginsPrefixesAreNeverFlagged() {
        Map<String, String> props = valid();
        for (String key : org.apache.kafka.connect.runtime.SinkConnectorConfig.configDef().names()) {
            props.putIfAbsent(key, "x");
        }
        for (String key : List.of("value.converter.schemas.enable", "value.converter.schema.registry.url",
                "key.converter.schemas.enable", "key.converter.basic.auth.user.info", "value.converterX",
                "header.converter.x", "errors.deadletterqueue.topic.name", "transforms.route.type",
                "transforms.route.regex", "predicates.isTombstone.type", "consumer.override.max.poll.records",
                "admin.override.bootstrap.servers", "producer.override.acks", "config.action.reload",
                "topics.regex", "tasks.max", "name", "connector.class", "kafka.batch.size", "my.plugin.write.action")) {
            props.put(key, "x");
        }
        assertEquals(Map.of(), ConfigErrors.of(props));
    }

    @Test
    void editDistanceCountsASwapOfNeighboursAsOne() {
        assertEquals(1, KeySpelling.distance("batch.szie", "batch.size"));
        assertEquals(1, KeySpelling.distance("aerospike.namesapce", "aerospike.namespace"));
        assertEquals(2, KeySpelling.distance("retry.backof.m", "retry.backoff.ms"));
        assertEquals(0, KeySpelling.distance("ttl.field", "ttl.field"));
        assertEquals(3, KeySpelling.distance("", "abc"));
    }
}
