package io.aerosink.connect.tls;

import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * This client's key manager (or none), noting when a server asks for a client certificate. A server that requires
 * one and gets none under TLS 1.2 often just closes the socket, which reads like a dropped connection; that it
 * asked is what tells the two apart.
 */
final class CertificateRequestWatch extends X509ExtendedKeyManager {

    private final X509ExtendedKeyManager keys;
    private final Runnable onRequest;

    /** {@code keys} may be null: the client has no certificate to offer. */
    CertificateRequestWatch(X509ExtendedKeyManager keys, Runnable onRequest) {
        this.keys = keys;
        this.onRequest = onRequest;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        onRequest.run();
        return keys == null ? null : keys.chooseClientAlias(keyType, issuers, socket);
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
        onRequest.run();
        return keys == null ? null : keys.chooseEngineClientAlias(keyType, issuers, engine);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return keys == null ? null : keys.getClientAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        return keys == null ? null : keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        return keys == null ? null : keys.getPrivateKey(alias);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
