package ai.dyad.gateway.plugins.spawncli.run;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.plugins.spawncli.output.StreamDecoder;
import ai.dyad.gateway.plugins.spawncli.process.ProcessTree;
import ai.dyad.gateway.plugins.spawncli.process.RunMarker;
import ai.dyad.gateway.plugins.spawncli.process.StderrTail;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * One run of a CLI: the process, started directly (never through a shell), with its tree, its stop reason and
 * the readers that drain its output. {@link #stop} may be called from any thread, any number of times.
 */
public final class CliRun {

    /** How long to wait for stdout's end after the process exited before giving up on it. */
    private static final Duration DRAIN_GRACE = Duration.ofSeconds(2);

    /**
     * Output still open this long after the CLI exited means a process it left behind holds the pipes: that
     * process is then ended like the rest of the tree.
     */
    private static final Duration LEFTOVER_CHECK = Duration.ofMillis(100);

    private static final Duration STDERR_WAIT = Duration.ofMillis(500);

    private final Process process;
    private final ProcessTree tree;
    private final RunThreads threads;
    private final AtomicReference<StopReason> stopReason = new AtomicReference<>();

    private CliRun(Process process, RunMarker marker, RunThreads threads, Duration killGrace) {
        this.process = process;
        this.threads = threads;
        this.tree = new ProcessTree(process.toHandle(), marker, threads.timer(), killGrace);
    }

    /**
     * Starts the program.
     *
     * @param environment the complete environment of the child
     * @param workingDirectory nullable: the gateway's
     * @param threads run the timeout, the kill after the grace period and the output readers
     * @throws AdapterException UNAVAILABLE when the process cannot be started
     */
    public static CliRun start(
            Path executable,
            List<String> args,
            Map<String, String> environment,
            Path workingDirectory,
            RunThreads threads,
            Duration killGrace) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(executable.toString());
        command.addAll(args);
        RunMarker marker = RunMarker.random();
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put(RunMarker.VARIABLE, marker.value());
        if (workingDirectory != null) {
            if (!Files.isDirectory(workingDirectory)) {
                throw new AdapterException(
                        ErrorKind.UNAVAILABLE,
                        "working directory '" + workingDirectory + "' does not exist",
                        "working_directory_missing",
                        null,
                        null,
                        null);
            }
            builder.directory(workingDirectory.toFile());
        }
        try {
            return new CliRun(builder.start(), marker, threads, killGrace);
        } catch (IOException e) {
            throw new AdapterException(
                    ErrorKind.UNAVAILABLE,
                    "command '" + executable.getFileName() + "' could not be started: " + e.getMessage(),
                    "command_failed_to_start",
                    null,
                    null,
                    e);
        }
    }

    /** Stops the run: the first reason is kept, and the process tree gets SIGTERM, then SIGKILL after the grace. */
    public void stop(StopReason reason) {
        stopReason.compareAndSet(null, reason);
        tree.terminate();
    }

    /** Kills what is left of the tree at once; for closing the adapter. */
    public void killNow() {
        tree.kill();
    }

    /** Waits up to {@code wait} for the process to exit; whether it did. */
    public boolean awaitExit(Duration wait) throws InterruptedException {
        return process.waitFor(wait.toNanos(), TimeUnit.NANOSECONDS);
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Feeds stdin, streams stdout into the decoder and waits for the process to end. Returns once the process
     * exited and its output was read, or after a short grace when something else holds the output open.
     *
     * @param clientGone polled after every read: when true the run stops
     */
    public RunResult await(
            byte[] stdin, StreamDecoder decoder, BooleanSupplier clientGone, long maxOutputBytes, Duration timeout) {
        StderrTail stderr = StderrTail.start(process.getErrorStream(), threads.readers());
        OutputPump pump = new OutputPump(process.getInputStream(), decoder, maxOutputBytes, clientGone, this::stop);
        threads.readers().execute(pump);
        ScheduledFuture<?> timeoutTask = threads.timer()
                .schedule(
                        () -> {
                            if (process.isAlive()) {
                                stop(StopReason.TIMEOUT);
                            }
                        },
                        timeout.toNanos(),
                        TimeUnit.NANOSECONDS);
        writeStdin(stdin);
        boolean interrupted = waitForExit();
        timeoutTask.cancel(false);
        if (!pump.awaitEnd(LEFTOVER_CHECK) || !stderr.awaitEnd(LEFTOVER_CHECK)) {
            tree.terminate();
        }
        pump.awaitEnd(DRAIN_GRACE);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return new RunResult(process.exitValue(), stopReason.get(), stderr.lastLines(STDERR_WAIT), pump.error());
    }

    private void writeStdin(byte[] stdin) {
        try (OutputStream out = process.getOutputStream()) {
            out.write(stdin);
        } catch (IOException e) {
            // The CLI exited (or was stopped) without reading all of its input; its exit tells what happened.
        }
    }

    /** Waits for the process; an interrupt of the call's thread counts as a cancellation. Whether one came. */
    private boolean waitForExit() {
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
                stop(StopReason.CANCELLED);
            }
        }
    }
}
