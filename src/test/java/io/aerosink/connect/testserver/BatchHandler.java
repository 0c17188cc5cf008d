package io.aerosink.connect.testserver;

import static io.aerosink.connect.testserver.Protocol.getInt;
import static io.aerosink.connect.testserver.Protocol.getShort;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes a BATCH_INDEX request, applies its entries and answers one row per entry followed by LAST, packing rows
 * into frames of up to 128 KiB and sending LAST alone, as the real server does.
 */
final class BatchHandler {
    private static final int ENTRY_READ = 0x00;
    private static final int ENTRY_REPEAT = 0x01;
    private static final int ENTRY_INFO = 0x02;
    private static final int ENTRY_GEN = 0x04;
    private static final int ENTRY_TTL = 0x08;
    private static final int ENTRY_INFO4 = 0x10;
    private static final int MAX_FRAME_BYTES = 128 * 1024;

    private record Entry(int index, RecordCommand command, boolean repeat) {
    }

    private final RecordStore store;
    private final FaultRegistry faults;
    private final Journal journal;
    private final AerospikeTestServer.DuplicateKeyOrder duplicateOrder;

    BatchHandler(RecordStore store, FaultRegistry faults, Journal journal,
                 AerospikeTestServer.DuplicateKeyOrder duplicateOrder) {
        this.store = store;
        this.faults = faults;
        this.journal = journal;
        this.duplicateOrder = duplicateOrder;
    }

    Response handle(MessageCodec.AsMessage m, Instant receivedAt) {
        MessageCodec.Field batchFilter = m.field(Protocol.FIELD_FILTER_EXP);
        List<Entry> entries = parseEntries(m.field(Protocol.FIELD_BATCH_INDEX).data(),
                batchFilter == null ? null : batchFilter.data());
        List<RecordCommand> commands = entries.stream().map(Entry::command).toList();
        journal.add(JournalEntry.Kind.BATCH, () -> new JournalEntry(JournalEntry.Kind.BATCH, receivedAt,
                commands.isEmpty() ? null : commands.get(0).namespace(), entries.size(),
                m.info1(), m.info2(), m.info3(), commands.stream().anyMatch(c -> c.userKey() != null),
                m.fields().stream().map(f -> Protocol.fieldName(f.type())).toList(), List.of(),
                entries.stream().map(e -> e.index() + ": " + (e.repeat() ? "REPEAT" : e.command().summary())).toList(),
                List.of()));

        FaultRegistry.Effect[] effects = new FaultRegistry.Effect[entries.size()];
        long delay = 0;
        boolean close = false;
        boolean applyThenClose = false;
        for (int i = 0; i < effects.length; i++) {
            RecordCommand c = commands.get(i);
            effects[i] = faults.forRecord(c.namespace(), c.digest());
            delay = Math.max(delay, effects[i].delayMillis());
            close |= effects[i].closeWithoutReply();
            applyThenClose |= effects[i].applyThenClose();
        }
        // A batch waits for its hold as a whole, outside the store's lock, before anything of it is applied.
        Fault.Pass pass = faults.admit(effects);
        if (!pass.await()) {
            return Response.close(0);
        }
        RecordResult[] results = new RecordResult[entries.size()];
        try {
            if (close) {
                return Response.close(delay);
            }
            store.locked(() -> {
                for (int i : applyOrder(commands)) {
                    int rc = effects[i].resultCode();
                    results[i] = rc != 0 ? RecordResult.error(rc) : store.execute(commands.get(i));
                }
                return null;
            });
        } finally {
            pass.done();
        }
        if (applyThenClose) {
            return Response.close(delay);
        }
        return Response.reply(encode(entries, results, faults.batchLastCode(commands)), delay);
    }

    private static List<Entry> parseEntries(byte[] d, byte[] batchFilter) {
        int count = getInt(d, 0);
        int p = 5;
        List<Entry> entries = new ArrayList<>(count);
        RecordCommand previous = null;
        for (int i = 0; i < count; i++) {
            int index = getInt(d, p);
            byte[] digest = Arrays.copyOfRange(d, p + 4, p + 24);
            int type = d[p + 24] & 0xFF;
            p += 25;
            if (type == ENTRY_REPEAT) {
                if (previous == null) {
                    throw new IllegalStateException("batch REPEAT entry without a previous entry");
                }
                entries.add(new Entry(index, previous.repeatFor(digest), true));
                continue;
            }
            int readAttr = 0;
            int writeAttr = 0;
            int infoAttr = 0;
            int generation = 0;
            int ttl = 0;
            if (type == ENTRY_READ) {
                readAttr = d[p++] & 0xFF;
            }
            if ((type & ENTRY_INFO) != 0) {
                readAttr = d[p] & 0xFF;
                writeAttr = d[p + 1] & 0xFF;
                infoAttr = d[p + 2] & 0xFF;
                p += 3;
            }
            if ((type & ENTRY_INFO4) != 0) {
                p++;
            }
            if ((type & ENTRY_GEN) != 0) {
                generation = getShort(d, p);
                p += 2;
            }
            if ((type & ENTRY_TTL) != 0) {
                ttl = getInt(d, p);
                p += 4;
            }
            int nFields = getShort(d, p);
            int nOps = getShort(d, p + 2);
            List<MessageCodec.Field> fields = new ArrayList<>(nFields);
            p = MessageCodec.readFields(d, p + 4, nFields, fields);
            List<Op> ops = new ArrayList<>(nOps);
            p = MessageCodec.readOps(d, p, nOps, ops);
            RecordCommand c = RecordCommand.fromFields(fields, digest, readAttr, writeAttr, infoAttr, generation, ttl, ops);
            previous = c.orFilter(batchFilter);
            entries.add(new Entry(index, previous, false));
        }
        return entries;
    }

    /** Positions in the order to apply them: wire order, or with each duplicated key's entries reversed. */
    private int[] applyOrder(List<RecordCommand> commands) {
        int[] order = new int[commands.size()];
        Arrays.setAll(order, i -> i);
        if (duplicateOrder == AerospikeTestServer.DuplicateKeyOrder.INDEX_ORDER) {
            return order;
        }
        Map<String, List<Integer>> byKey = new LinkedHashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            RecordCommand c = commands.get(i);
            byKey.computeIfAbsent(c.namespace() + ":" + HexFormat.of().formatHex(c.digest()), k -> new ArrayList<>()).add(i);
        }
        for (List<Integer> slots : byKey.values()) {
            for (int j = 0; j < slots.size(); j++) {
                order[slots.get(j)] = slots.get(slots.size() - 1 - j);
            }
        }
        return order;
    }

    private static byte[] encode(List<Entry> entries, RecordResult[] results, int lastCode) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        for (int i = 0; i < results.length; i++) {
            byte[] row = MessageCodec.encodeReply(results[i], entries.get(i).index());
            if (frame.size() > 0 && frame.size() + row.length > MAX_FRAME_BYTES) {
                flush(frame, out);
            }
            frame.writeBytes(row);
        }
        flush(frame, out);
        frame.writeBytes(MessageCodec.encodeLast(lastCode));
        flush(frame, out);
        return out.toByteArray();
    }

    private static void flush(ByteArrayOutputStream frame, ByteArrayOutputStream out) {
        if (frame.size() > 0) {
            out.writeBytes(Protocol.frame(Protocol.TYPE_MSG, frame.toByteArray(), frame.size()));
            frame.reset();
        }
    }
}
