package io.aerosink.connect.testserver;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import javax.net.ssl.SSLException;

/**
 * TCP side of the server: accepts connections on 127.0.0.1, reads 8-byte framed requests and writes replies, one
 * daemon thread per connection (the sync client keeps one request in flight per socket). With TLS each connection's
 * thread does its own handshake, so a client that never finishes one holds up no other.
 */
final class NetworkServer {
    private static final long MAX_BODY_BYTES = 128L * 1024 * 1024;
    private static final long BIND_RETRY_MILLIS = 5_000;
    private static final AtomicInteger THREAD_IDS = new AtomicInteger();

    /** One client socket and the thread reading it. */
    private final class Connection implements Runnable {
        private final Socket socket;
        private final Thread thread;

        Connection(Socket socket) {
            this.socket = socket;
            this.thread = daemon("aerospike-test-server-conn-" + THREAD_IDS.incrementAndGet(), this);
        }

        @Override
        public void run() {
            try {
                serveConnection(socket);
            } finally {
                open.remove(this);
                closeQuietly(socket);
            }
        }
    }

    private final InfoResponder info;
    private final AdminResponder admin;
    private final RequestHandler requests;
    private final ServerTls tls;
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private ServerSocket listener;
    private Thread acceptor;

    NetworkServer(InfoResponder info, AdminResponder admin, RequestHandler requests, ServerTls tls) {
        this.info = info;
        this.admin = admin;
        this.requests = requests;
        this.tls = tls;
    }

    /** Binds 127.0.0.1 (port 0 picks a free one), retrying briefly while a just-released port is still held. */
    static ServerSocket bind(int port) throws IOException {
        long deadline = System.currentTimeMillis() + BIND_RETRY_MILLIS;
        while (true) {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            try {
                ss.bind(new InetSocketAddress("127.0.0.1", port), 200);
                return ss;
            } catch (BindException e) {
                ss.close();
                if (port == 0 || System.currentTimeMillis() > deadline) {
                    throw e;
                }
                sleepQuietly(50);
            }
        }
    }

    synchronized void serve(ServerSocket ss) {
        listener = ss;
        acceptor = daemon("aerospike-test-server-accept-" + ss.getLocalPort(), () -> acceptLoop(ss));
        acceptor.start();
    }

    synchronized boolean isRunning() {
        return listener != null;
    }

    /** Closes the listener and every open connection, and waits for their threads to finish. */
    void stop() {
        Thread acceptorThread;
        List<Connection> connections;
        synchronized (this) {
            if (listener == null) {
                return;
            }
            closeQuietly(listener);
            listener = null;
            acceptorThread = acceptor;
            connections = List.copyOf(open);
        }
        for (Connection c : connections) {
            closeQuietly(c.socket);
            c.thread.interrupt();
        }
        join(acceptorThread);
        connections.forEach(c -> join(c.thread));
    }

    private void acceptLoop(ServerSocket ss) {
        while (!ss.isClosed()) {
            try {
                Socket socket = ss.accept();
                socket.setTcpNoDelay(true);
                Connection c = new Connection(socket);
                synchronized (this) {
                    // stop() may have run between accept and here; the connection must not outlive it.
                    if (listener != ss) {
                        closeQuietly(socket);
                        return;
                    }
                    open.add(c);
                }
                c.thread.start();
            } catch (IOException e) {
                if (ss.isClosed()) {
                    return;
                }
            }
        }
    }

    private void serveConnection(Socket accepted) {
        try {
            Socket socket = tls.open(accepted);
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            OutputStream out = socket.getOutputStream();
            AdminResponder.Session session = admin.newSession(ServerTls.certificateUser(socket));
            byte[] header = new byte[8];
            while (true) {
                in.readFully(header);
                long proto = Protocol.getLong(header, 0);
                int type = (int) (proto >>> 48) & 0xFF;
                long length = proto & 0xFFFFFFFFFFFFL;
                if (length > MAX_BODY_BYTES) {
                    return;
                }
                byte[] body = new byte[(int) length];
                in.readFully(body);
                Response r = dispatch(type, body, Instant.now(), session);
                if (r.delayMillis() > 0) {
                    Thread.sleep(r.delayMillis());
                }
                if (r.close()) {
                    return;
                }
                out.write(r.bytes());
                out.flush();
            }
        } catch (EOFException | SocketException | InterruptedException e) {
            // The client closed the socket (possibly mid-reply after a timeout) or the server is stopping.
        } catch (SSLException e) {
            // A refused handshake (an untrusted certificate either way, a protocol not in common): the client sees
            // it, as from a real server, and the test asserts on what the client reports.
        } catch (IOException | RuntimeException e) {
            System.err.println("AerospikeTestServer: dropping connection after " + e);
            e.printStackTrace();
        }
    }

    private Response dispatch(int type, byte[] body, Instant receivedAt, AdminResponder.Session session)
            throws IOException {
        switch (type) {
            case Protocol.TYPE_INFO -> {
                return info.handle(body, receivedAt);
            }
            case Protocol.TYPE_ADMIN -> {
                return admin.handle(body, session);
            }
            case Protocol.TYPE_MSG -> {
                return record(body, receivedAt, session);
            }
            case Protocol.TYPE_MSG_COMPRESSED -> {
                return record(inflate(body), receivedAt, session);
            }
            default -> {
                // Unknown message types: without a reply the client fails fast.
                return Response.close(0);
            }
        }
    }

    /**
     * With security on, record commands need a socket that logged in or authenticated first. Info stays open: the
     * client authenticates each socket before its first message of any kind, so only the record path needs a guard.
     */
    private Response record(byte[] message, Instant receivedAt, AdminResponder.Session session) {
        return session.authenticated() ? requests.handle(message, receivedAt) : admin.refuse(message);
    }

    /** A compressed body is the uncompressed size, then zlib of the whole original message, proto header included. */
    private static byte[] inflate(byte[] body) throws IOException {
        int size = (int) Protocol.getLong(body, 0);
        byte[] message = new byte[size];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(body, 8, body.length - 8);
            if (inflater.inflate(message) != size) {
                throw new IOException("compressed message shorter than announced");
            }
        } catch (DataFormatException e) {
            throw new IOException(e);
        } finally {
            inflater.end();
        }
        byte[] inner = new byte[size - 8];
        System.arraycopy(message, 8, inner, 0, inner.length);
        return inner;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    private static void join(Thread t) {
        try {
            t.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Nothing useful to do: the socket is going away either way.
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
