package io.aerosink.connect.config;

import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A list of TLS protocol or cipher suite names that this JVM supports: a typo is reported when the connector is
 * validated, not as a handshake failure on the first connection.
 */
final class TlsNames implements ConfigDef.Validator {

    private final String what;
    private final Function<SSLParameters, String[]> supported;

    private TlsNames(String what, Function<SSLParameters, String[]> supported) {
        this.what = what;
        this.supported = supported;
    }

    static TlsNames protocols() {
        return new TlsNames("TLS protocol", SSLParameters::getProtocols);
    }

    static TlsNames ciphers() {
        return new TlsNames("cipher suite", SSLParameters::getCipherSuites);
    }

    @Override
    public void ensureValid(String name, Object value) {
        if (!(value instanceof List<?> names)) {
            return;
        }
        Set<String> known = Set.of(supported.apply(supportedParameters()));
        for (Object entry : names) {
            String n = entry.toString().trim();
            if (!n.isEmpty() && !known.contains(n)) {
                throw new ConfigException(name, value, "'" + n + "' is not a " + what + " this JVM supports");
            }
        }
    }

    private static SSLParameters supportedParameters() {
        try {
            return SSLContext.getDefault().getSupportedSSLParameters();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    @Override
    public String toString() {
        return what + " names the JVM supports";
    }
}
