package ai.dyad.gateway.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution runs from one jar in {@code lib/} (the gateway and its libraries, merged): every CLI agent
 * spawn-cli starts inherits the gateway's open files and closes each one before it runs, so the gateway should
 * hold few. The merged jar must still carry what the libraries find through the class path: service files,
 * multi-release classes, web resources.
 */
@Timeout(300)
class OneJarIT {

    private static final Path DIST = Path.of(System.getProperty("dist.home"));
    private static final Pattern ADMIN_KEY = Pattern.compile("sk-dyad-[A-Za-z0-9_-]{20,}");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void servesTheDemoModelStreamsAndDocsFromOneJarAndHoldsItOpenOnlyOnce() throws Exception {
        assertThat(jarsIn(DIST.resolve("lib"))).as("lib/").hasSize(1);

        try (LaunchedGateway gateway = LaunchedGateway.start(DIST, work, Map.of())) {
            String key = adminKey(gateway.console());

            HttpResponse<String> answer = post(gateway, key, chat(false, "one jar, many libraries"));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("one jar, many libraries");

            HttpResponse<String> stream = post(gateway, key, chat(true, "streamed from one jar"));
            assertThat(stream.statusCode()).as(stream.body()).isEqualTo(200);
            assertThat(stream.headers().firstValue("content-type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.body()).contains("streamed").endsWith("data: [DONE]\n\n");

            // Swagger UI comes from a webjar's META-INF/resources, which the merge must keep.
            assertThat(get(gateway, "/docs/index.html").statusCode()).isEqualTo(200);
            assertThat(get(gateway, "/openapi.json").body()).contains("/v1/chat/completions");

            assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc to count open files");
            assertThat(openFilesUnder(gateway.pid(), DIST.resolve("lib")))
                    .as("the jar, open once by the class loader and once by the JVM's class archive")
                    .isBetween(1L, 2L);
            assertThat(gateway.stop()).isZero();
        }
    }

    private static String chat(boolean stream, String prompt) {
        return "{\"model\":\"echo\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\"" + prompt
                + "\"}]}";
    }

    private static HttpResponse<String> post(LaunchedGateway gateway, String key, String body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(gateway.uri("/v1/chat/completions"))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(LaunchedGateway gateway, String path)
            throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(gateway.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String adminKey(String console) {
        Matcher key = ADMIN_KEY.matcher(console);
        assertThat(key.find())
                .as("the first start prints an admin key:\n" + console)
                .isTrue();
        return key.group();
    }

    private static List<Path> jarsIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".jar")).toList();
        }
    }

    private static long openFilesUnder(long pid, Path folder) throws IOException {
        Path real = folder.toRealPath();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return descriptors
                    .map(OneJarIT::target)
                    .filter(target -> target != null && target.startsWith(real))
                    .count();
        }
    }

    private static Path target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor);
        } catch (IOException e) {
            return null; // closed since it was listed
        }
    }
}
