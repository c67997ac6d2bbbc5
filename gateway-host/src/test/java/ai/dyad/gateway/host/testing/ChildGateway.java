package ai.dyad.gateway.host.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real {@code GatewayMain} in a child JVM, on a home prepared with {@link TestGateway} (stopped), for
 * what only a process shows: signals, exit codes, what it writes to its console and log.
 */
public final class ChildGateway implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    private final Process process;
    private final List<String> stderr = new ArrayList<>();
    private final List<String> stdout = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    private ChildGateway(Process process) {
        this.process = process;
        pump(process.getErrorStream(), stderr, "child-stderr");
        pump(process.getInputStream(), stdout, "child-stdout");
    }

    /** Starts the gateway on {@code home} with {@code env}; returns once it listens. */
    public static ChildGateway start(Path home, Map<String, String> env) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow"); // XNIO still touches it; keep stderr clean
        }
        command.addAll(List.of(
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                "ai.dyad.gateway.host.GatewayMain"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        builder.environment().put("PORT", "0");
        builder.environment().put("HOST", "127.0.0.1");
        builder.environment().put("DATA_DIR", home.resolve("data").toString());
        builder.environment().put("PLUGINS_DIR", home.resolve("plugins").toString());
        builder.environment().putAll(env);
        try {
            ChildGateway child = new ChildGateway(builder.start());
            child.port.get(60, TimeUnit.SECONDS);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("the child gateway did not start", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port.join();
    }

    public Process process() {
        return process;
    }

    /** Everything the child wrote to standard error so far (its log). */
    public synchronized List<String> stderr() {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
    }

    /** Waits for the child to exit; returns its status. */
    public int awaitExit(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("the child gateway did not exit within " + limit);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private void pump(java.io.InputStream in, List<String> lines, String name) {
        Thread.ofPlatform().daemon().name(name).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException e) {
                // the child is gone
            }
            port.completeExceptionally(new IllegalStateException("child exited; stderr: " + stderr));
        });
    }
}
