package io.aerosink.connect.tools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.Host;
import com.aerospike.client.Info;
import com.aerospike.client.Key;
import com.aerospike.client.Record;
import com.aerospike.client.cluster.Node;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What {@code bin/local-stack status} shows of Aerospike, without {@code aql}: per set of each namespace, one JSON
 * line with its record count and a few sample records.
 *
 * <p>Counts come from the {@code sets/<namespace>} info command, summed over the cluster's nodes: exact for one
 * node (bin/local-stack's case); on a cluster with replication factor above 1 the nodes' counts include replicas. Samples are a batch read of known user keys (by default 0, 1 and 2, keys the sensor producer
 * writes), not a scan: a sample key that is not in a set is left out. Bins are rendered as JSON, blobs as base64.
 *
 * <p>Arguments: {@code --hosts HOST:PORT[,...] --namespace NS[,...] [--sample-keys K[,...]]}; a key that parses as
 * an integer is an integer key, any other a string key.
 */
public final class AerospikeStatus {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AerospikeStatus() {
    }

    public static void main(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(Map.of("--sample-keys", "0,1,2"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        if (!options.containsKey("--hosts") || !options.containsKey("--namespace") || args.length % 2 != 0) {
            System.err.println("usage: AerospikeStatus --hosts HOST:PORT[,...] --namespace NS[,...] [--sample-keys K[,...]]");
            System.exit(2);
        }
        ClientPolicy policy = new ClientPolicy();
        policy.timeout = 5000;
        Host[] hosts = Host.parseHosts(options.get("--hosts"), 3000);
        try (AerospikeClient client = new AerospikeClient(policy, hosts)) {
            print(client, List.of(options.get("--namespace").split(",")), sampleKeys(options.get("--sample-keys")),
                    System.out);
        } catch (AerospikeException e) {
            System.err.println(String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip());
            System.exit(1);
        }
    }

    /** One JSON line per set of each namespace, sets in name order. */
    static void print(AerospikeClient client, List<String> namespaces, List<Object> sampleKeys, PrintStream out) {
        for (String namespace : namespaces) {
            Map<String, Long> counts = new TreeMap<>();
            for (Node node : client.getNodes()) {
                setCounts(namespace, Info.request(null, node, "sets/" + namespace)).forEach((set, n) -> counts.merge(set, n, Long::sum));
            }
            if (counts.isEmpty()) {
                out.println(line(namespace, null, 0, List.of()));
            }
            counts.forEach((set, count) -> out.println(line(namespace, set, count, samples(client, namespace, set, sampleKeys))));
        }
    }

    /** Object counts by set name from a {@code sets/<ns>} answer: {@code ns=N:set=S:objects=C:...;...}. */
    static Map<String, Long> setCounts(String namespace, String answer) {
        Map<String, Long> counts = new TreeMap<>();
        for (String entry : answer.split(";")) {
            Map<String, String> fields = new LinkedHashMap<>();
            for (String field : entry.split(":")) {
                int eq = field.indexOf('=');
                if (eq > 0) {
                    fields.put(field.substring(0, eq).strip(), field.substring(eq + 1).strip());
                }
            }
            String set = fields.containsKey("set") ? fields.get("set") : fields.get("set_name");
            String objects = fields.get("objects");
            if (set != null && objects != null && namespace.equals(fields.getOrDefault("ns", namespace))) {
                counts.merge(set, Long.parseLong(objects), Long::sum);
            }
        }
        return counts;
    }

    static List<Object> sampleKeys(String list) {
        List<Object> keys = new ArrayList<>();
        for (String key : list.split(",")) {
            String k = key.strip();
            if (k.isEmpty()) {
                continue;
            }
            try {
                keys.add(Long.parseLong(k));
            } catch (NumberFormatException notAnInteger) {
                keys.add(k);
            }
        }
        return keys;
    }

    private static List<Map<String, Object>> samples(AerospikeClient client, String namespace, String set,
            List<Object> sampleKeys) {
        if (sampleKeys.isEmpty()) {
            return List.of();
        }
        Key[] keys = sampleKeys.stream().map(k -> k instanceof Long l ? new Key(namespace, set, l)
                : new Key(namespace, set, (String) k)).toArray(Key[]::new);
        Record[] records = client.get(new BatchPolicy(), keys);
        List<Map<String, Object>> samples = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (records[i] != null) {
                samples.add(sample(sampleKeys.get(i), records[i].bins));
            }
        }
        return samples;
    }

    static Map<String, Object> sample(Object key, Map<String, Object> bins) {
        Map<String, Object> sample = new LinkedHashMap<>();
        sample.put("key", key);
        sample.put("bins", bins == null ? Map.of() : new TreeMap<>(bins));
        return sample;
    }

    /** {@code {"namespace": ..., "set": ..., "records": N, "samples": [{"key": ..., "bins": {...}}, ...]}}. */
    static String line(String namespace, String set, long records, List<Map<String, Object>> samples) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("namespace", namespace);
        line.put("set", set);
        line.put("records", records);
        line.put("samples", samples);
        try {
            return JSON.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot render " + line, e);
        }
    }
}
