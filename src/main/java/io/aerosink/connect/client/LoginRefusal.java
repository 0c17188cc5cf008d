package io.aerosink.connect.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aerospike.client.AerospikeException;
import com.aerospike.client.ResultCode;
import com.aerospike.client.policy.AuthMode;

import io.aerosink.connect.config.ConnectionConfig;
import io.aerosink.connect.config.TlsConfig;
import io.aerosink.connect.errors.ResultCodes;

/**
 * Tells a cluster that refused the login from one that could not be reached. Client 9.2 reports both as
 * {@code AerospikeException.Connection} (-8) "Failed to connect to host(s)", with each seed's own error in the
 * message ("Error 65: Authentication failed", "Error 60: Login failed", or "Error -8: Connection failed"); the
 * seed's result code is the only place the refusal shows.
 */
final class LoginRefusal {

    private static final Pattern SEED_ERROR = Pattern.compile("Error (-?\\d+):");

    private LoginRefusal() {
    }

    /** The security result code a seed answered with, or null when no seed refused the login. */
    static Integer codeOf(AerospikeException e) {
        if (e.getMessage() == null) {
            return null;
        }
        Matcher m = SEED_ERROR.matcher(e.getMessage());
        while (m.find()) {
            int code = Integer.parseInt(m.group(1));
            if (code >= ResultCode.SECURITY_NOT_SUPPORTED && code <= ResultCode.QUOTA_EXCEEDED) {
                return code;
            }
        }
        return null;
    }

    static String message(int code, ConnectionConfig config) {
        if (config.authMode() == AuthMode.PKI) {
            return "Aerospike refused the login by client certificate at " + config.hosts() + " with "
                    + ResultCodes.describe(code) + ": the cluster needs a user named as the common name of the "
                    + "certificate in " + TlsConfig.KEYSTORE_LOCATION;
        }
        String who = config.user().isBlank() ? "without a user" : "as user '" + config.user() + "'";
        String fix = code == ResultCode.SECURITY_NOT_SUPPORTED || code == ResultCode.SECURITY_NOT_ENABLED
                ? "the cluster has no security enabled: leave " + ConnectionConfig.USER + " and "
                        + ConnectionConfig.PASSWORD + " empty"
                : "check " + ConnectionConfig.USER + " and " + ConnectionConfig.PASSWORD;
        return "Aerospike refused the login " + who + " at " + config.hosts() + " with " + ResultCodes.describe(code)
                + ": " + fix;
    }
}
