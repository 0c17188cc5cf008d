package io.aerosink.connect.testserver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aerospike.client.AerospikeClient;
import com.aerospike.client.AerospikeException;
import com.aerospike.client.BatchRecord;
import com.aerospike.client.BatchWrite;
import com.aerospike.client.Bin;
import com.aerospike.client.Key;
import com.aerospike.client.Operation;
import com.aerospike.client.ResultCode;
import com.aerospike.client.admin.AdminCommand;
import com.aerospike.client.policy.BatchPolicy;
import com.aerospike.client.policy.ClientPolicy;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Login against the test server with the real 9.2.0 client (default ClientPolicy plus user and password, so
 * AuthMode.INTERNAL). What the client does, as asserted below:
 *
 * <ul>
 *   <li>Right password: LOGIN once, on the socket that validates the seed (it stays the tend socket); every command
 *       socket then sends AUTHENTICATE with the session token before its first command.</li>
 *   <li>Refused login (wrong password: server rc 65 INVALID_CREDENTIAL; unknown user: rc 60 INVALID_USER) with
 *       failIfNotConnected=true (the default): the constructor throws {@code AerospikeException.Connection}, result
 *       code -8 (SERVER_NOT_AVAILABLE), no cause, message {@code "Error -8: Failed to connect to [1] host(s): "},
 *       a line separator, then per seed {@code "<host> <port> <seed error message>"} and a line separator. The seed
 *       error message is {@code "Error 65: Authentication failed: Password authentication is disabled for PKI-only
 *       users. Please authenticate using your certificate."} for a wrong password (the 9.2.0 client words rc 65
 *       that way whatever the cause) and {@code "Error 60: Login failed"} for an unknown user. That text is the
 *       only place the login result code survives.</li>
 *   <li>Nothing listening on the seed port, failIfNotConnected=true: the same exception class, result code and
 *       message frame; the seed error message is {@code "Error -8: Connection failed"}.</li>
 *   <li>failIfNotConnected=false, refused login and unreachable seed alike: the constructor returns, isConnected()
 *       is false, there are no nodes, and operate(BatchPolicy, List&lt;BatchRecord&gt;) throws a plain
 *       {@code AerospikeException} with result code -8 and message {@code "Error -8: Cluster is empty"}, leaving
 *       every record at rc -15 (NO_RESPONSE), not in doubt. The two cases cannot be told apart from the client
 *       object; the tend thread retries the login every tend interval (1 s) while the client stays open.</li>
 * </ul>
 */
class AerospikeTestServerLoginTest {
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret";
    private static final String WRONG_PASSWORD_ERROR = "Error 65: Authentication failed: Password authentication is "
            + "disabled for PKI-only users. Please authenticate using your certificate.";
    private static final String UNKNOWN_USER_ERROR = "Error 60: Login failed";
    private static final String UNREACHABLE_ERROR = "Error -8: Connection failed";

    private AerospikeTestServer server;

    @BeforeEach
    void startServer() {
        server = AerospikeTestServer.start(new AerospikeTestServer.Options().user(USER, PASSWORD).user("bob", "pw"));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static ClientPolicy policy(String user, String password, boolean failIfNotConnected) {
        ClientPolicy p = new ClientPolicy();
        p.user = user;
        p.password = password;
        p.failIfNotConnected = failIfNotConnected;
        return p;
    }

    private static List<BatchRecord> twoWrites() {
        return List.of(new BatchWrite(new Key("test", "s", 1L), Operation.array(Operation.put(new Bin("a", 1)))),
                new BatchWrite(new Key("test", "s", 2L), Operation.array(Operation.put(new Bin("a", 2)))));
    }

    private static String seedFailure(int port, String seedError) {
        String nl = System.lineSeparator();
        return "Error -8: Failed to connect to [1] host(s): " + nl + "127.0.0.1 " + port + " " + seedError + nl;
    }

    private static void await(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(10)).until(condition::getAsBoolean);
    }

    @Test
    void rightPasswordConnectsWritesAndAuthenticatesEachCommandSocket() {
        try (AerospikeClient client = new AerospikeClient(policy(USER, PASSWORD, true), "127.0.0.1", server.port())) {
            assertTrue(client.isConnected());
            Key key = new Key("test", "s", "k");
            client.put(null, key, new Bin("a", "v"));
            assertEquals("v", client.get(null, key).getString("a"));
            List<BatchRecord> records = twoWrites();
            assertTrue(client.operate(new BatchPolicy(), records));
            assertEquals(2L, server.get("test", "s", 2L).bin("a"));

            assertEquals(1, server.loginCount());
            assertTrue(server.authenticateCount() >= 1, "authenticate count " + server.authenticateCount());
        }
    }

    @Test
    void secondUserLogsInToo() {
        try (AerospikeClient client = new AerospikeClient(policy("bob", "pw", true), "127.0.0.1", server.port())) {
            client.put(null, new Key("test", "s", 1L), new Bin("a", 1));
            assertEquals(1, server.recordCount("test"));
        }
    }

    @Test
    void wrongPasswordFailsTheConstructorWhenFailIfNotConnected() {
        AerospikeException e = assertThrows(AerospikeException.class,
                () -> new AerospikeClient(policy(USER, "wrong", true), "127.0.0.1", server.port()));
        assertSame(AerospikeException.Connection.class, e.getClass());
        assertEquals(ResultCode.SERVER_NOT_AVAILABLE, e.getResultCode());
        assertNull(e.getCause());
        assertEquals(seedFailure(server.port(), WRONG_PASSWORD_ERROR), e.getMessage());
    }

    @Test
    void unknownUserFailsTheConstructorWhenFailIfNotConnected() {
        AerospikeException e = assertThrows(AerospikeException.class,
                () -> new AerospikeClient(policy("mallory", PASSWORD, true), "127.0.0.1", server.port()));
        assertSame(AerospikeException.Connection.class, e.getClass());
        assertEquals(ResultCode.SERVER_NOT_AVAILABLE, e.getResultCode());
        assertNull(e.getCause());
        assertEquals(seedFailure(server.port(), UNKNOWN_USER_ERROR), e.getMessage());
    }

    @Test
    void unreachableSeedFailsTheConstructorWithTheSameFrameButAConnectionError() {
        int port = AerospikeTestServer.freePort();
        AerospikeException e = assertThrows(AerospikeException.class,
                () -> new AerospikeClient(policy(USER, PASSWORD, true), "127.0.0.1", port));
        assertSame(AerospikeException.Connection.class, e.getClass());
        assertEquals(ResultCode.SERVER_NOT_AVAILABLE, e.getResultCode());
        assertNull(e.getCause());
        assertEquals(seedFailure(port, UNREACHABLE_ERROR), e.getMessage());
    }

    @Test
    void refusedLoginWithoutFailIfNotConnectedLeavesAnEmptyClusterThatKeepsTrying() {
        for (ClientPolicy p : List.of(policy(USER, "wrong", false), policy("mallory", PASSWORD, false))) {
            long loginsBefore = server.loginCount();
            try (AerospikeClient client = new AerospikeClient(p, "127.0.0.1", server.port())) {
                assertEmptyCluster(client);
                await("another login attempt", () -> server.loginCount() >= loginsBefore + 3);
            }
        }
        assertEquals(0, server.recordCount("test"));
    }

    @Test
    void unreachableSeedWithoutFailIfNotConnectedLooksTheSame() {
        int port = AerospikeTestServer.freePort();
        try (AerospikeClient client = new AerospikeClient(policy(USER, PASSWORD, false), "127.0.0.1", port)) {
            assertEmptyCluster(client);
        }
    }

    private static void assertEmptyCluster(AerospikeClient client) {
        assertFalse(client.isConnected());
        assertEquals(0, client.getNodes().length);
        List<BatchRecord> records = twoWrites();
        AerospikeException e = assertThrows(AerospikeException.class,
                () -> client.operate(new BatchPolicy(), records));
        assertSame(AerospikeException.class, e.getClass());
        assertEquals(ResultCode.SERVER_NOT_AVAILABLE, e.getResultCode());
        assertEquals("Error -8: Cluster is empty", e.getMessage());
        for (BatchRecord r : records) {
            assertEquals(ResultCode.NO_RESPONSE, r.resultCode);
            assertFalse(r.inDoubt);
        }
    }


    // ---- the wire, below the client: the client never sends a record command before authenticating ----

    @Test
    void socketsThatHaveNotAuthenticatedGetRecordCommandsRefused() throws IOException {
        try (Wire wire = new Wire(server.port())) {
            assertEquals(ResultCode.NOT_AUTHENTICATED, wire.read().resultCode);
            assertEquals(ResultCode.INVALID_CREDENTIAL, wire.authenticate(USER, new byte[] {1, 2, 3}).resultCode);
            assertEquals(ResultCode.INVALID_USER, wire.authenticate("mallory", new byte[] {1, 2, 3}).resultCode);
            Reply batch = wire.emptyBatch();
            assertEquals(ResultCode.NOT_AUTHENTICATED, batch.resultCode);
            assertEquals(Protocol.INFO3_LAST, batch.body[3]);
            assertEquals(ResultCode.INVALID_USER, wire.login("mallory", PASSWORD).resultCode);
            assertEquals(ResultCode.INVALID_CREDENTIAL, wire.login(USER, "wrong").resultCode);
            assertEquals(ResultCode.NOT_AUTHENTICATED, wire.read().resultCode);
        }
    }

    @Test
    void loginAuthenticatesItsSocketAndItsTokenAuthenticatesOthers() throws IOException {
        byte[] token;
        try (Wire wire = new Wire(server.port())) {
            Reply login = wire.login(USER, PASSWORD);
            assertEquals(ResultCode.OK, login.resultCode);
            assertEquals(2, login.body[3]);
            token = login.field(5);
            assertArrayEquals(new byte[] {0, 1, 0x51, (byte) 0x80}, login.field(6), "86400 s, the default session-ttl");
            assertEquals(ResultCode.KEY_NOT_FOUND_ERROR, wire.read().resultCode);
        }
        try (Wire wire = new Wire(server.port())) {
            assertEquals(ResultCode.INVALID_CREDENTIAL, wire.authenticate("bob", token).resultCode);
            assertEquals(ResultCode.OK, wire.authenticate(USER, token).resultCode);
            assertEquals(ResultCode.KEY_NOT_FOUND_ERROR, wire.read().resultCode);
        }
    }

    /** A reply body and its result code, read where the reply's proto type keeps it. */
    private record Reply(byte[] body, int resultCode) {

        /** An admin reply field's data by id (fields follow the 16-byte header). */
        byte[] field(int id) {
            int off = 16;
            for (int i = 0; i < body[3]; i++) {
                int size = Protocol.getInt(body, off);
                if (body[off + 4] == id) {
                    return Arrays.copyOfRange(body, off + 5, off + 4 + size);
                }
                off += 4 + size;
            }
            throw new AssertionError("no field " + id);
        }
    }

    /** A raw socket speaking the messages the client would send. */
    private static final class Wire implements AutoCloseable {
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Wire(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(5_000);
            in = new DataInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        Reply login(String user, String password) throws IOException {
            return admin(20, field(0, utf8(user)), field(3, utf8(AdminCommand.hashPassword(password))));
        }

        Reply authenticate(String user, byte[] token) throws IOException {
            return admin(0, field(0, utf8(user)), field(5, token));
        }

        /** A get of one missing record in namespace "test". */
        Reply read() throws IOException {
            return message(0x03, field(Protocol.FIELD_NAMESPACE, utf8("test")),
                    field(Protocol.FIELD_DIGEST, new byte[20]));
        }

        Reply emptyBatch() throws IOException {
            return message(Protocol.INFO1_BATCH, field(Protocol.FIELD_BATCH_INDEX, new byte[] {0, 0, 0, 0, 0x08}));
        }

        private Reply admin(int command, byte[]... fields) throws IOException {
            byte[] header = new byte[16];
            header[2] = (byte) command;
            header[3] = (byte) fields.length;
            return send(Protocol.TYPE_ADMIN, header, fields);
        }

        private Reply message(int info1, byte[]... fields) throws IOException {
            byte[] header = new byte[Protocol.MSG_HEADER_SIZE];
            header[0] = (byte) Protocol.MSG_HEADER_SIZE;
            header[1] = (byte) info1;
            Protocol.putShort(header, 18, fields.length);
            return send(Protocol.TYPE_MSG, header, fields);
        }

        private Reply send(int type, byte[] header, byte[][] fields) throws IOException {
            byte[] body = header;
            for (byte[] f : fields) {
                byte[] joined = Arrays.copyOf(body, body.length + f.length);
                System.arraycopy(f, 0, joined, body.length, f.length);
                body = joined;
            }
            out.write(Protocol.frame(type, body, body.length));
            out.flush();
            byte[] proto = new byte[8];
            in.readFully(proto);
            byte[] reply = new byte[(int) (Protocol.getLong(proto, 0) & 0xFFFFFFFFFFFFL)];
            in.readFully(reply);
            return new Reply(reply, (proto[1] == Protocol.TYPE_ADMIN ? reply[1] : reply[5]) & 0xFF);
        }

        private static byte[] field(int id, byte[] data) {
            byte[] f = new byte[5 + data.length];
            Protocol.putInt(f, 0, data.length + 1);
            f[4] = (byte) id;
            System.arraycopy(data, 0, f, 5, data.length);
            return f;
        }

        private static byte[] utf8(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
