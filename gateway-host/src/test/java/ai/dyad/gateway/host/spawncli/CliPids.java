package ai.dyad.gateway.host.spawncli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The pids the {@code silent-tree} test CLI wrote (itself and its grandchild), one file per run. */
final class CliPids {

    private CliPids() {}

    static List<Long> all(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> !file.toString().endsWith(".tmp"))
                    .flatMap(file -> Arrays.stream(read(file).strip().split(" ")))
                    .map(Long::parseLong)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether the process still runs. A zombie counts as dead: it has exited, and an orphan's zombie waits for
     * init to reap it, which some container inits do only every second or two.
     */
    static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false; // gone meanwhile
        }
    }

    static boolean anyAlive(Path folder) {
        return all(folder).stream().anyMatch(CliPids::alive);
    }

    /** Waits (polling every millisecond) until every recorded process is gone; the ms since {@code since}. */
    static double awaitDeath(Path folder, long since, java.time.Duration guard) {
        while (anyAlive(folder)) {
            if (System.nanoTime() - since > guard.toNanos()) {
                throw new AssertionError("processes still alive after " + guard + ": " + all(folder));
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        return (System.nanoTime() - since) / 1e6;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
