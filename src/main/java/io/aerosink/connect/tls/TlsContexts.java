package io.aerosink.connect.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import io.aerosink.connect.config.StoreSettings;
import io.aerosink.connect.config.TlsConfig;

/**
 * The {@link SSLContext} of {@code aerospike.tls.*}: trust from the truststore (the JVM's default without one), and
 * this client's certificate from the keystore when one is set. Loading both here, once, means a wrong file or
 * password fails the task at start, named, instead of every connection attempt failing the same way.
 */
public final class TlsContexts {

    private TlsContexts() {
    }

    public static SSLContext build(TlsConfig tls) {
        return context(tls.keystore().isSet() ? keyManagers(tls) : null, tls);
    }

    /**
     * The same context, calling {@code onCertificateRequest} whenever a server asks for a client certificate: for a
     * diagnosing handshake, not for the client's connections.
     */
    public static SSLContext watchingCertificateRequests(TlsConfig tls, Runnable onCertificateRequest) {
        X509ExtendedKeyManager keys = null;
        if (tls.keystore().isSet()) {
            for (KeyManager manager : keyManagers(tls)) {
                if (manager instanceof X509ExtendedKeyManager x509) {
                    keys = x509;
                }
            }
        }
        return context(new KeyManager[] {new CertificateRequestWatch(keys, onCertificateRequest)}, tls);
    }

    private static SSLContext context(KeyManager[] keys, TlsConfig tls) {
        TrustManager[] trust = tls.truststore().isSet() ? trustManagers(tls.truststore()) : null;
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys, trust, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JVM cannot make a TLS context", e);
        }
    }

    /** Every store problem of these settings, each on its own key, for the validate endpoint; empty when none. */
    public static List<StoreException> problems(TlsConfig tls) {
        List<StoreException> problems = new ArrayList<>();
        if (tls.truststore().isSet()) {
            try {
                trustManagers(tls.truststore());
            } catch (StoreException e) {
                problems.add(e);
            }
        }
        if (tls.keystore().isSet()) {
            try {
                keyManagers(tls);
            } catch (StoreException e) {
                problems.add(e);
            }
        }
        return problems;
    }

    private static TrustManager[] trustManagers(StoreSettings store) {
        KeyStore trusted = StoreFile.load(store);
        if (count(trusted, true) == 0) {
            // A PKCS12 store keeps its certificates encrypted: opened without its password, it looks empty.
            if (store.password().value().isEmpty()) {
                throw new StoreException(store.passwordKey(), store.location() + " (" + store.locationKey()
                        + ") shows no certificate without a password: set " + store.passwordKey(), null);
            }
            throw new StoreException(store.locationKey(), store.locationKey() + ": " + store.location()
                    + " holds no certificate to trust", null);
        }
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new StoreException(store.locationKey(), store.locationKey() + ": " + e.getMessage(), e);
        }
    }

    private static KeyManager[] keyManagers(TlsConfig tls) {
        StoreSettings store = tls.keystore();
        KeyStore keys = StoreFile.load(store);
        if (count(keys, false) == 0) {
            throw new StoreException(store.locationKey(), store.locationKey() + ": " + store.location()
                    + " holds no private key with its certificate", null);
        }
        String passwordKey = tls.keyPasswordKey();
        try {
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, tls.keyPassword().value().toCharArray());
            return factory.getKeyManagers();
        } catch (UnrecoverableKeyException e) {
            throw new StoreException(passwordKey, passwordKey + " does not open the private key in "
                    + store.location() + " (" + store.locationKey() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new StoreException(store.locationKey(), store.locationKey() + ": " + e.getMessage(), e);
        }
    }

    /** How many certificate entries ({@code certificates}) or key entries the store holds. */
    private static int count(KeyStore store, boolean certificates) {
        int n = 0;
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (certificates ? store.isCertificateEntry(alias) || store.isKeyEntry(alias)
                        : store.isKeyEntry(alias)) {
                    n++;
                }
            }
        } catch (KeyStoreException e) {
            throw new IllegalStateException("a loaded store cannot list its entries", e);
        }
        return n;
    }
}
