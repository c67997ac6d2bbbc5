package ai.dyad.gateway.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The CPU time a process has used so far (user + system, from /proc), without its JIT compiler threads'.
 * On this shared machine throughput swings with everyone else's load, while the CPU a request costs stays
 * much steadier; and a JVM still compiling would otherwise charge its compile time to the requests.
 */
final class CpuTime {

    /** Linux reports CPU times in clock ticks of 1/100 s (USER_HZ). */
    private static final long MICROS_PER_TICK = 10_000;

    private CpuTime() {}

    /** Microseconds of CPU the process has used, minus what its live JIT compiler threads used. */
    static long micros(long pid) throws IOException {
        Path proc = Path.of("/proc", String.valueOf(pid));
        // The process' own total keeps the time of threads that have ended (virtual-thread carriers come
        // and go); the compiler threads are then taken off.
        long ticks = ticks(proc.resolve("stat"));
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(proc.resolve("task"))) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm")).strip();
                    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                        ticks -= ticks(thread.resolve("stat"));
                    }
                } catch (NoSuchFileException ended) {
                    // the thread ended while being read
                }
            }
        }
        return ticks * MICROS_PER_TICK;
    }

    /** utime + stime: fields 14 and 15 of a stat line, counted after the parenthesised name. */
    private static long ticks(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
