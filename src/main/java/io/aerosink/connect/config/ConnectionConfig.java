package io.aerosink.connect.config;

import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

import com.aerospike.client.Host;
import com.aerospike.client.policy.AuthMode;

/** How to reach the Aerospike cluster. */
public final class ConnectionConfig {

    public static final String GROUP = "Connection";

    public static final String HOSTS = "aerospike.hosts";
    public static final String USER = "aerospike.user";
    public static final String PASSWORD = "aerospike.password";
    public static final String AUTH_MODE = "aerospike.auth.mode";
    public static final String CLUSTER_NAME = "aerospike.cluster.name";
    public static final String TIMEOUT_MS = "aerospike.timeout.ms";
    public static final String CONNECT_TIMEOUT_MS = "aerospike.connect.timeout.ms";

    public static final ConfigDef DEF = new ConfigDef()
            .define(HOSTS, Type.STRING, "localhost:3000", new HostList(), Importance.HIGH,
                    "Seed hosts of the Aerospike cluster, comma-separated host[:port] (port 3000 when absent), "
                            + "or host:tlsname:port to name the TLS name a node's certificate must carry "
                            + "(aerospike.tls.enabled). The client discovers the other nodes from these.",
                    GROUP, 1, Width.LONG, "Aerospike seed hosts")
            .define(USER, Type.STRING, "", Importance.MEDIUM,
                    "User name for clusters with security enabled; empty for none. Not used with "
                            + "aerospike.auth.mode=pki, where the user is the client certificate's.",
                    GROUP, 2, Width.MEDIUM, "User")
            .define(PASSWORD, Type.PASSWORD, "", Importance.MEDIUM,
                    "Password of aerospike.user.",
                    GROUP, 3, Width.MEDIUM, "Password")
            .define(AUTH_MODE, Type.STRING, "internal", EnumValidator.of(AuthMode.class), Importance.MEDIUM,
                    "How the client logs in (ClientPolicy.authMode): internal: a user of the server, its password "
                            + "sent hashed; external: a user of the server's LDAP, its password sent in clear, so "
                            + "TLS is required; external_insecure: the same without TLS; pki: the user named by "
                            + "the client certificate (TLS with a keystore, no user or password).",
                    GROUP, 4, Width.SHORT, "Authentication mode", EnumValidator.of(AuthMode.class))
            .define(CLUSTER_NAME, Type.STRING, "", Importance.LOW,
                    "Expected cluster name; when set, nodes of another cluster are refused. Empty: not checked.",
                    GROUP, 5, Width.MEDIUM, "Cluster name")
            .define(TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.MEDIUM,
                    "Total time one batch call may take before it counts as failed and is retried.",
                    GROUP, 6, Width.SHORT, "Batch call timeout (ms)")
            .define(CONNECT_TIMEOUT_MS, Type.INT, 5_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Time allowed to open a connection, and to find the cluster when the task starts.",
                    GROUP, 7, Width.SHORT, "Connect timeout (ms)");

    private final List<Host> hosts;
    private final String user;
    private final Password password;
    private final AuthMode authMode;
    private final String clusterName;
    private final int timeoutMs;
    private final int connectTimeoutMs;
    private final TlsConfig tls;

    public ConnectionConfig(Map<String, String> props) {
        AbstractConfig config = new AbstractConfig(DEF, props, false);
        this.hosts = HostList.parse(HOSTS, config.getString(HOSTS));
        this.user = config.getString(USER);
        this.password = config.getPassword(PASSWORD);
        this.authMode = EnumValidator.parse(AuthMode.class, config.getString(AUTH_MODE));
        this.clusterName = config.getString(CLUSTER_NAME);
        this.timeoutMs = config.getInt(TIMEOUT_MS);
        this.connectTimeoutMs = config.getInt(CONNECT_TIMEOUT_MS);
        this.tls = new TlsConfig(props);
    }

    public List<Host> hosts() {
        return hosts;
    }

    public String user() {
        return user;
    }

    public Password password() {
        return password;
    }

    public AuthMode authMode() {
        return authMode;
    }

    public TlsConfig tls() {
        return tls;
    }

    public String clusterName() {
        return clusterName;
    }

    public int timeoutMs() {
        return timeoutMs;
    }

    public int connectTimeoutMs() {
        return connectTimeoutMs;
    }
}
