package ai.dyad.gateway.host.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.EchoProviders;
import ai.dyad.gateway.host.testing.RawHttp;
import ai.dyad.gateway.host.testing.TestGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures — never asserts — what the whole gateway path (auth, parsing, routing, circuit, adapter, JSON
 * answer) adds over calling the same WireMock upstream directly, in the same run, one request at a time.
 * The numbers go to stdout and to {@code target/routing-overhead.txt}.
 */
@Timeout(120)
class RoutingOverheadIT {

    private static final int WARM_UP = 300;
    private static final int MEASURED = 1_000;

    @TempDir
    static Path home;

    @Test
    void measuresTheAddedLatencyOfTheRoutingPath() throws Exception {
        WireMockServer upstream = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        upstream.start();
        upstream.stubFor(post(urlEqualTo("/bench/chat")).willReturn(aResponse().withBody("ok")));
        String base = "http://127.0.0.1:" + upstream.port() + "/bench/";
        TestGateway.seedAll(home, List.of(EchoProviders.echo("bench", base, 0, 1, null, ProviderModel.named("bench"))));
        try (TestGateway gateway = TestGateway.start(home, null, Map.of("HEALTH_CHECK_INTERVAL_MS", "0"))) {
            RawHttp viaGateway = new RawHttp(gateway.baseUrl(), gateway.adminKey());
            HttpClient direct =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest directRequest = HttpRequest.newBuilder(URI.create(base + "chat"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"model\":\"bench\",\"stream\":false,\"max_tokens\":null,\"prompt\":\"hello\"}"))
                    .build();

            for (int i = 0; i < WARM_UP; i++) {
                assertThat(viaGateway.chat("bench", false).statusCode()).isEqualTo(200);
                assertThat(send(direct, directRequest)).isEqualTo(200);
            }
            long[] gatewayNanos = new long[MEASURED];
            long[] directNanos = new long[MEASURED];
            // Interleaved, so both see the same machine load.
            for (int i = 0; i < MEASURED; i++) {
                long start = System.nanoTime();
                send(direct, directRequest);
                directNanos[i] = System.nanoTime() - start;
                start = System.nanoTime();
                viaGateway.chat("bench", false);
                gatewayNanos[i] = System.nanoTime() - start;
            }
            String report = String.format(
                    Locale.ROOT,
                    "routing overhead, %d sequential non-streaming requests after %d warm-up:%n"
                            + "  direct to WireMock: p50 %.2f ms, p90 %.2f ms, mean %.2f ms%n"
                            + "  through gateway:    p50 %.2f ms, p90 %.2f ms, mean %.2f ms%n"
                            + "  added by gateway:   p50 %.2f ms, mean %.2f ms%n",
                    MEASURED,
                    WARM_UP,
                    percentile(directNanos, 50),
                    percentile(directNanos, 90),
                    mean(directNanos),
                    percentile(gatewayNanos, 50),
                    percentile(gatewayNanos, 90),
                    mean(gatewayNanos),
                    percentile(gatewayNanos, 50) - percentile(directNanos, 50),
                    mean(gatewayNanos) - mean(directNanos));
            System.out.print(report);
            Files.writeString(Path.of("target", "routing-overhead.txt"), report);
        } finally {
            upstream.stop();
        }
    }

    private static int send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static double percentile(long[] nanos, int p) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1e6;
    }

    private static double mean(long[] nanos) {
        return Arrays.stream(nanos).average().orElse(0) / 1e6;
    }
}
