package io.aerosink.connect.config;

import io.aerosink.connect.layout.BytesAs;
import io.aerosink.connect.layout.LayoutException;
import io.aerosink.connect.layout.RowDecoder;
import io.aerosink.connect.layout.RowLayout;
import io.aerosink.connect.layout.SubarrayAs;

/** Checks a {@code value.layout} the way the task will use it, so mistakes show up in validation. */
final class LayoutCheck {

    private LayoutCheck() {
    }

    /** The problem with {@code layout} read with {@code keyField} as its key, or null when there is none. */
    static String problem(String layout, String keyField) {
        try {
            new RowDecoder(RowLayout.parse(layout), keyField, BytesAs.STRING, SubarrayAs.BLOB);
            return null;
        } catch (LayoutException e) {
            return "value.layout: " + e.getMessage();
        }
    }
}
