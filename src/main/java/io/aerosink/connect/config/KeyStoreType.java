package io.aerosink.connect.config;

import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.Security;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** A key store type this JVM can open (PKCS12, JKS, ...), as {@code KeyStore.getInstance} takes it. */
final class KeyStoreType implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        String type = value == null ? "" : value.toString().trim();
        try {
            KeyStore.getInstance(type);
        } catch (KeyStoreException | IllegalArgumentException e) {
            throw new ConfigException(name, value, "is not a key store type of this JVM; it knows " + known());
        }
    }

    private static Set<String> known() {
        return new TreeSet<>(Security.getAlgorithms("KeyStore"));
    }

    @Override
    public String toString() {
        return "a key store type of the JVM, e.g. PKCS12, JKS";
    }
}
