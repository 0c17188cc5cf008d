package io.aerosink.connect.testserver;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** Bounded log of decoded requests plus counters; the bound keeps long benchmarks from growing the heap. */
final class Journal {
    private final int capacity;
    private final ArrayDeque<JournalEntry> entries = new ArrayDeque<>();
    private final AtomicLong infoRequests = new AtomicLong();
    private final AtomicLong singleRecordRequests = new AtomicLong();
    private final AtomicLong batchRequests = new AtomicLong();

    Journal(int capacity) {
        this.capacity = capacity;
    }

    void add(JournalEntry e) {
        add(e.kind(), () -> e);
    }

    /** Counts a request of {@code kind}; builds its entry only when entries are kept (decoding one is not free). */
    void add(JournalEntry.Kind kind, Supplier<JournalEntry> entry) {
        switch (kind) {
            case INFO -> infoRequests.incrementAndGet();
            case BATCH -> batchRequests.incrementAndGet();
            default -> singleRecordRequests.incrementAndGet();
        }
        if (capacity <= 0) {
            return;
        }
        JournalEntry e = entry.get();
        synchronized (entries) {
            if (capacity > 0) {
                if (entries.size() == capacity) {
                    entries.removeFirst();
                }
                entries.addLast(e);
            }
        }
    }

    List<JournalEntry> snapshot() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
        infoRequests.set(0);
        singleRecordRequests.set(0);
        batchRequests.set(0);
    }

    long infoRequests() {
        return infoRequests.get();
    }

    long singleRecordRequests() {
        return singleRecordRequests.get();
    }

    long batchRequests() {
        return batchRequests.get();
    }
}
