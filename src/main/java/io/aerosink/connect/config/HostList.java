package io.aerosink.connect.config;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import com.aerospike.client.Host;

/**
 * Parses {@code host[:port]} lists, and {@code host:tlsname:port} for TLS (Aerospike's own spelling, as
 * {@code Host.parseHosts} reads it); IPv6 addresses go in brackets: {@code [::1]:3000}. Unlike the client, a lone
 * second part is always a port: {@code db1:300O} is a typo to report, not a TLS name.
 */
final class HostList implements ConfigDef.Validator {

    static final int DEFAULT_PORT = 3000;

    static List<Host> parse(String name, String value) {
        List<Host> hosts = new ArrayList<>();
        for (String entry : value.split(",")) {
            String spec = entry.trim();
            if (spec.isEmpty()) {
                continue;
            }
            hosts.add(parseOne(name, value, spec));
        }
        if (hosts.isEmpty()) {
            throw new ConfigException(name, value, "needs at least one host, as host[:port]");
        }
        return hosts;
    }

    /** Whether any host of a valid list names a TLS name. */
    static boolean namesTls(List<Host> hosts) {
        return hosts.stream().anyMatch(h -> h.tlsName != null);
    }

    private static Host parseOne(String name, String value, String spec) {
        String host = spec;
        String rest = null;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) {
                throw new ConfigException(name, value, "'" + spec + "' opens '[' without closing it");
            }
            host = spec.substring(1, close);
            if (close + 1 < spec.length()) {
                if (spec.charAt(close + 1) != ':') {
                    throw new ConfigException(name, value, "'" + spec + "' must be [address]:port");
                }
                rest = spec.substring(close + 2);
            }
        } else if (spec.indexOf(':') >= 0) {
            host = spec.substring(0, spec.indexOf(':'));
            rest = spec.substring(spec.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new ConfigException(name, value, "'" + spec + "' has no host name");
        }
        if (rest == null) {
            return new Host(host, DEFAULT_PORT);
        }
        String[] parts = rest.split(":", -1);
        if (parts.length == 1) {
            return new Host(host, parsePort(name, value, spec, parts[0]));
        }
        if (parts.length > 2) {
            throw new ConfigException(name, value, "'" + spec + "' has too many ':'; write host:port or "
                    + "host:tlsname:port, and put IPv6 addresses in brackets, e.g. [::1]:3000");
        }
        if (parts[0].isEmpty()) {
            throw new ConfigException(name, value, "'" + spec + "' has an empty TLS name; write "
                    + "host:tlsname:port, and put IPv6 addresses in brackets, e.g. [::1]:3000");
        }
        return new Host(host, parts[0], parsePort(name, value, spec, parts[1]));
    }

    private static int parsePort(String name, String value, String spec, String port) {
        try {
            int p = Integer.parseInt(port);
            if (p >= 1 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // reported below with the same message as an out-of-range port
        }
        throw new ConfigException(name, value, "'" + spec + "' has port '" + port + "'; a port is 1-65535");
    }

    @Override
    public void ensureValid(String name, Object value) {
        parse(name, value == null ? "" : value.toString());
    }

    @Override
    public String toString() {
        return "host[:port],... or host:tlsname:port,... (IPv6 as [address]:port)";
    }
}
