package io.aerosink.connect.testserver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Answers info commands so the client's tend sees one stable node owning every partition of each served
 * namespace. Generations never change, so the client fetches peers and replicas once (and again after tend
 * failures), exactly as against a fresh single-node server.
 */
final class InfoResponder {
    private static final String FEATURES = "batch-any;batch-index;blob-bits;cdt-index;cdt-list;cdt-map;cluster-stable;"
            + "float;geo;sindex-exists;peers;pipelining;pquery;pscans;query-show;relaxed-sc;replicas;replicas-all;"
            + "replicas-master;replicas-max;truncate-namespace;udf";
    private static final String ALL_PARTITIONS;

    static {
        byte[] bitmap = new byte[4096 / 8];
        Arrays.fill(bitmap, (byte) 0xFF);
        ALL_PARTITIONS = Base64.getEncoder().encodeToString(bitmap);
    }

    private final String nodeName;
    private final int port;
    private final String clusterName;
    private final RecordStore store;
    private final Journal journal;

    InfoResponder(String nodeName, int port, String clusterName, RecordStore store, Journal journal) {
        this.nodeName = nodeName;
        this.port = port;
        this.clusterName = clusterName;
        this.store = store;
        this.journal = journal;
    }

    /** Answers each command line as {@code name\tvalue\n}, echoing the line with its parameters. */
    Response handle(byte[] body, Instant receivedAt) {
        List<String> commands = Arrays.stream(new String(body, StandardCharsets.UTF_8).split("\n"))
                .filter(s -> !s.isEmpty()).toList();
        journal.add(new JournalEntry(JournalEntry.Kind.INFO, receivedAt, null, commands.size(), 0, 0, 0,
                false, List.of(), List.of(), List.of(), commands));
        StringBuilder out = new StringBuilder();
        for (String command : commands) {
            out.append(command).append('\t').append(answer(command)).append('\n');
        }
        byte[] reply = out.toString().getBytes(StandardCharsets.UTF_8);
        return Response.reply(Protocol.frame(Protocol.TYPE_INFO, reply, reply.length), 0);
    }

    private String answer(String command) {
        int colon = command.indexOf(':');
        String name = colon < 0 ? command : command.substring(0, colon);
        Map<String, String> params = colon < 0 ? Map.of() : params(command.substring(colon + 1));
        return switch (name) {
            case "node" -> nodeName;
            case "partition-generation", "peers-generation", "rebalance-generation" -> "0";
            case "build" -> "8.1.2.0";
            case "features" -> FEATURES;
            case "user-agent-set" -> "ok";
            case "cluster-name" -> clusterName;
            case "peers-clear-std", "peers-clear-alt", "peers-tls-std", "peers-tls-alt" -> "0," + port + ",[]";
            case "service-clear-std", "service-clear-alt", "service-tls-std", "service-tls-alt" -> "127.0.0.1:" + port;
            case "namespaces" -> String.join(";", store.namespaces());
            case "sets" -> sets(store.namespaces());
            case "replicas" -> replicas(true);
            case "replicas-all" -> replicas(false);
            case "truncate", "truncate-namespace" -> truncate(params);
            default -> name.startsWith("sets/") ? sets(List.of(name.substring("sets/".length()))) : "ERROR:4:unrecognized command";
        };
    }

    private String replicas(boolean withRegime) {
        StringBuilder sb = new StringBuilder();
        for (String ns : store.namespaces()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(ns).append(':').append(withRegime ? "0,1," : "1,").append(ALL_PARTITIONS);
        }
        return sb.toString();
    }

    /**
     * As a server answers {@code sets} and {@code sets/<ns>}: {@code ns=N:set=S:objects=C:tombstones=0;} per set that
     * holds records (records without a set are not listed), an empty answer for an unknown namespace.
     */
    private String sets(Collection<String> namespaces) {
        StringBuilder sb = new StringBuilder();
        for (String ns : namespaces) {
            if (!store.namespaces().contains(ns)) {
                continue;
            }
            Map<String, Long> counts = new TreeMap<>();
            for (StoredRecord record : store.records(ns)) {
                if (record.setName() != null) {
                    counts.merge(record.setName(), 1L, Long::sum);
                }
            }
            counts.forEach((set, objects) -> sb.append("ns=").append(ns).append(":set=").append(set)
                    .append(":objects=").append(objects).append(":tombstones=0;"));
        }
        return sb.toString();
    }

    private String truncate(Map<String, String> params) {
        String ns = params.get("namespace");
        if (ns == null || !store.namespaces().contains(ns)) {
            return "ERROR:4:namespace not found";
        }
        store.truncate(ns, params.get("set"));
        return "ok";
    }

    private static Map<String, String> params(String text) {
        Map<String, String> params = new HashMap<>();
        for (String pair : text.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return params;
    }
}
