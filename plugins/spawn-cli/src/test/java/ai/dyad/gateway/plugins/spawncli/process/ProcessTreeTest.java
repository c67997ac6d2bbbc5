package ai.dyad.gateway.plugins.spawncli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: a shell with a grandchild, killed as a tree. */
class ProcessTreeTest {

    @TempDir
    Path dir;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void sigtermEndsTheProcessAndItsGrandchild() throws Exception {
        Process shell = start("sleep 300 & echo $! > " + dir.resolve("pid") + "; wait");
        ProcessHandle grandchild = awaitPid();

        new ProcessTree(shell.toHandle(), RunMarker.random(), timer, Duration.ofMinutes(5)).terminate();

        assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
        awaitGone(grandchild);
    }

    @Test
    void sigkillFollowsForATreeThatIgnoresSigterm() throws Exception {
        Process shell = start("trap '' TERM; sleep 300 & echo $! > " + dir.resolve("pid") + "; wait");
        ProcessHandle grandchild = awaitPid();
        ProcessTree tree = new ProcessTree(shell.toHandle(), RunMarker.random(), timer, Duration.ofMillis(300));

        tree.terminate();

        // Both ignore SIGTERM (the grandchild inherited that), so only the SIGKILL after the grace ends them.
        assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
        awaitGone(grandchild);
        // The grandchild ignores SIGTERM, so only the SIGKILL ended it. The shell either got its own SIGKILL
        // (137) or saw its child die first and exited normally: a race on a busy machine, both are fine.
        assertThat(shell.exitValue()).isIn(0, 128 + 9);
    }

    @Test
    void listsDescendantsDeepestFirst() throws Exception {
        Process shell = start("sh -c 'sleep 300 & echo $! > " + dir.resolve("pid") + "; wait' & wait");
        ProcessHandle sleeper = awaitPid();

        List<ProcessHandle> order = ProcessTree.deepestFirst(shell.toHandle());

        assertThat(order).first().isEqualTo(sleeper);
        assertThat(order).hasSize(2);
        new ProcessTree(shell.toHandle(), RunMarker.random(), timer, Duration.ofMillis(100)).kill();
        awaitGone(sleeper);
    }

    @Test
    void findsAnOrphanByItsMarkerAfterItsParentIsGone() throws Exception {
        RunMarker marker = RunMarker.random();
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", "sleep 300 & echo $! > " + dir.resolve("pid"));
        builder.environment().put(RunMarker.VARIABLE, marker.value());
        Process shell = builder.start();
        ProcessHandle orphan = awaitPid();
        assertThat(shell.waitFor(30, TimeUnit.SECONDS)).isTrue();
        // The shell is gone: no walk from it finds the sleep any more, its marker does.
        assertThat(shell.toHandle().descendants().toList()).isEmpty();
        assertThat(marker.findProcesses()).containsExactly(orphan);
        assertThat(RunMarker.random().findProcesses()).isEmpty();

        new ProcessTree(shell.toHandle(), marker, timer, Duration.ofMinutes(5)).terminate();

        awaitGone(orphan);
    }

    private Process start(String script) throws Exception {
        // The test's own helper may use a shell; the adapter never does.
        return new ProcessBuilder("/bin/sh", "-c", script).start();
    }

    private ProcessHandle awaitPid() throws Exception {
        Path pidFile = dir.resolve("pid");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Files.exists(pidFile) && !Files.readString(pidFile).isBlank()) {
                return ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()))
                        .orElseThrow();
            }
            Thread.sleep(10);
        }
        throw new AssertionError("the shell never wrote its pid");
    }

    static void awaitGone(ProcessHandle process) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(process.isAlive())
                .as("process %d still alive", process.pid())
                .isFalse();
    }
}
