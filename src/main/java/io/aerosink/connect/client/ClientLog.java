package io.aerosink.connect.client;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.aerospike.client.Log;

/**
 * Sends the Aerospike client's own log (login failures, nodes lost, tend errors) to SLF4J under
 * {@code com.aerospike.client}, where the worker's log configuration controls it; without a callback the
 * client writes nothing at all.
 */
final class ClientLog {

    private static final Logger LOG = LoggerFactory.getLogger("com.aerospike.client");

    private ClientLog() {
    }

    static synchronized void bridge() {
        Log.setLevel(LOG.isDebugEnabled() ? Log.Level.DEBUG : LOG.isInfoEnabled() ? Log.Level.INFO : Log.Level.WARN);
        Log.setCallback(ClientLog::log);
    }

    private static void log(Log.Level level, String message) {
        switch (level) {
            case ERROR -> LOG.error(message);
            case WARN -> LOG.warn(message);
            case INFO -> LOG.info(message);
            default -> LOG.debug(message);
        }
    }
}
