package io.aerosink.connect.errors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import com.aerospike.client.ResultCode;

class DeadLetterReporterTest {

    private final List<SinkRecord> reported = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final DeadLetterReporter reporter = new DeadLetterReporter((record, error) -> {
        reported.add(record);
        errors.add(error);
        return CompletableFuture.completedFuture(null);
    });

    private static SinkRecord renamedRecord() {
        SinkRecord original = new SinkRecord("sensors", 2, Schema.STRING_SCHEMA, "k", Schema.BYTES_SCHEMA,
                new byte[] {1, 2, 3, 4, 5, 6}, 77);
        return original.newRecord("sensors-renamed", 0, original.keySchema(), original.key(), original.valueSchema(),
                original.value(), original.timestamp());
    }

    private static Object header(SinkRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        return header == null ? null : header.value();
    }

    @Test
    void failedKeyGoesWithItsResultCodeNameAndMessage() {
        reporter.report(KeyFailure.refused(renamedRecord(), -1, null, "42", ResultCode.RECORD_TOO_BIG,
                "Aerospike refused the write"));
        SinkRecord dlq = reported.get(0);
        assertEquals(13, header(dlq, DeadLetterReporter.RESULT_CODE));
        assertEquals("RECORD_TOO_BIG", header(dlq, DeadLetterReporter.RESULT_NAME));
        assertEquals("Aerospike refused the write", header(dlq, DeadLetterReporter.REASON));
        assertEquals("42", header(dlq, DeadLetterReporter.KEY));
        assertEquals("sensors", header(dlq, DeadLetterReporter.ORIGINAL_TOPIC));
        assertEquals(2, header(dlq, DeadLetterReporter.ORIGINAL_PARTITION));
        assertEquals(77L, header(dlq, DeadLetterReporter.ORIGINAL_OFFSET));
        assertEquals("sensors", dlq.topic());
        assertEquals(77L, dlq.kafkaOffset());
        assertNull(header(dlq, DeadLetterReporter.ROW_INDEX));
        assertTrue(errors.get(0).getMessage().contains("topic 'sensors' partition 2 offset 77 key '42'"),
                errors.get(0).getMessage());
    }

    @Test
    void failedRowGoesAloneAsItsOwnBytes() {
        reporter.report(KeyFailure.unconvertible(renamedRecord(), 1, new byte[] {4, 5, 6}, "field '_key': too large"));
        SinkRecord dlq = reported.get(0);
        assertArrayEquals(new byte[] {4, 5, 6}, (byte[]) dlq.value());
        assertEquals(1, header(dlq, DeadLetterReporter.ROW_INDEX));
        assertFalse(dlq.headers().lastWithName(DeadLetterReporter.RESULT_CODE) != null);
    }

    @Test
    void withoutToleranceTheTaskStopsNamingTheRecord() {
        KeyFailure failure = KeyFailure.refused(renamedRecord(), -1, null, "42", ResultCode.RECORD_TOO_BIG, "refused");
        KeyFailureException e = assertThrows(KeyFailureException.class, () -> new FailTaskReporter().report(failure));
        assertTrue(e.getMessage().contains("topic 'sensors' partition 2 offset 77 key '42'"), e.getMessage());
        assertTrue(e.getMessage().contains("RECORD_TOO_BIG"), e.getMessage());
    }
}
