package io.aerosink.connect.client;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.aerospike.client.AerospikeException;

import io.aerosink.connect.config.ConnectionConfig;

/**
 * Tells seeds of another cluster from seeds that could not be reached. Client 9.2 refuses a node whose
 * {@code cluster-name} differs from {@code ClientPolicy.clusterName} and reports it, like an unreachable seed, as
 * {@code AerospikeException.Connection} "Failed to connect to host(s)", with the seed's own error in the message
 * ("Node ... expected cluster name 'a' received 'b'"). A node's cluster name is its configuration, so waiting for
 * it as for an outage would wait for ever.
 */
final class ClusterNameRefusal {

    private static final Pattern MISMATCH = Pattern.compile("expected cluster name '([^']*)' received '([^']*)'");

    private ClusterNameRefusal() {
    }

    /** What to tell the user when a seed belongs to another cluster, or null when none does. */
    static String problem(AerospikeException e, ConnectionConfig config) {
        if (e.getMessage() == null) {
            return null;
        }
        Set<String> received = new LinkedHashSet<>();
        Matcher m = MISMATCH.matcher(e.getMessage());
        while (m.find()) {
            // A server with no cluster name configured answers the literal "null".
            received.add(m.group(2).equals("null") ? "none" : "'" + m.group(2) + "'");
        }
        if (received.isEmpty()) {
            return null;
        }
        return "The Aerospike seeds " + config.hosts() + " belong to another cluster: " + ConnectionConfig.CLUSTER_NAME
                + " is '" + config.clusterName() + "', the nodes answered with cluster name " + String.join(", ", received)
                + ". Set " + ConnectionConfig.CLUSTER_NAME + " to the cluster's name (or leave it empty not to check), "
                + "or point " + ConnectionConfig.HOSTS + " at that cluster";
    }
}
