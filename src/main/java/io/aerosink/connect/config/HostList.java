package io.aerosink.connect.config;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import com.aerospike.client.Host;

/** Parses {@code host[:port]} lists; IPv6 addresses go in brackets: {@code [::1]:3000}. */
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

    private static Host parseOne(String name, String value, String spec) {
        String host = spec;
        String port = null;
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
                port = spec.substring(close + 2);
            }
        } else if (spec.indexOf(':') >= 0) {
            if (spec.indexOf(':') != spec.lastIndexOf(':')) {
                throw new ConfigException(name, value, "'" + spec + "': put IPv6 addresses in brackets, e.g. [::1]:3000");
            }
            host = spec.substring(0, spec.indexOf(':'));
            port = spec.substring(spec.indexOf(':') + 1);
        }
        if (host.isEmpty()) {
            throw new ConfigException(name, value, "'" + spec + "' has no host name");
        }
        return new Host(host, port == null ? DEFAULT_PORT : parsePort(name, value, spec, port));
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
        return "host[:port],... (IPv6 as [address]:port)";
    }
}
