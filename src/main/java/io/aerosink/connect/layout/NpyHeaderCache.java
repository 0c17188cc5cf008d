package io.aerosink.connect.layout;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses each distinct {@code .npy} header once. A producer sends the same header with every message of a kind,
 * so after the first the cost of a header is hashing and comparing its bytes.
 *
 * <p>Keyed by the raw header bytes; the least recently used entry goes when the cache is full. Thread-safe.
 */
public final class NpyHeaderCache {

    public static final int DEFAULT_CAPACITY = 64;

    private final Map<HeaderBytes, NpyHeader> headers;

    public NpyHeaderCache() {
        this(DEFAULT_CAPACITY);
    }

    public NpyHeaderCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.headers = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<HeaderBytes, NpyHeader> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The header of {@code payload}, parsed or from the cache, after checking that the payload holds exactly the
     * data the header announces.
     *
     * @throws NpyFormatException as {@link NpyHeader#parse} does
     */
    public NpyHeader header(byte[] payload) {
        int dataOffset = NpyHeader.dataOffset(payload);
        HeaderBytes probe = new HeaderBytes(payload, dataOffset);
        NpyHeader header;
        synchronized (headers) {
            header = headers.get(probe);
        }
        if (header == null) {
            header = NpyHeader.parseHeader(payload, dataOffset);
            synchronized (headers) {
                headers.put(new HeaderBytes(Arrays.copyOf(payload, dataOffset), dataOffset), header);
            }
        }
        header.checkDataLength(payload.length);
        return header;
    }

    /** Headers currently cached. */
    public int size() {
        synchronized (headers) {
            return headers.size();
        }
    }

    /** The first {@code length} bytes of a payload (preamble and header), compared by content. */
    private static final class HeaderBytes {
        private final byte[] bytes;
        private final int length;
        private final int hash;

        HeaderBytes(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
            int h = 1;
            for (int i = 0; i < length; i++) {
                h = 31 * h + bytes[i];
            }
            this.hash = h;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof HeaderBytes)) {
                return false;
            }
            HeaderBytes other = (HeaderBytes) o;
            return hash == other.hash && Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
