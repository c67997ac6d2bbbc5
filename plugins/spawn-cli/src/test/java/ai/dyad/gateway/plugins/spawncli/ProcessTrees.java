package ai.dyad.gateway.plugins.spawncli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Reads the pids a test CLI wrote and waits for those processes to be gone. */
final class ProcessTrees {

    private ProcessTrees() {}

    /** The pids in the file, once the CLI has written it. */
    static List<Long> awaitPids(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                return Arrays.stream(Files.readString(file).strip().split(" "))
                        .map(Long::parseLong)
                        .toList();
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the test CLI never wrote " + file);
    }

    /**
     * Waits until none of the processes lives. Killed orphans stay visible until the container's init reaps
     * them, which can take a couple of seconds here, hence the generous guard.
     */
    static void assertAllGone(List<Long> pids) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (long pid : pids) {
            while (alive(pid) && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(alive(pid)).as("process %d is still alive", pid).isFalse();
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
