package io.aerosink.connect.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.aerospike.client.policy.AuthMode;

/**
 * The rules between the TLS and authentication settings, as {@code ClientPolicy} and the server would apply them
 * only once the task connects: PKI needs TLS and a client certificate and takes no user, EXTERNAL sends the password
 * in clear so it needs TLS (EXTERNAL_INSECURE does not), and TLS settings without TLS on would go unused while the
 * credentials go in clear. Each problem names every key involved.
 */
final class SecurityCheck {

    /** One broken rule and the keys it is reported on. */
    record Problem(String message, List<String> keys) {
    }

    private SecurityCheck() {
    }

    /**
     * The problems of {@code parsed} (the valid values of the connection and TLS keys, defaults applied) given the
     * keys the user set ({@code props}); a rule whose values are not valid is skipped.
     */
    static List<Problem> problems(Map<String, Object> parsed, Map<String, String> props) {
        List<Problem> problems = new ArrayList<>();
        Object enabled = parsed.get(TlsConfig.ENABLED);
        if (Boolean.FALSE.equals(enabled)) {
            unusedTls(parsed, props, problems);
        }
        Object mode = parsed.get(ConnectionConfig.AUTH_MODE);
        if (mode == null || enabled == null) {
            return problems;
        }
        AuthMode authMode = EnumValidator.parse(AuthMode.class, mode.toString());
        boolean tls = (Boolean) enabled;
        boolean user = isSet(props, ConnectionConfig.USER);
        String name = ConnectionConfig.AUTH_MODE + "=" + authMode.name().toLowerCase(Locale.ROOT);
        switch (authMode) {
            case PKI -> {
                if (!tls) {
                    problems.add(new Problem(name + " logs in with the client certificate, which needs TLS: set "
                            + TlsConfig.ENABLED + "=true", List.of(ConnectionConfig.AUTH_MODE, TlsConfig.ENABLED)));
                }
                if (!isSet(props, TlsConfig.KEYSTORE_LOCATION)) {
                    problems.add(new Problem(name + " logs in with the client certificate: set "
                            + TlsConfig.KEYSTORE_LOCATION + " to a keystore holding it and its key",
                            List.of(ConnectionConfig.AUTH_MODE, TlsConfig.KEYSTORE_LOCATION)));
                }
                if (user || isSet(props, ConnectionConfig.PASSWORD)) {
                    problems.add(new Problem(name + " takes the user from the client certificate: leave "
                            + ConnectionConfig.USER + " and " + ConnectionConfig.PASSWORD + " empty",
                            List.of(ConnectionConfig.AUTH_MODE, user ? ConnectionConfig.USER
                                    : ConnectionConfig.PASSWORD)));
                }
            }
            case EXTERNAL, EXTERNAL_INSECURE -> {
                if (authMode == AuthMode.EXTERNAL && !tls) {
                    problems.add(new Problem(name + " sends the password in clear, so only over TLS: set "
                            + TlsConfig.ENABLED + "=true (" + ConnectionConfig.AUTH_MODE
                            + "=external_insecure sends it without TLS)",
                            List.of(ConnectionConfig.AUTH_MODE, TlsConfig.ENABLED)));
                }
                if (!user) {
                    problems.add(new Problem(name + " logs in as a user of the server's LDAP: set "
                            + ConnectionConfig.USER + " and " + ConnectionConfig.PASSWORD,
                            List.of(ConnectionConfig.AUTH_MODE, ConnectionConfig.USER)));
                }
            }
            default -> {
                // INTERNAL: a user is optional and the user/password pair is checked with the other pairs.
            }
        }
        return problems;
    }

    private static void unusedTls(Map<String, Object> parsed, Map<String, String> props, List<Problem> problems) {
        for (String key : TlsConfig.DEF.names()) {
            if (!key.equals(TlsConfig.ENABLED) && isSet(props, key)) {
                problems.add(new Problem(key + " is set but " + TlsConfig.ENABLED + " is false, so it would not "
                        + "be used: set " + TlsConfig.ENABLED + "=true, or remove " + key,
                        List.of(key, TlsConfig.ENABLED)));
            }
        }
        Object hosts = parsed.get(ConnectionConfig.HOSTS);
        if (hosts != null && HostList.namesTls(HostList.parse(ConnectionConfig.HOSTS, hosts.toString()))) {
            problems.add(new Problem(ConnectionConfig.HOSTS + " names TLS names (host:tlsname:port) but "
                    + TlsConfig.ENABLED + " is false: set " + TlsConfig.ENABLED + "=true, or write host:port",
                    List.of(ConnectionConfig.HOSTS, TlsConfig.ENABLED)));
        }
    }

    private static boolean isSet(Map<String, String> props, String key) {
        String value = props.get(key);
        return value != null && !value.isBlank();
    }
}
