package io.aerosink.connect.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.Host;
import com.aerospike.client.policy.TlsPolicy;

import io.aerosink.connect.config.ConnectionConfig;
import io.aerosink.connect.config.TlsConfig;
import io.aerosink.connect.tls.TlsContexts;

/**
 * Tells a TLS setup the nodes refuse from a cluster that is down. Client 9.2 reports a failed handshake as a seed's
 * plain "Error -8: Connection failed", like an unreachable host, with no cause kept; only a wrong TLS name shows in
 * the message ("Invalid TLS name: x"). So when the first connection fails, one handshake with the client's own
 * context to each seed finds out whether TLS is what failed, and which setting to fix.
 */
final class TlsRefusal {

    private static final Pattern TLS_NAME = Pattern.compile("Invalid TLS name: (\\S*)");

    private TlsRefusal() {
    }

    /** What to fix, naming the setting, or null when the seeds could not be reached at all (an outage). */
    static String problem(AerospikeException e, TlsPolicy policy, ConnectionConfig config) {
        Matcher name = e.getMessage() == null ? null : TLS_NAME.matcher(e.getMessage());
        if (name != null && name.find()) {
            return "no Aerospike node at " + config.hosts() + " presented a certificate for the TLS name '"
                    + name.group(1) + "': set the TLS name of each host in " + ConnectionConfig.HOSTS
                    + " (host:tlsname:port) to the node's tls-name, a name its certificate carries";
        }
        for (Host host : config.hosts()) {
            String problem = handshake(host, policy, config);
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String handshake(Host host, TlsPolicy policy, ConnectionConfig config) {
        AtomicBoolean certificateAsked = new AtomicBoolean();
        SSLContext context = TlsContexts.watchingCertificateRequests(config.tls(), () -> certificateAsked.set(true));
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host.name, host.port), config.connectTimeoutMs());
            plain.setSoTimeout(config.connectTimeoutMs());
            try (SSLSocket ssl = (SSLSocket) context.getSocketFactory()
                    .createSocket(plain, host.name, host.port, false)) {
                ssl.setEnabledProtocols(policy.protocols);
                if (policy.ciphers != null) {
                    ssl.setEnabledCipherSuites(policy.ciphers);
                }
                ssl.startHandshake();
                return null;
            }
        } catch (SSLHandshakeException refused) {
            String problem = refusal(host, refused, config.tls());
            return problem == null && certificateAsked.get() ? clientCertificateRefused(host, refused, config.tls())
                    : problem;
        } catch (IOException | IllegalArgumentException unreachable) {
            // Cut off after asking for a certificate: the node refused the one sent, or that none was.
            // Otherwise not reached, or cut off for no reason TLS shows: an outage.
            return certificateAsked.get() ? clientCertificateRefused(host, unreachable, config.tls()) : null;
        }
    }

    private static String clientCertificateRefused(Host host, Exception e, TlsConfig tls) {
        return "the TLS handshake with " + host.name + ":" + host.port + " failed: the node refused "
                + (tls.keystore().isSet() ? "the client certificate in " + tls.keystore().location()
                        : "to go on without a client certificate") + " (" + e.getMessage() + "): set "
                + TlsConfig.KEYSTORE_LOCATION + " to a keystore with a certificate the node trusts";
    }

    private static String refusal(Host host, SSLHandshakeException e, TlsConfig tls) {
        String at = "the TLS handshake with " + host.name + ":" + host.port + " failed: ";
        if (hasCause(e, CertificateException.class)) {
            String trust = tls.truststore().isSet() ? tls.truststore().location() : "the JVM's default truststore";
            return at + "its certificate is not trusted by " + trust + " (" + rootMessage(e) + "): set "
                    + TlsConfig.TRUSTSTORE_LOCATION + " to a truststore holding the authority that signed the "
                    + "nodes' certificates";
        }
        String message = String.valueOf(e.getMessage());
        if (message.contains("protocol_version") || message.contains("No appropriate protocol")) {
            return at + "no TLS protocol in common (" + message + "): check " + TlsConfig.PROTOCOLS;
        }
        if (message.contains("handshake_failure")) {
            return at + "no cipher suite in common (" + message + "): check " + TlsConfig.CIPHERS + " and "
                    + TlsConfig.PROTOCOLS;
        }
        return null;
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
