package io.aerosink.connect.testserver;

import java.time.Instant;
import java.util.List;

/** Handles one AS_MSG: batches go to {@link BatchHandler}, everything else is a single-record command. */
final class RequestHandler {
    private final RecordStore store;
    private final FaultRegistry faults;
    private final Journal journal;
    private final BatchHandler batches;

    RequestHandler(RecordStore store, FaultRegistry faults, Journal journal, BatchHandler batches) {
        this.store = store;
        this.faults = faults;
        this.journal = journal;
        this.batches = batches;
    }

    Response handle(byte[] body, Instant receivedAt) {
        MessageCodec.AsMessage m = MessageCodec.parse(body);
        if ((m.info1() & Protocol.INFO1_BATCH) != 0 && m.field(Protocol.FIELD_BATCH_INDEX) != null) {
            return batches.handle(m, receivedAt);
        }
        RecordCommand c = RecordCommand.fromMessage(m);
        JournalEntry.Kind kind = c.isDelete() ? JournalEntry.Kind.DELETE
                : c.isWrite() ? JournalEntry.Kind.WRITE : JournalEntry.Kind.READ;
        journal.add(kind, () -> new JournalEntry(kind, receivedAt, c.namespace(), 1, m.info1(), m.info2(), m.info3(),
                c.userKey() != null, m.fields().stream().map(f -> Protocol.fieldName(f.type())).toList(),
                c.ops().stream().map(Op::summary).toList(), List.of(), List.of()));

        FaultRegistry.Effect effect = faults.forRecord(c.namespace(), c.digest());
        Fault.Pass pass = faults.admit(effect);
        if (!pass.await()) {
            return Response.close(0);
        }
        RecordResult result;
        try {
            if (effect.closeWithoutReply()) {
                return Response.close(effect.delayMillis());
            }
            result = effect.resultCode() != 0 ? RecordResult.error(effect.resultCode()) : store.execute(c);
        } finally {
            pass.done();
        }
        if (effect.applyThenClose()) {
            return Response.close(effect.delayMillis());
        }
        byte[] reply = MessageCodec.encodeReply(result, 0);
        return Response.reply(Protocol.frame(Protocol.TYPE_MSG, reply, reply.length), effect.delayMillis());
    }
}
