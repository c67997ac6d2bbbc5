package ai.dyad.gateway.host.routing;

import static ai.dyad.gateway.host.routing.FailoverIT.header;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.EchoProviders;
import ai.dyad.gateway.host.testing.RawHttp;
import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Aliases, wildcards, weighted load balancing and live registry changes, through a real gateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class RoutingIT {

    @TempDir
    static Path home;

    private final ObjectMapper json = new ObjectMapper();
    private final WireMockServer a =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(80));
    private final WireMockServer b =
            new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(80));
    private final WireMockServer c = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    private TestGateway gateway;
    private RawHttp http;

    @BeforeAll
    void start() {
        a.start();
        b.start();
        c.start();
        TestGateway.seedAll(
                home,
                List.of(
                        EchoProviders.echo(
                                "llama-local",
                                url(c, "llama"),
                                0,
                                1,
                                null,
                                new ProviderModel("llama3:8b", "llama3-8b-q4", null, true)),
                        EchoProviders.echo(
                                "claude-any",
                                url(c, "claude"),
                                0,
                                1,
                                null,
                                new ProviderModel("claude-*", null, null, true)),
                        EchoProviders.echo("heavy", url(a, "split"), 0, 3, null, ProviderModel.named("split")),
                        EchoProviders.echo("light", url(b, "split"), 0, 1, null, ProviderModel.named("split")),
                        EchoProviders.echo("old", url(a, "live"), 1, 1, null, ProviderModel.named("live"))));
        for (WireMockServer server : List.of(a, b, c)) {
            server.stubFor(post(urlEqualTo("/llama/chat"))
                    .willReturn(
                            aResponse().withHeader("content-type", "text/plain").withBody("llama says hi")));
            server.stubFor(post(urlEqualTo("/claude/chat"))
                    .willReturn(
                            aResponse().withHeader("content-type", "text/plain").withBody("claude says hi")));
            server.stubFor(
                    post(urlEqualTo("/split/chat")).willReturn(aResponse().withBody("ok")));
            server.stubFor(post(urlEqualTo("/live/chat")).willReturn(aResponse().withBody("ok")));
        }
        gateway = TestGateway.start(home, null, Map.of("HEALTH_CHECK_INTERVAL_MS", "0"));
        http = new RawHttp(gateway.baseUrl(), gateway.adminKey());
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        a.stop();
        b.stop();
        c.stop();
    }

    @Test
    void resolvesAnAliasSetThroughTheAdminApiAndForgetsItWhenDeleted() throws Exception {
        HttpResponse<String> put = http.send("PUT", "/admin/aliases/fast", "{\"target\":\"llama3:8b\"}");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(json.readTree(put.body()).path("target").asText()).isEqualTo("llama3:8b");
        assertThat(http.get("/admin/aliases").body()).contains("\"alias\":\"fast\"");

        HttpResponse<String> chat = http.chat("fast", false);
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(header(chat, "x-dyad-provider")).isEqualTo("llama-local");
        JsonNode completion = json.readTree(chat.body());
        assertThat(completion.at("/choices/0/message/content").asText()).isEqualTo("llama says hi");
        assertThat(completion.path("model").asText()).isEqualTo("fast");
        assertThat(c.findAll(postRequestedFor(urlEqualTo("/llama/chat"))
                        .withRequestBody(equalToJson("{\"model\":\"llama3-8b-q4\"}", true, true))))
                .isNotEmpty();

        assertThat(http.send("DELETE", "/admin/aliases/fast", null).statusCode())
                .isEqualTo(204);
        assertThat(http.chat("fast", false).statusCode()).isEqualTo(404);
        assertThat(http.send("DELETE", "/admin/aliases/fast", null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void passesTheRequestedNameThroughAWildcardProviderAndAnAliasOntoIt() throws Exception {
        HttpResponse<String> chat = http.chat("claude-sonnet-4-5", false);
        assertThat(chat.statusCode()).isEqualTo(200);
        assertThat(header(chat, "x-dyad-provider")).isEqualTo("claude-any");
        assertThat(c.findAll(postRequestedFor(urlEqualTo("/claude/chat"))
                        .withRequestBody(equalToJson("{\"model\":\"claude-sonnet-4-5\"}", true, true))))
                .hasSize(1);

        assertThat(http.send("PUT", "/admin/aliases/smart", "{\"target\":\"claude-opus-4\"}")
                        .statusCode())
                .isEqualTo(200);
        assertThat(http.chat("smart", false).statusCode()).isEqualTo(200);
        assertThat(c.findAll(postRequestedFor(urlEqualTo("/claude/chat"))
                        .withRequestBody(equalToJson("{\"model\":\"claude-opus-4\"}", true, true))))
                .hasSize(1);

        JsonNode resolved =
                json.readTree(http.get("/admin/routing/resolve?model=smart").body());
        assertThat(resolved.path("model").asText()).isEqualTo("claude-opus-4");
        assertThat(resolved.at("/candidates/0/name").asText()).isEqualTo("claude-any");
        assertThat(resolved.at("/candidates/0/adapterModelId").asText()).isEqualTo("claude-opus-4");

        JsonNode view = json.readTree(http.get("/admin/routing").body());
        assertThat(view.path("aliases").path("smart").asText()).isEqualTo("claude-opus-4");
        assertThat(view.at("/patterns/0/pattern").asText()).isEqualTo("claude-*");
        assertThat(view.path("models").toString()).contains("\"model\":\"llama3:8b\"");
        // A pattern is not a model clients can list.
        assertThat(http.get("/v1/models").body()).doesNotContain("claude-*");
    }

    @Test
    void refusesBadAliases() {
        assertThat(http.send("PUT", "/admin/aliases/bad*name", "{\"target\":\"llama3:8b\"}")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> missing = http.send("PUT", "/admin/aliases/nothing", "{}");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("\"param\":\"target\"");
        assertThat(http.send("PUT", "/admin/aliases/self", "{\"target\":\"self\"}")
                        .statusCode())
                .isEqualTo(400);
        HttpResponse<String> shadow = http.send("PUT", "/admin/aliases/llama3:8b", "{\"target\":\"split\"}");
        assertThat(shadow.statusCode()).isEqualTo(409);
        assertThat(shadow.body()).contains("alias_conflicts_with_model");
        assertThat(http.send("PUT", "/admin/aliases/x", "not json").statusCode())
                .isEqualTo(400);
        assertThat(http.get("/admin/routing/resolve").statusCode()).isEqualTo(400);
    }

    @Test
    void splitsEqualPriorityTrafficByWeight() throws Exception {
        Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
        List<Integer> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 1_000; i++) {
                clients.execute(() -> {
                    HttpResponse<String> response = http.chat("split", false);
                    if (response.statusCode() != 200) {
                        failures.add(response.statusCode());
                    }
                    served.computeIfAbsent(header(response, "x-dyad-provider"), k -> new AtomicInteger())
                            .incrementAndGet();
                });
            }
        }
        assertThat(failures).isEmpty();
        // Weights 3:1 → 750 expected; ±60 is more than four standard deviations of the binomial.
        assertThat(served.get("heavy").get()).isBetween(690, 810);
        assertThat(served.get("heavy").get() + served.get("light").get()).isEqualTo(1_000);
    }

    @Test
    void reroutesOnARegistryChangeWithoutFailingRequestsInFlight() throws Exception {
        b.stubFor(post(urlEqualTo("/live-new/chat")).willReturn(aResponse().withBody("ok")));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean reloaded = new AtomicBoolean();
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicInteger total = new AtomicInteger();
        AtomicInteger afterReload = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(50)) {
            for (int i = 0; i < 50; i++) {
                clients.add(pool.submit(() -> {
                    while (!stop.get()) {
                        boolean startedAfterReload = reloaded.get();
                        HttpResponse<String> response = http.chat("live", false);
                        total.incrementAndGet();
                        String provider = header(response, "x-dyad-provider");
                        if (response.statusCode() != 200) {
                            problems.add(response.statusCode() + " " + response.body());
                        } else if (startedAfterReload && !"new".equals(provider)) {
                            problems.add("served by " + provider + " after the reload");
                        }
                        if (startedAfterReload) {
                            afterReload.incrementAndGet();
                        }
                    }
                }));
            }
            awaitAtLeast(total, 200);
            gateway.gateway()
                    .store()
                    .providers()
                    .insert(EchoProviders.echo("new", url(b, "live-new"), 0, 1, null, ProviderModel.named("live")));
            gateway.gateway().providers().reload();
            reloaded.set(true);
            awaitAtLeast(afterReload, 200);
            stop.set(true);
            for (Future<?> client : clients) {
                client.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(problems).isEmpty();
        // Calls that failed because the change retired their adapter are not the provider's fault.
        assertThat(json.readTree(http.get("/admin/providers/old/circuit").body())
                        .path("failedCalls")
                        .asInt())
                .isZero();
        assertThat(b.findAll(postRequestedFor(urlEqualTo("/live-new/chat")))).hasSizeGreaterThanOrEqualTo(200);
        assertThat(a.findAll(postRequestedFor(urlEqualTo("/live/chat")))).hasSizeGreaterThanOrEqualTo(200);
    }

    private static void awaitAtLeast(AtomicInteger counter, int count) throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (counter.get() < count && System.nanoTime() < giveUp) {
            Thread.sleep(20);
        }
    }

    private static String url(WireMockServer server, String prefix) {
        return "http://127.0.0.1:" + server.port() + "/" + prefix + "/";
    }
}
