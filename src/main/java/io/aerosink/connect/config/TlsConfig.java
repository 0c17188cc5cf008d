package io.aerosink.connect.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/** TLS to the Aerospike nodes: whether it is on, the stores that make its context, its protocols and ciphers. */
public final class TlsConfig {

    public static final String GROUP = "TLS";

    public static final String ENABLED = "aerospike.tls.enabled";
    public static final String TRUSTSTORE_LOCATION = "aerospike.tls.truststore.location";
    public static final String TRUSTSTORE_TYPE = "aerospike.tls.truststore.type";
    public static final String TRUSTSTORE_PASSWORD = "aerospike.tls.truststore.password";
    public static final String KEYSTORE_LOCATION = "aerospike.tls.keystore.location";
    public static final String KEYSTORE_TYPE = "aerospike.tls.keystore.type";
    public static final String KEYSTORE_PASSWORD = "aerospike.tls.keystore.password";
    public static final String KEY_PASSWORD = "aerospike.tls.key.password";
    public static final String PROTOCOLS = "aerospike.tls.protocols";
    public static final String CIPHERS = "aerospike.tls.ciphers";

    public static final ConfigDef DEF = new ConfigDef()
            .define(ENABLED, Type.BOOLEAN, false, Importance.HIGH,
                    "Connect to the Aerospike nodes over TLS (the server's tls stanza in network.service). Each "
                            + "host of aerospike.hosts can name the TLS name its certificate must carry as "
                            + "host:tlsname:port; without one, aerospike.cluster.name or else the host name is used.",
                    GROUP, 1, Width.SHORT, "TLS enabled")
            .define(TRUSTSTORE_LOCATION, Type.STRING, "", Importance.HIGH,
                    "Truststore holding the authority that signed the servers' certificates; empty: the JVM's "
                            + "default truststore.",
                    GROUP, 2, Width.LONG, "Truststore")
            .define(TRUSTSTORE_TYPE, Type.STRING, "PKCS12", new KeyStoreType(), Importance.LOW,
                    "Type of the truststore file.",
                    GROUP, 3, Width.SHORT, "Truststore type")
            .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM,
                    "Password of the truststore; empty for a store without one.",
                    GROUP, 4, Width.MEDIUM, "Truststore password")
            .define(KEYSTORE_LOCATION, Type.STRING, "", Importance.MEDIUM,
                    "Keystore holding this client's certificate and private key, for servers that authenticate "
                            + "clients (tls-authenticate-client) and for aerospike.auth.mode=pki; empty: none.",
                    GROUP, 5, Width.LONG, "Keystore")
            .define(KEYSTORE_TYPE, Type.STRING, "PKCS12", new KeyStoreType(), Importance.LOW,
                    "Type of the keystore file.",
                    GROUP, 6, Width.SHORT, "Keystore type")
            .define(KEYSTORE_PASSWORD, Type.PASSWORD, "", Importance.MEDIUM,
                    "Password of the keystore.",
                    GROUP, 7, Width.MEDIUM, "Keystore password")
            .define(KEY_PASSWORD, Type.PASSWORD, "", Importance.LOW,
                    "Password of the private key in the keystore; empty: the keystore password.",
                    GROUP, 8, Width.MEDIUM, "Key password")
            .define(PROTOCOLS, Type.LIST, "TLSv1.2", TlsNames.protocols(), Importance.LOW,
                    "TLS protocols the client offers, comma-separated (the client's and the server's default "
                            + "is TLSv1.2; TLSv1.2,TLSv1.3 for servers that allow both).",
                    GROUP, 9, Width.MEDIUM, "TLS protocols")
            .define(CIPHERS, Type.LIST, "", TlsNames.ciphers(), Importance.LOW,
                    "Cipher suites the client offers, comma-separated JSSE names; empty: the JVM's defaults.",
                    GROUP, 10, Width.LONG, "TLS cipher suites");

    private final boolean enabled;
    private final StoreSettings truststore;
    private final StoreSettings keystore;
    private final Password keyPassword;
    private final List<String> protocols;
    private final List<String> ciphers;

    public TlsConfig(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(DEF, props, false);
        this.enabled = config.getBoolean(ENABLED);
        this.truststore = new StoreSettings(TRUSTSTORE_LOCATION, TRUSTSTORE_TYPE, TRUSTSTORE_PASSWORD,
                config.getString(TRUSTSTORE_LOCATION).trim(), config.getString(TRUSTSTORE_TYPE).trim(),
                config.getPassword(TRUSTSTORE_PASSWORD));
        this.keystore = new StoreSettings(KEYSTORE_LOCATION, KEYSTORE_TYPE, KEYSTORE_PASSWORD,
                config.getString(KEYSTORE_LOCATION).trim(), config.getString(KEYSTORE_TYPE).trim(),
                config.getPassword(KEYSTORE_PASSWORD));
        this.keyPassword = config.getPassword(KEY_PASSWORD);
        this.protocols = names(config.getList(PROTOCOLS));
        this.ciphers = names(config.getList(CIPHERS));
    }

    private static List<String> names(List<String> values) {
        return values.stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    public boolean enabled() {
        return enabled;
    }

    public StoreSettings truststore() {
        return truststore;
    }

    public StoreSettings keystore() {
        return keystore;
    }

    /** The private key's password: the key password when set, else the keystore's. */
    public Password keyPassword() {
        return keyPassword.value().isEmpty() ? keystore.password() : keyPassword;
    }

    /** The setting that gives {@link #keyPassword()}. */
    public String keyPasswordKey() {
        return keyPassword.value().isEmpty() ? KEYSTORE_PASSWORD : KEY_PASSWORD;
    }

    /** Protocols to offer; empty means the client's default. */
    public List<String> protocols() {
        return protocols;
    }

    /** Cipher suites to offer; empty means the JVM's defaults. */
    public List<String> ciphers() {
        return ciphers;
    }
}
