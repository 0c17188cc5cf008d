package io.aerosink.connect.layout;

import com.aerospike.client.Value;
import java.util.Arrays;

/** Reads a subarray field whole: as one blob of its bytes, or as a flat list of its elements in C order. */
final class SubarrayReader {

    private SubarrayReader() {
    }

    static FieldReader of(LayoutField field, BytesAs bytesAs, SubarrayAs subarrayAs) {
        if (subarrayAs == SubarrayAs.BLOB) {
            return new ElementReader.Blob(field.size());
        }
        return new ListReader(ElementReader.of(field, bytesAs), field.elementCount(), field.elementSize());
    }

    private static final class ListReader implements FieldReader {
        private final ElementReader element;
        private final int count;
        private final int stride;

        ListReader(ElementReader element, int count, int stride) {
            this.element = element;
            this.count = count;
            this.stride = stride;
        }

        @Override
        public Value read(byte[] buf, int at) {
            Object[] items = new Object[count];
            for (int i = 0; i < count; i++) {
                items[i] = element.element(buf, at + i * stride);
            }
            return Value.get(Arrays.asList(items));
        }
    }
}
