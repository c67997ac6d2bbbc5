package ai.dyad.gateway.dist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code bin/dyad-gateway} of a distribution folder, serving on a fresh data folder and an ephemeral port, in an
 * environment of its own (none of the test run's settings, no {@code .env}). The JVM logs where each class came
 * from, through {@code JDK_JAVA_OPTIONS}: the launcher leaves that variable out of its archive key, as logging does
 * not change which archive fits.
 */
final class LaunchedGateway implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path work;
    private final int port;

    private LaunchedGateway(Process process, Path work, int port) {
        this.process = process;
        this.work = work;
        this.port = port;
    }

    /** Starts the launcher of {@code home} with {@code work} as its scratch folder; {@code settings} add to its env. */
    static LaunchedGateway start(Path home, Path work, Map<String, String> settings)
            throws IOException, InterruptedException {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Stream<Path> jars = Files.list(home.resolve("plugins"))) {
            for (Path jar : jars.toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        ProcessBuilder builder = new ProcessBuilder(
                        home.resolve("bin/dyad-gateway").toString())
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("console.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", System.getenv("PATH"));
        env.put("HOME", work.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("DATA_DIR", work.resolve("data").toString());
        env.put("PLUGINS_DIR", plugins.toString());
        env.put("HOST", "127.0.0.1");
        env.put("PORT", "0");
        env.put("LOG_LEVEL", "info");
        env.put("JDK_JAVA_OPTIONS", "-Xlog:class+load=info:file=" + work.resolve("classes.log"));
        env.putAll(settings);
        Process process = builder.start();
        return new LaunchedGateway(process, work, awaitPort(process, work.resolve("console.log")));
    }

    private static int awaitPort(Process process, Path console) throws IOException, InterruptedException {
        // A hang guard only; the tests' own timeouts are the limit that counts.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            Matcher listening = LISTENING.matcher(Files.readString(console));
            if (listening.find()) {
                return Integer.parseInt(listening.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("the gateway exited before it served:\n" + Files.readString(console));
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the gateway did not serve:\n" + Files.readString(console));
    }

    /** The address of {@code path} on this gateway. */
    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** The JVM's process id: the launcher replaces itself with the JVM. */
    long pid() {
        return process.pid();
    }

    int healthStatus() throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri("/health")).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /** Whether the JVM took {@code className} from a class archive (an AOT cache or a CDS archive). */
    boolean loadedFromArchive(String className) throws IOException {
        return Files.readString(work.resolve("classes.log"), StandardCharsets.UTF_8)
                .contains(className + " source: shared objects file");
    }

    /** Stops the gateway as an orchestrator does (SIGTERM) and waits for the JVM to exit; returns its status. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the gateway did not stop");
        }
        return process.exitValue();
    }

    String console() {
        try {
            return Files.readString(work.resolve("console.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path dataDir() {
        return work.resolve("data");
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
