package ai.dyad.gateway.host.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code GatewayMain} in a child JVM, on a home prepared with {@link TestGateway} (stopped), for
 * what only a process shows: signals, exit codes, what it writes to its console and log. Its standard
 * output and error go to files in the home, read as the test needs them.
 */
public final class ChildGateway implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http:(?:\\\\?/){2}127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final Path stderr;
    private final Path stdout;

    private ChildGateway(Process process, Path stderr, Path stdout) {
        this.process = process;
        this.stderr = stderr;
        this.stdout = stdout;
    }

    /** Starts the gateway on {@code home} with {@code env}; returns once it listens. */
    public static ChildGateway start(Path home, Map<String, String> env) {
        return startUntil(home, env, LISTENING);
    }

    /**
     * Starts the gateway on {@code home} with {@code env}; returns once its log matches {@code logged}, which
     * may be a line it writes while still starting.
     */
    public static ChildGateway startUntil(Path home, Map<String, String> env, Pattern logged) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // XNIO still touches it; keep stderr clean
        }
        command.addAll(
                List.of("-Xmx256m", "-cp", System.getProperty("java.class.path"), "ai.dyad.gateway.host.GatewayMain"));
        Path stderr = home.resolve("child-stderr.txt");
        Path stdout = home.resolve("child-stdout.txt");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectError(stderr.toFile())
                .redirectOutput(stdout.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().put("PORT", "0");
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("DATA_DIR", home.resolve("data").toString());
        builder.environment().put("PLUGINS_DIR", home.resolve("plugins").toString());
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            Instant giveUp = Instant.now().plusSeconds(90);
            while (Instant.now().isBefore(giveUp)) {
                if (logged.matcher(read(stderr)).find()) {
                    return new ChildGateway(process, stderr, stdout);
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("the child gateway exited: " + read(stderr));
                }
                Thread.sleep(100);
            }
            process.destroyForcibly();
            throw new IllegalStateException("the child gateway did not start: " + read(stderr));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        Matcher m = LISTENING.matcher(stderr());
        if (!m.find()) {
            throw new IllegalStateException("the child gateway does not listen yet");
        }
        return "http://127.0.0.1:" + m.group(1);
    }

    public Process process() {
        return process;
    }

    /** Everything the child wrote to standard error so far (its log). */
    public String stderr() {
        return read(stderr);
    }

    /** Everything the child wrote to standard output so far (its console). */
    public String stdout() {
        return read(stdout);
    }

    /** Waits (bounded) until the child's log contains {@code text}. */
    public boolean awaitLog(String text, Duration limit) throws InterruptedException {
        Instant giveUp = Instant.now().plus(limit);
        while (Instant.now().isBefore(giveUp)) {
            if (stderr().contains(text)) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** Waits for the child to exit; returns its status. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the child gateway did not exit within " + limit);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
