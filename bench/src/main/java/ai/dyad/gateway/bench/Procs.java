package ai.dyad.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Starts the benchmark's processes with their output in log files, and stops them all at the end. */
final class Procs implements AutoCloseable {

    private final Path logs;
    private final List<Process> started = new ArrayList<>();

    Procs(Path logs) throws IOException {
        this.logs = Files.createDirectories(logs);
    }

    Process start(String name, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.redirectOutput(logs.resolve(name + ".log").toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        started.add(process);
        return process;
    }

    Path log(String name) {
        return logs.resolve(name + ".log");
    }

    /** Runs a command to its end and returns its output (which is also logged). */
    String run(String name, List<String> command, Duration timeout) throws IOException, InterruptedException {
        Process process = start(name, command, Map.of());
        if (!process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException(name + " did not finish within " + timeout);
        }
        return Files.readString(log(name));
    }

    /** How many file descriptors process {@code pid} has open; -1 where {@code /proc} cannot tell. */
    static long openDescriptors(long pid) {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            return descriptors.count();
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /**
     * How many files this process (and so each process it starts) may open: the soft limit from
     * {@code /proc/self/limits}; {@link Long#MAX_VALUE} when unlimited or where {@code /proc} cannot tell.
     */
    static long openFileLimit() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/limits"))) {
            return lines.filter(line -> line.startsWith("Max open files"))
                    .map(line ->
                            line.substring("Max open files".length()).trim().split("\\s+")[0])
                    .filter(limit -> limit.chars().allMatch(Character::isDigit))
                    .mapToLong(Long::parseLong)
                    .findFirst()
                    .orElse(Long.MAX_VALUE);
        } catch (IOException | UncheckedIOException e) {
            return Long.MAX_VALUE;
        }
    }

    /** A loopback port free right now (the OS picks it; it may be taken again before use, but rarely is). */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls an URL until it answers 2xx; returns how long that took from {@code sinceNanos}. */
    static Duration awaitHttp(String url, long sinceNanos, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                HttpURLConnection connection =
                        (HttpURLConnection) URI.create(url).toURL().openConnection();
                connection.setConnectTimeout(200);
                connection.setReadTimeout(2000);
                if (connection.getResponseCode() / 100 == 2) {
                    return Duration.ofNanos(System.nanoTime() - sinceNanos);
                }
            } catch (IOException notYet) {
                // keep polling
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(url + " did not come up within " + timeout);
    }

    /** Waits until a line containing {@code text} appears in a process's log. */
    String awaitLog(String name, String text, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : Files.readAllLines(log(name))) {
                if (line.contains(text)) {
                    return line;
                }
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(name + " never logged '" + text + "'");
    }

    /** Stops one process early (and what it started), so later scenarios do not share the CPU with it. */
    void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        started.remove(process);
    }

    @Override
    public void close() {
        for (Process process : started.reversed()) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : started) {
            try {
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
