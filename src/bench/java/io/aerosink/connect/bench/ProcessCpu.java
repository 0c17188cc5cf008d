package io.aerosink.connect.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU another process has used, from Linux's counters: the whole process ({@code /proc/<pid>/stat}) and each of
 * its threads ({@code /proc/<pid>/task/<tid>/stat}), utime + stime in clock ticks of {@code getconf CLK_TCK}.
 */
final class ProcessCpu {

    /** One thread's CPU so far; {@code name} is the kernel's copy of it, its first 15 characters. */
    record ThreadCpu(String name, long nanos) {
    }

    private static final long TICK_NANOS = 1_000_000_000L / clockTicks();

    private ProcessCpu() {
    }

    /** Whole-process CPU nanoseconds so far: every thread's, those that ended included. */
    static long processNanos(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", String.valueOf(pid), "stat"))) * TICK_NANOS;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the CPU of process " + pid, e);
        }
    }

    /** CPU nanoseconds so far of each thread alive now, by thread id. */
    static Map<Long, ThreadCpu> threads(long pid) {
        Map<Long, ThreadCpu> byTid = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", String.valueOf(pid), "task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException threadEnded) {
                    continue;
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                byTid.put(Long.parseLong(task.getFileName().toString()), new ThreadCpu(name, ticks(stat) * TICK_NANOS));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list the threads of process " + pid, e);
        }
        return byTid;
    }

    /** What each thread alive at {@code after} spent since {@code before} (all of it, for a thread born since). */
    static Map<Long, ThreadCpu> spent(Map<Long, ThreadCpu> before, Map<Long, ThreadCpu> after) {
        Map<Long, ThreadCpu> spent = new HashMap<>();
        after.forEach((tid, cpu) -> {
            ThreadCpu was = before.get(tid);
            spent.put(tid, new ThreadCpu(cpu.name(), cpu.nanos() - (was == null ? 0 : was.nanos())));
        });
        return spent;
    }

    /** Fields 14 and 15 of a stat line, counted after the command name, which may hold spaces. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            try (InputStream out = getconf.getInputStream()) {
                return Long.parseLong(new String(out.readAllBytes(), StandardCharsets.US_ASCII).trim());
            }
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("getconf CLK_TCK did not answer", e);
        }
    }
}
