package io.aerosink.connect.testserver;

import java.io.IOException;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * How the server's sockets speak: in clear, or TLS from a context (a server's {@code tls} stanza) with client
 * certificates not asked for, asked for, or required ({@code tls-authenticate-client}).
 */
final class ServerTls {

    /** Whether a client must present a certificate its authority signed. */
    enum ClientAuth {
        /** No certificate is asked for. */
        NONE,
        /** A certificate is asked for; a client without one still connects (it can then log in by password). */
        OPTIONAL,
        /** A client without a trusted certificate fails the handshake. */
        REQUIRED
    }

    private static final ServerTls CLEAR = new ServerTls(null, ClientAuth.NONE);

    private final SSLContext context;
    private final ClientAuth clientAuth;

    private ServerTls(SSLContext context, ClientAuth clientAuth) {
        this.context = context;
        this.clientAuth = clientAuth;
    }

    static ServerTls clear() {
        return CLEAR;
    }

    static ServerTls of(SSLContext context, ClientAuth clientAuth) {
        return new ServerTls(context, clientAuth);
    }

    /** The accepted socket as the connection speaks on it; with TLS, after the handshake. */
    Socket open(Socket accepted) throws IOException {
        if (context == null) {
            return accepted;
        }
        SSLSocket ssl = (SSLSocket) context.getSocketFactory().createSocket(accepted, null, true);
        ssl.setUseClientMode(false);
        // Each setter overrides the other, so only the one that applies is called.
        if (clientAuth == ClientAuth.REQUIRED) {
            ssl.setNeedClientAuth(true);
        } else if (clientAuth == ClientAuth.OPTIONAL) {
            ssl.setWantClientAuth(true);
        }
        ssl.startHandshake();
        return ssl;
    }

    /** The common name of the client certificate, which PKI logs in as; null without one. */
    static String certificateUser(Socket socket) {
        if (!(socket instanceof SSLSocket ssl)) {
            return null;
        }
        try {
            Certificate[] chain = ssl.getSession().getPeerCertificates();
            String subject = ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
            for (Rdn rdn : new LdapName(subject).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
            return null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        } catch (InvalidNameException e) {
            throw new IllegalStateException("a verified certificate has an unreadable subject", e);
        }
    }
}
