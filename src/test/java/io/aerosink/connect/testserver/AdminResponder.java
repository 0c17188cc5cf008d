package io.aerosink.connect.testserver;

import com.aerospike.client.admin.AdminCommand;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers admin messages (proto type 2) the way a server with security configured does: LOGIN checks the credential
 * the client's {@code AuthMode} sends and hands out a session token, AUTHENTICATE accepts that token on a new socket.
 * Each socket has a {@link Session}; record commands on a socket that has not authenticated are refused. With no
 * users, security is off: every socket counts as authenticated and admin messages are dropped unanswered, as before.
 *
 * <p>LOGIN as client 9.2 sends it: INTERNAL with USER and CREDENTIAL (the bcrypt hash); EXTERNAL and
 * EXTERNAL_INSECURE add CLEAR_PASSWORD, which an LDAP user is checked against; PKI sends no field at all, and the
 * user is the common name of the socket's client certificate. AUTHENTICATE carries USER and SESSION_TOKEN, or
 * the token alone under PKI.
 *
 * <p>Admin message: proto header, then a 16-byte header (scheme 0, result code at 1, command at 2, field count at
 * 3, zeros), then fields {@code u32 size (data length + 1) | u8 id | data}.
 */
final class AdminResponder {
    private static final int HEADER_SIZE = 16;
    private static final int CMD_AUTHENTICATE = 0;
    private static final int CMD_LOGIN = 20;
    private static final int FIELD_USER = 0;
    private static final int FIELD_CREDENTIAL = 3;
    private static final int FIELD_CLEAR_PASSWORD = 4;
    private static final int FIELD_SESSION_TOKEN = 5;
    private static final int FIELD_SESSION_TTL = 6;

    private static final int RC_INVALID_COMMAND = 54;
    private static final int RC_INVALID_USER = 60;
    private static final int RC_INVALID_CREDENTIAL = 65;
    private static final int RC_NOT_AUTHENTICATED = 80;

    /** The server's default session-ttl; the client logs in again 60 s before it runs out. */
    private static final int SESSION_TTL_SECONDS = 86_400;
    private static final int TOKEN_BYTES = 32;

    /** Login state of one socket; the connection thread is its only user. */
    static final class Session {
        private final String certificateUser;
        private boolean authenticated;

        private Session(boolean authenticated, String certificateUser) {
            this.authenticated = authenticated;
            this.certificateUser = certificateUser;
        }

        boolean authenticated() {
            return authenticated;
        }
    }

    /** Internal user -> the credential the client must send: the bcrypt hash the client computes itself. */
    private final Map<String, byte[]> credentials = new ConcurrentHashMap<>();
    /** LDAP user -> the password, which only a clear-password login can be checked against. */
    private final Map<String, byte[]> externalPasswords = new HashMap<>();
    /** Users without a password, who log in by certificate only. */
    private final Set<String> pkiUsers;
    private final Map<ByteBuffer, String> tokenUsers = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong logins = new AtomicLong();
    private final AtomicLong authentications = new AtomicLong();

    AdminResponder(Map<String, String> passwords, Map<String, String> externalUsers, Set<String> pkiUsers) {
        passwords.forEach((user, password) -> credentials.put(user, credential(password)));
        externalUsers.forEach((user, password) ->
                externalPasswords.put(user, password.getBytes(StandardCharsets.UTF_8)));
        this.pkiUsers = Set.copyOf(pkiUsers);
    }

    /** A socket's session; {@code certificateUser} is its client certificate's common name, or null. */
    Session newSession(String certificateUser) {
        return new Session(!securityEnabled(), certificateUser);
    }

    private boolean securityEnabled() {
        return !credentials.isEmpty() || !externalPasswords.isEmpty() || !pkiUsers.isEmpty();
    }

    private boolean known(String user) {
        return credentials.containsKey(user) || externalPasswords.containsKey(user) || pkiUsers.contains(user);
    }

    Response handle(byte[] body, Session session) {
        if (!securityEnabled()) {
            // Security off: the client only sends admin messages when ClientPolicy.user is set; fail it fast.
            return Response.close(0);
        }
        Map<Integer, byte[]> fields = fields(body);
        return switch (body[2] & 0xFF) {
            case CMD_LOGIN -> login(fields, session);
            case CMD_AUTHENTICATE -> authenticate(fields, session);
            default -> result(RC_INVALID_COMMAND);
        };
    }

    /** The refusal of a record command on an unauthenticated socket: batches end with a LAST row carrying it. */
    Response refuse(byte[] message) {
        byte[] reply = (message[1] & Protocol.INFO1_BATCH) != 0 ? MessageCodec.encodeLast(RC_NOT_AUTHENTICATED)
                : MessageCodec.encodeReply(RecordResult.error(RC_NOT_AUTHENTICATED), 0);
        return Response.reply(Protocol.frame(Protocol.TYPE_MSG, reply, reply.length), 0);
    }

    long logins() {
        return logins.get();
    }

    /** The internal user's password from now on; sessions already open are not touched. */
    void changePassword(String user, String password) {
        if (!credentials.containsKey(user)) {
            throw new IllegalArgumentException("no internal user " + user);
        }
        credentials.put(user, credential(password));
    }

    /** The credential the client sends for {@code password}. */
    private static byte[] credential(String password) {
        return AdminCommand.hashPassword(password).getBytes(StandardCharsets.UTF_8);
    }

    /** Every session token handed out so far is refused from now on; a new login gets one that is accepted. */
    void forgetSessions() {
        tokenUsers.clear();
    }

    long authentications() {
        return authentications.get();
    }

    /**
     * A real server answers an unknown user with INVALID_USER and a wrong password with INVALID_CREDENTIAL (which
     * the 9.2.0 client words as a PKI-only-user message); a new login first drops the socket's old one.
     */
    private Response login(Map<Integer, byte[]> fields, Session session) {
        logins.incrementAndGet();
        session.authenticated = false;
        String user = fields.containsKey(FIELD_USER) ? user(fields) : session.certificateUser;
        int refusal = fields.containsKey(FIELD_USER) ? checkPassword(user, fields) : checkCertificate(user);
        if (refusal != Protocol.RC_OK) {
            return result(refusal);
        }
        byte[] token = new byte[TOKEN_BYTES];
        random.nextBytes(token);
        tokenUsers.put(ByteBuffer.wrap(token), user);
        session.authenticated = true;
        return tokenReply(token);
    }

    /** An internal user by the hash; an LDAP user by the clear password, which only EXTERNAL modes send. */
    private int checkPassword(String user, Map<Integer, byte[]> fields) {
        if (credentials.containsKey(user)) {
            return Arrays.equals(credentials.get(user), fields.get(FIELD_CREDENTIAL))
                    ? Protocol.RC_OK : RC_INVALID_CREDENTIAL;
        }
        if (externalPasswords.containsKey(user)) {
            return Arrays.equals(externalPasswords.get(user), fields.get(FIELD_CLEAR_PASSWORD))
                    ? Protocol.RC_OK : RC_INVALID_CREDENTIAL;
        }
        return pkiUsers.contains(user) ? RC_INVALID_CREDENTIAL : RC_INVALID_USER;
    }

    /** PKI: the client certificate names the user; a socket without one has nothing to log in with. */
    private int checkCertificate(String user) {
        if (user == null) {
            return RC_INVALID_CREDENTIAL;
        }
        return known(user) ? Protocol.RC_OK : RC_INVALID_USER;
    }

    /** The client sends the session token from its login as the first message on every further socket. */
    private Response authenticate(Map<Integer, byte[]> fields, Session session) {
        authentications.incrementAndGet();
        byte[] token = fields.get(FIELD_SESSION_TOKEN);
        String owner = token == null ? null : tokenUsers.get(ByteBuffer.wrap(token));
        if (fields.containsKey(FIELD_USER)) {
            String user = user(fields);
            if (!known(user)) {
                return result(RC_INVALID_USER);
            }
            if (!user.equals(owner)) {
                return result(RC_INVALID_CREDENTIAL);
            }
        } else if (owner == null) {
            return result(RC_INVALID_CREDENTIAL);
        }
        session.authenticated = true;
        return result(Protocol.RC_OK);
    }

    private static String user(Map<Integer, byte[]> fields) {
        byte[] user = fields.get(FIELD_USER);
        return user == null ? null : new String(user, StandardCharsets.UTF_8);
    }

    private static Map<Integer, byte[]> fields(byte[] body) {
        Map<Integer, byte[]> fields = new HashMap<>();
        int off = HEADER_SIZE;
        for (int i = 0; i < (body[3] & 0xFF); i++) {
            int size = Protocol.getInt(body, off);
            fields.put(body[off + 4] & 0xFF, Arrays.copyOfRange(body, off + 5, off + 4 + size));
            off += 4 + size;
        }
        return fields;
    }

    /** A header-only answer: the client reads 24 bytes and looks only at the result code. */
    private static Response result(int resultCode) {
        byte[] body = new byte[HEADER_SIZE];
        body[1] = (byte) resultCode;
        return Response.reply(Protocol.frame(Protocol.TYPE_ADMIN, body, body.length), 0);
    }

    /** Success: the client requires a SESSION_TOKEN field and reads SESSION_TTL (seconds) when present. */
    private static Response tokenReply(byte[] token) {
        byte[] body = new byte[HEADER_SIZE + 5 + token.length + 5 + 4];
        body[3] = 2;
        int off = putFieldHeader(body, HEADER_SIZE, FIELD_SESSION_TOKEN, token.length);
        System.arraycopy(token, 0, body, off, token.length);
        off = putFieldHeader(body, off + token.length, FIELD_SESSION_TTL, 4);
        Protocol.putInt(body, off, SESSION_TTL_SECONDS);
        return Response.reply(Protocol.frame(Protocol.TYPE_ADMIN, body, body.length), 0);
    }

    private static int putFieldHeader(byte[] b, int off, int id, int dataLength) {
        Protocol.putInt(b, off, dataLength + 1);
        b[off + 4] = (byte) id;
        return off + 5;
    }
}
