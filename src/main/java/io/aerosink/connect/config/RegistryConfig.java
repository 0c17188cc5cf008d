package io.aerosink.connect.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The Confluent-compatible schema registry that {@code value.format=avro} with {@code value.avro.encoding=confluent}
 * fetches writer schemas from (Confluent Schema Registry, Apicurio's ccompat API, Karapace, Redpanda).
 */
public final class RegistryConfig {

    public static final String GROUP = "Schema registry";

    public static final String URL = "value.schema.registry.url";
    public static final String USER_INFO = "value.schema.registry.basic.auth.user.info";
    public static final String TRUSTSTORE_LOCATION = "value.schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "value.schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "value.schema.registry.ssl.truststore.type";
    public static final String REQUEST_TIMEOUT_MS = "value.schema.registry.request.timeout.ms";

    public static final ConfigDef DEF = new ConfigDef()
            .define(URL, Type.LIST, "", Importance.HIGH,
                    "Base URLs of the schema registry, comma-separated, tried in turn (e.g. "
                            + "http://registry:8081, or http://apicurio:8080/apis/ccompat/v7). Needed by "
                            + "value.format=avro with value.avro.encoding=confluent.",
                    GROUP, 1, Width.LONG, "Schema registry URLs")
            .define(USER_INFO, Type.PASSWORD, "", Importance.MEDIUM,
                    "HTTP basic authentication as user:password; empty for none.",
                    GROUP, 2, Width.MEDIUM, "Registry user info")
            .define(TRUSTSTORE_LOCATION, Type.STRING, "", Importance.MEDIUM,
                    "Truststore for an https registry whose certificate the JVM's default truststore does not trust.",
                    GROUP, 3, Width.LONG, "Registry truststore")
            .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM,
                    "Password of the registry truststore.",
                    GROUP, 4, Width.MEDIUM, "Registry truststore password")
            .define(TRUSTSTORE_TYPE, Type.STRING, "PKCS12", new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Type of the registry truststore (PKCS12, JKS).",
                    GROUP, 5, Width.SHORT, "Registry truststore type")
            .define(REQUEST_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Time one registry request may take before the registry counts as unavailable (the records "
                            + "then wait, as in an Aerospike outage).",
                    GROUP, 6, Width.SHORT, "Registry request timeout (ms)");

    private final List<String> urls;
    private final Password userInfo;
    private final String truststoreLocation;
    private final Password truststorePassword;
    private final String truststoreType;
    private final int requestTimeoutMs;

    public RegistryConfig(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(DEF, props, false);
        this.urls = config.getList(URL).stream().map(String::trim).filter(u -> !u.isEmpty()).toList();
        this.userInfo = config.getPassword(USER_INFO);
        this.truststoreLocation = config.getString(TRUSTSTORE_LOCATION).trim();
        this.truststorePassword = config.getPassword(TRUSTSTORE_PASSWORD);
        this.truststoreType = config.getString(TRUSTSTORE_TYPE).trim();
        this.requestTimeoutMs = config.getInt(REQUEST_TIMEOUT_MS);
    }

    /** The registry's base URLs; empty when none is configured. */
    public List<String> urls() {
        return urls;
    }

    /** user:password for basic authentication, or an empty value. */
    public Password userInfo() {
        return userInfo;
    }

    /** The truststore path, empty for the JVM's default trust. */
    public String truststoreLocation() {
        return truststoreLocation;
    }

    public Password truststorePassword() {
        return truststorePassword;
    }

    public String truststoreType() {
        return truststoreType;
    }

    public int requestTimeoutMs() {
        return requestTimeoutMs;
    }
}
