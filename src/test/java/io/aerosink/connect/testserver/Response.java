package io.aerosink.connect.testserver;

/** What a connection does with a request: wait {@code delayMillis}, then send {@code bytes} or drop the socket. */
record Response(byte[] bytes, long delayMillis, boolean close) {

    static Response reply(byte[] bytes, long delayMillis) {
        return new Response(bytes, delayMillis, false);
    }

    static Response close(long delayMillis) {
        return new Response(new byte[0], delayMillis, true);
    }
}
