package io.aerosink.connect.client;

import com.aerospike.client.policy.TlsPolicy;

import io.aerosink.connect.config.TlsConfig;
import io.aerosink.connect.tls.TlsContexts;

/** The client's {@link TlsPolicy} for {@code aerospike.tls.*}, or null when TLS is off. */
final class TlsPolicies {

    private TlsPolicies() {
    }

    static TlsPolicy of(TlsConfig tls) {
        if (!tls.enabled()) {
            return null;
        }
        TlsPolicy policy = new TlsPolicy();
        policy.context = TlsContexts.build(tls);
        if (!tls.protocols().isEmpty()) {
            policy.protocols = tls.protocols().toArray(new String[0]);
        }
        if (!tls.ciphers().isEmpty()) {
            policy.ciphers = tls.ciphers().toArray(new String[0]);
        }
        return policy;
    }
}
