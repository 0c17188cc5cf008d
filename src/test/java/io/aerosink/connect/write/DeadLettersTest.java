package io.aerosink.connect.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import io.aerosink.connect.errors.KeyFailure;

class DeadLettersTest {

    private final DeadLetters letters = new DeadLetters();

    private static RecordTicket ticket(long offset) {
        return new RecordTicket(new SinkRecord("sensors", 0, null, null, null, null, offset));
    }

    private static KeyFailure failure(RecordTicket ticket) {
        return KeyFailure.unconvertible(ticket.record(), -1, null, "key field '_key' is missing or null");
    }

    @Test
    void recordStaysOpenUntilItsLetterIsAcknowledgedInWhateverOrderAcksCome() {
        RecordTicket first = ticket(0);
        RecordTicket second = ticket(1);
        CompletableFuture<Void> firstAck = new CompletableFuture<>();
        CompletableFuture<Void> secondAck = new CompletableFuture<>();
        first.open();
        letters.sent(failure(first), first, firstAck);
        second.open();
        letters.sent(failure(second), second, secondAck);
        first.seal();
        second.seal();
        assertFalse(first.done());
        assertEquals(List.of(), letters.takeAcknowledged());

        secondAck.complete(null);
        List<RecordTicket> acknowledged = letters.takeAcknowledged();
        assertEquals(List.of(second), acknowledged);
        acknowledged.forEach(RecordTicket::close);
        assertTrue(second.done());
        assertFalse(first.done());

        firstAck.complete(null);
        letters.takeAcknowledged().forEach(RecordTicket::close);
        assertTrue(first.done());
        assertNull(letters.lost());
    }

    @Test
    void refusedLetterKeepsItsRecordOpenAndIsRememberedAsLost() {
        RecordTicket ticket = ticket(7);
        ticket.open();
        letters.sent(failure(ticket), ticket,
                CompletableFuture.failedFuture(new IllegalStateException("topic refused it")));
        ticket.seal();
        assertEquals(List.of(), letters.takeAcknowledged());
        assertFalse(ticket.done());
        ConnectException lost = letters.lost();
        assertTrue(lost.getMessage().contains("topic 'sensors' partition 0 offset 7")
                && lost.getMessage().contains("topic refused it"), lost.getMessage());
    }
}
