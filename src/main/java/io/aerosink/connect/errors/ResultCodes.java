package io.aerosink.connect.errors;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

import com.aerospike.client.ResultCode;

/** The constant names of {@link ResultCode} (e.g. 13 is RECORD_TOO_BIG), for messages and DLQ headers. */
public final class ResultCodes {

    private static final Map<Integer, String> NAMES = names();

    private ResultCodes() {
    }

    public static String name(int resultCode) {
        return NAMES.getOrDefault(resultCode, "RESULT_CODE_" + resultCode);
    }

    public static String describe(int resultCode) {
        return resultCode + " " + name(resultCode) + " (" + ResultCode.getResultString(resultCode) + ")";
    }

    private static Map<Integer, String> names() {
        Map<Integer, String> names = new HashMap<>();
        for (Field field : ResultCode.class.getFields()) {
            if (field.getType() == int.class && Modifier.isStatic(field.getModifiers())) {
                try {
                    names.putIfAbsent(field.getInt(null), field.getName());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return names;
    }
}
