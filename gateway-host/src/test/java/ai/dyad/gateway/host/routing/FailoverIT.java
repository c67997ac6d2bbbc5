package ai.dyad.gateway.host.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.EchoProviders;
import ai.dyad.gateway.host.testing.RawHttp;
import ai.dyad.gateway.host.testing.TestGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fallback through a real gateway: two WireMock upstreams behind real http-echo providers (a primary at
 * priority 0, a backup at priority 1), one pair per scenario. MAX_RETRIES=1, so a failing primary is called
 * twice before the backup.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class FailoverIT {

    @TempDir
    static Path home;

    private final WireMockServer primary =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private final WireMockServer backup =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private TestGateway gateway;
    private RawHttp http;

    @BeforeAll
    void start() {
        primary.start();
        backup.start();
        List<String> models = List.of("m500", "mslow", "m429", "m400", "sbefore", "safter", "mdown", "jpartial");
        java.util.ArrayList<ai.dyad.gateway.host.registry.Provider> providers = new java.util.ArrayList<>();
        for (String model : models) {
            Long timeout = model.equals("mslow") ? 300L : null;
            providers.add(EchoProviders.echo(
                    model + "-primary", url(primary, model), 0, 1, timeout, ProviderModel.named(model)));
            providers.add(
                    EchoProviders.echo(model + "-backup", url(backup, model), 1, 1, null, ProviderModel.named(model)));
        }
        providers.add(EchoProviders.echo(
                "mrefused-primary", EchoProviders.refusingUrl(), 0, 1, null, ProviderModel.named("mrefused")));
        providers.add(EchoProviders.echo(
                "mrefused-backup", url(backup, "mrefused"), 1, 1, null, ProviderModel.named("mrefused")));
        TestGateway.seedAll(home, providers);
        gateway = TestGateway.start(
                home,
                null,
                Map.of(
                        "MAX_RETRIES", "1",
                        "HEALTH_CHECK_INTERVAL_MS", "0",
                        "CIRCUIT_BREAKER_THRESHOLD", "50"));
        http = new RawHttp(gateway.baseUrl(), gateway.adminKey());
        for (String model :
                List.of("m500", "mslow", "m429", "m400", "sbefore", "safter", "mdown", "mrefused", "jpartial")) {
            backup.stubFor(post(urlEqualTo("/" + model + "/chat"))
                    .willReturn(
                            aResponse().withHeader("content-type", "text/plain").withBody("from backup")));
        }
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        primary.stop();
        backup.stop();
    }

    @Test
    void fallsBackOnA500AfterRetryingThePrimary() {
        primary.stubFor(post(urlEqualTo("/m500/chat"))
                .willReturn(aResponse().withStatus(500).withBody("boom")));
        HttpResponse<String> response = http.chat("m500", false);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from backup");
        assertThat(header(response, "x-dyad-provider")).isEqualTo("m500-backup");
        assertThat(header(response, "x-dyad-fallbacks")).isEqualTo("m500-primary=upstream_error");
        assertThat(calls(primary, "m500")).isEqualTo(2);
    }

    @Test
    void fallsBackWhenThePrimaryTimesOut() {
        primary.stubFor(post(urlEqualTo("/mslow/chat"))
                .willReturn(aResponse().withFixedDelay(3_000).withBody("too late")));
        HttpResponse<String> response = http.chat("mslow", false);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from backup").doesNotContain("too late");
        assertThat(header(response, "x-dyad-fallbacks")).isEqualTo("mslow-primary=timeout");
    }

    @Test
    void fallsBackWhenThePrimaryRefusesConnections() {
        HttpResponse<String> response = http.chat("mrefused", false);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("from backup");
        assertThat(header(response, "x-dyad-provider")).isEqualTo("mrefused-backup");
        assertThat(header(response, "x-dyad-fallbacks")).isEqualTo("mrefused-primary=provider_unavailable");
    }

    @Test
    void honoursRetryAfterThenFallsBackAndSkipsTheBusyPrimaryAfterwards() {
        primary.stubFor(post(urlEqualTo("/m429/chat"))
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "1"))
                .willSetStateTo("very busy"));
        primary.stubFor(post(urlEqualTo("/m429/chat"))
                .inScenario("busy")
                .whenScenarioStateIs("very busy")
                .willReturn(aResponse().withStatus(429).withHeader("retry-after", "30")));

        HttpResponse<String> first = http.chat("m429", false);
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("from backup");
        assertThat(header(first, "x-dyad-fallbacks")).isEqualTo("m429-primary=provider_rate_limited");
        List<LoggedRequest> tries = primary.findAll(postRequestedFor(urlEqualTo("/m429/chat")));
        assertThat(tries).hasSize(2);
        // The retry waited at least the upstream's retry-after (a lower bound, not a speed check).
        assertThat(Duration.between(
                        tries.get(0).getLoggedDate().toInstant(),
                        tries.get(1).getLoggedDate().toInstant()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(990));

        // The primary asked for 30 s: the next request does not call it at all.
        HttpResponse<String> second = http.chat("m429", false);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(header(second, "x-dyad-fallbacks")).isEqualTo("m429-primary=provider_rate_limited");
        assertThat(calls(primary, "m429")).isEqualTo(2);
    }

    @Test
    void returnsABadRequestStraightAwayWithoutFallingBack() {
        primary.stubFor(post(urlEqualTo("/m400/chat"))
                .willReturn(aResponse().withStatus(400).withBody("bad temperature")));
        HttpResponse<String> response = http.chat("m400", false);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body())
                .contains("\"type\":\"invalid_request_error\"")
                .contains("bad temperature");
        assertThat(calls(primary, "m400")).isEqualTo(1);
        assertThat(calls(backup, "m400")).isZero();
    }

    @Test
    void reportsTheLastFailureWhenEveryProviderFails() {
        primary.stubFor(post(urlEqualTo("/mdown/chat")).willReturn(aResponse().withStatus(500)));
        backup.stubFor(post(urlEqualTo("/mdown/chat")).willReturn(aResponse().withStatus(503)));
        HttpResponse<String> response = http.chat("mdown", false);
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"provider_unavailable\"");
        assertThat(header(response, "x-dyad-fallbacks"))
                .isEqualTo("mdown-primary=upstream_error, mdown-backup=provider_unavailable");
        assertThat(calls(primary, "mdown")).isEqualTo(2);
        assertThat(calls(backup, "mdown")).isEqualTo(2);
    }

    @Test
    void aJsonAnswerFallsBackWithoutKeepingTheFailedAttemptsText() {
        primary.stubFor(post(urlEqualTo("/jpartial/chat"))
                .willReturn(aResponse()
                        .withHeader("content-type", "text/event-stream")
                        .withBody("data: half an answer\n\n")));
        HttpResponse<String> response = http.chat("jpartial", false);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"content\":\"from backup\"").doesNotContain("half an answer");
        assertThat(header(response, "x-dyad-provider")).isEqualTo("jpartial-backup");
    }

    @Test
    void aStreamThatFailsBeforeItsFirstByteFallsBack() {
        primary.stubFor(post(urlEqualTo("/sbefore/chat")).willReturn(aResponse().withStatus(502)));
        backup.stubFor(post(urlEqualTo("/sbefore/chat"))
                .willReturn(aResponse()
                        .withHeader("content-type", "text/event-stream")
                        .withBody("data: hello\n\ndata:  world\n\ndata: [DONE]\n\n")));
        HttpResponse<String> response = http.chat("sbefore", true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "x-dyad-provider")).isEqualTo("sbefore-backup");
        assertThat(header(response, "x-dyad-fallbacks")).isEqualTo("sbefore-primary=upstream_error");
        assertThat(response.body())
                .contains("\"content\":\"hello\"")
                .contains("\"content\":\" world\"")
                .doesNotContain("\"error\"")
                .endsWith("data: [DONE]\n\n");

        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream =
                gateway.openAi().chat().completions().createStreaming(params("sbefore"))) {
            stream.stream().forEach(chunk -> chunk.choices()
                    .forEach(c -> text.append(c.delta().content().orElse(""))));
        }
        assertThat(text).hasToString("hello world");
    }

    @Test
    void aStreamThatFailsAfterItsFirstByteEndsWithAnErrorEventAndDone() {
        primary.stubFor(post(urlEqualTo("/safter/chat"))
                .willReturn(aResponse()
                        .withHeader("content-type", "text/event-stream")
                        .withBody("data: partial\n\n")));
        HttpResponse<String> response = http.chat("safter", true);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(header(response, "x-dyad-provider")).isEqualTo("safter-primary");
        String body = response.body();
        assertThat(body).contains("\"content\":\"partial\"");
        int error = body.indexOf("data: {\"error\":");
        assertThat(error).isGreaterThan(body.indexOf("partial"));
        assertThat(body.substring(error))
                .contains("\"code\":\"upstream_error\"")
                .endsWith("data: [DONE]\n\n");
        assertThat(calls(backup, "safter")).isZero();

        // The official SDK sees the error instead of hanging or ending silently.
        Throwable thrown = catchThrowable(() -> {
            try (StreamResponse<ChatCompletionChunk> stream =
                    gateway.openAi().chat().completions().createStreaming(params("safter"))) {
                stream.stream().forEach(chunk -> {});
            }
        });
        assertThat(thrown).isInstanceOf(OpenAIException.class);
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("hello")
                .build();
    }

    private static String url(WireMockServer server, String prefix) {
        return "http://127.0.0.1:" + server.port() + "/" + prefix + "/";
    }

    static int calls(WireMockServer server, String prefix) {
        return server.findAll(postRequestedFor(urlEqualTo("/" + prefix + "/chat")))
                .size();
    }

    static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }
}
