package io.aerosink.connect.testserver;

import com.aerospike.client.Key;
import com.aerospike.client.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;

/**
 * An in-process Aerospike server speaking the wire protocol on 127.0.0.1, for tests that drive the real client.
 * It looks like one node owning every partition of the served namespaces and keeps records in memory. Besides plain
 * bin ops it evaluates a subset of filter expressions ({@link FilterExpression}) and applies
 * {@code MapOperation.put} ({@link MapOps}); read a map bin back with {@code get(ns, set, key).map(bin)}.
 *
 * <pre>{@code
 * try (AerospikeTestServer server = AerospikeTestServer.start();
 *      AerospikeClient client = new AerospikeClient(new ClientPolicy(), "127.0.0.1", server.port())) {
 *     client.put(null, new Key("test", "s", 1L), new Bin("a", 1));
 *     assertEquals(1L, server.get("test", "s", 1L).bin("a"));
 * }
 * }</pre>
 */
public final class AerospikeTestServer implements AutoCloseable {

    /** How a batch applies several entries for the same key. */
    public enum DuplicateKeyOrder {
        /** Entries apply in index order, so the last one wins (the real server's inline, in-memory behaviour). */
        INDEX_ORDER,
        /** Entries sharing a key apply in reverse index order, so the first one wins; other entries keep their place. */
        REVERSE_ORDER
    }

    /** Server settings; every setter returns this for chaining. */
    public static final class Options {
        private int port;
        private final Set<String> namespaces = new LinkedHashSet<>(List.of("test"));
        private long maxRecordBytes = 1024 * 1024;
        private int defaultTtlSeconds;
        private DuplicateKeyOrder duplicateKeyOrder = DuplicateKeyOrder.INDEX_ORDER;
        private int journalCapacity = 10_000;
        private String clusterName = "null";
        private final Map<String, String> users = new LinkedHashMap<>();
        private final Map<String, String> externalUsers = new LinkedHashMap<>();
        private final Set<String> pkiUsers = new LinkedHashSet<>();
        private ServerTls tls = ServerTls.clear();

        /** Port to listen on; 0 (default) picks a free one. */
        public Options port(int port) {
            this.port = port;
            return this;
        }

        /** Namespaces served (default just "test"); commands for others fail in the client with rc 20. */
        public Options namespaces(String... names) {
            namespaces.clear();
            namespaces.addAll(List.of(names));
            return this;
        }

        /** Largest record, counted as bin names plus bin values in bytes (default 1 MiB); larger writes get rc 13. */
        public Options maxRecordBytes(long bytes) {
            this.maxRecordBytes = bytes;
            return this;
        }

        /** TTL applied for expiration 0 (default 0: records never expire), like namespace default-ttl. */
        public Options defaultTtlSeconds(int seconds) {
            this.defaultTtlSeconds = seconds;
            return this;
        }

        public Options duplicateKeyOrder(DuplicateKeyOrder order) {
            this.duplicateKeyOrder = order;
            return this;
        }

        /** How many journal entries to keep (oldest dropped first; 0 keeps none, counters still count). */
        public Options journalCapacity(int entries) {
            this.journalCapacity = entries;
            return this;
        }

        /** Answer to the cluster-name info command, which the client sends only when ClientPolicy.clusterName is set. */
        public Options clusterName(String name) {
            this.clusterName = name;
            return this;
        }

        /**
         * Adds an internal user (call again for more; the same name again replaces the password). Any user turns
         * security on: the client must set ClientPolicy.user and password, a wrong password or unknown user is
         * refused at login, and sockets that have not authenticated get no record commands through. Without users
         * (default) security is off.
         */
        public Options user(String name, String password) {
            users.put(name, password);
            return this;
        }

        /**
         * Adds a user of the server's LDAP, as {@code aerospike.auth.mode=external} logs in: only a login that
         * sends the clear password (EXTERNAL, EXTERNAL_INSECURE) can prove it. Turns security on like {@link #user}.
         */
        public Options externalUser(String name, String password) {
            externalUsers.put(name, password);
            return this;
        }

        /**
         * Adds a user without a password, who logs in by a client certificate whose common name is {@code name}
         * (PKI; needs {@link #tls} asking for client certificates). Turns security on like {@link #user}.
         */
        public Options pkiUser(String name) {
            pkiUsers.add(name);
            return this;
        }

        /**
         * Serves TLS only, presenting {@code context}'s certificate (as a node with a {@code tls} stanza in
         * {@code network.service}); {@code requireClientCertificate} is {@code tls-authenticate-client}: when false, a
         * client certificate is still asked for and, when sent, verified against {@code context}'s trust.
         */
        public Options tls(SSLContext context, boolean requireClientCertificate) {
            this.tls = ServerTls.of(context,
                    requireClientCertificate ? ServerTls.ClientAuth.REQUIRED : ServerTls.ClientAuth.OPTIONAL);
            return this;
        }
    }

    private final int port;
    private final String nodeName;
    private final RecordStore store;
    private final FaultRegistry faults = new FaultRegistry();
    private final Journal journal;
    private final ServerClock clock = new ServerClock();
    private final AdminResponder admin;
    private final NetworkServer network;
    private boolean closed;

    private AerospikeTestServer(Options options, ServerSocket listener) {
        this.port = listener.getLocalPort();
        this.nodeName = String.format("BB9%012X", port);
        this.store = new RecordStore(options.namespaces, options.maxRecordBytes, options.defaultTtlSeconds, clock);
        this.journal = new Journal(options.journalCapacity);
        BatchHandler batches = new BatchHandler(store, faults, journal, options.duplicateKeyOrder);
        this.admin = new AdminResponder(options.users, options.externalUsers, options.pkiUsers);
        this.network = new NetworkServer(new InfoResponder(nodeName, port, options.clusterName, store, journal),
                admin, new RequestHandler(store, faults, journal, batches), options.tls);
        network.serve(listener);
    }

    /** Starts a server on a free port serving namespace "test". */
    public static AerospikeTestServer start() {
        return start(new Options());
    }

    public static AerospikeTestServer start(Options options) {
        try {
            return new AerospikeTestServer(options, NetworkServer.bind(options.port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + options.port, e);
        }
    }

    public int port() {
        return port;
    }

    /** "127.0.0.1:PORT", the form the connector's aerospike.hosts setting takes. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** "127.0.0.1:TLSNAME:PORT", aerospike.hosts naming the TLS name the server's certificate must carry. */
    public String tlsHost(String tlsName) {
        return "127.0.0.1:" + tlsName + ":" + port;
    }

    /** The node name the client sees; stable across {@link #restart()}. */
    public String nodeName() {
        return nodeName;
    }

    public boolean isRunning() {
        return network.isRunning();
    }

    /**
     * Closes the listener and all open connections, keeping the records: the client sees connection failures until
     * {@link #restart()}. Node name and partition generation stay the same across the restart.
     */
    public synchronized void stop() {
        network.stop();
    }

    /** Listens again on the same port after {@link #stop()}; the client recovers on its next tend. */
    public synchronized void restart() {
        if (closed) {
            throw new IllegalStateException("server is closed");
        }
        if (network.isRunning()) {
            return;
        }
        try {
            network.serve(NetworkServer.bind(port));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen again on 127.0.0.1:" + port, e);
        }
    }

    /** A local port nothing listens on now: for a server that starts later on it, or a cluster that is down. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }

    /** Stops everything and frees the port for good. */
    @Override
    public synchronized void close() {
        closed = true;
        network.stop();
    }

    /** The stored record for a user key (Long, Integer, String or byte[]), or null if absent or expired. */
    public StoredRecord get(String namespace, String setName, Object userKey) {
        return store.get(namespace, digest(namespace, setName, userKey));
    }

    public StoredRecord get(String namespace, byte[] digest) {
        return store.get(namespace, digest);
    }

    /**
     * Seeds a record, replacing its bins, as a put without sendKey would: generation +1, never expires. Values are
     * Java values the client accepts (numbers, String, byte[], Boolean, List, Map); null values are left out.
     */
    public StoredRecord put(String namespace, String setName, Object userKey, Map<String, ?> bins) {
        return store.seed(namespace, setName, digest(namespace, setName, userKey), bins);
    }

    public int recordCount(String namespace) {
        return store.records(namespace).size();
    }

    public List<StoredRecord> records(String namespace) {
        return store.records(namespace);
    }

    /**
     * Calls {@code listener} with every record a client write stores, the moment it becomes readable and before the
     * reply is sent (seeding with {@link #put} does not count); null removes it. It runs under the store's write lock
     * on a connection thread: keep it short. Benchmarks use it to time when a write became visible.
     */
    public void onWrite(Consumer<StoredRecord> listener) {
        store.onWrite(listener);
    }

    /** Deletes every record of every namespace. */
    public void clear() {
        store.clear();
    }

    /** Moves the server clock forward, so records with a TTL expire without waiting. */
    public void advanceClock(Duration duration) {
        clock.advance(duration);
    }

    /** The most recent decoded requests, oldest first, tend info requests included. */
    public List<JournalEntry> journal() {
        return journal.snapshot();
    }

    /** Empties the journal and resets the request counters. */
    public void clearJournal() {
        journal.clear();
    }

    /** Batch requests received (one per node command; a one-record batch counts as a single-record request). */
    public long batchRequestCount() {
        return journal.batchRequests();
    }

    /** Single-record requests received: reads, writes, deletes, exists, one-record batches. */
    public long singleRecordRequestCount() {
        return journal.singleRecordRequests();
    }

    public long infoRequestCount() {
        return journal.infoRequests();
    }

    /**
     * LOGIN messages received since start, refused ones included: the client logs in on the socket it validates a
     * node with, which then stays its tend socket.
     */
    public long loginCount() {
        return admin.logins();
    }

    /**
     * Refuses the session tokens handed out so far, as a node does with tokens that ran out: a client's next new
     * socket fails to authenticate with its token, until the client logs in again. Sockets that authenticated
     * already go on working.
     */
    public void forgetSessions() {
        admin.forgetSessions();
    }

    /** The internal user's new password, as an administrator's {@code change-password} sets it. */
    public void changePassword(String user, String password) {
        admin.changePassword(user, password);
    }

    /** AUTHENTICATE messages received since start: the client sends its session token first on every other socket. */
    public long authenticateCount() {
        return admin.authentications();
    }

    /** Journal entries of the given kind, oldest first. */
    public List<JournalEntry> journal(JournalEntry.Kind kind) {
        List<JournalEntry> out = new ArrayList<>();
        for (JournalEntry e : journal.snapshot()) {
            if (e.kind() == kind) {
                out.add(e);
            }
        }
        return out;
    }

    /** Registers a fault; returns it so tests can check {@link Fault#hits()}. */
    public Fault inject(Fault fault) {
        faults.add(fault);
        return fault;
    }

    public void clearFaults() {
        faults.clear();
    }

    private static byte[] digest(String namespace, String setName, Object userKey) {
        return new Key(namespace, setName, Value.get(userKey)).digest;
    }
}
