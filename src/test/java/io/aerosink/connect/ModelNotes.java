package io.aerosink.connect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.kafka.common.TopicPartition;

/**
 * What a model run did, on its clock, for the trace printed with a failure; and the small helpers both model runs
 * check and wait with. jqwik prints the schedule but not the run after it.
 */
final class ModelNotes {

    /** Partitions by topic, then number: the order traces and commits are listed in. */
    static final Comparator<TopicPartition> ORDER =
            Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition);

    private record Note(long seq, String text) {
    }

    private final List<Note> notes = new ArrayList<>();

    void add(long seq, String text) {
        notes.add(new Note(seq, text));
    }

    /** The notes with {@code more} (e.g. the server's calls) merged in, in clock order. */
    String describe(String heading, List<Object[]> more) {
        List<Note> all = new ArrayList<>(notes);
        more.forEach(m -> all.add(new Note((Long) m[0], String.valueOf(m[1]))));
        all.sort(Comparator.comparingLong(Note::seq));
        return heading + "\n" + all.stream().map(n -> "    #" + n.seq + " " + n.text).collect(Collectors.joining("\n"));
    }

    static void check(boolean holds, String failure) {
        if (!holds) {
            throw new AssertionError(failure);
        }
    }

    static void pause(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
