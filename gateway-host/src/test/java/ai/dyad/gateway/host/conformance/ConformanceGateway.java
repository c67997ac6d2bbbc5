package ai.dyad.gateway.host.conformance;

import ai.dyad.gateway.host.auth.ApiKeySecrets;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.testing.TestGateway;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A real gateway whose providers forward, through the test-only {@code openai-upstream} plugin, to a WireMock
 * server playing OpenAI, plus API keys with chosen permissions. Models:
 *
 * <ul>
 *   <li>{@code gpt-4.1} and {@code org/model:v1} → upstream model {@code upstream-gpt}, every capability;
 *   <li>{@code text-embedding-3-small} → upstream model {@code upstream-embed};
 *   <li>{@code text-only} → a provider declaring no capabilities beyond plain text;
 *   <li>{@code echo} → the real spawn-cli demo provider (text only, no embeddings).
 * </ul>
 */
final class ConformanceGateway implements AutoCloseable {

    static final String CHAT_MODEL = "gpt-4.1";
    static final String UPSTREAM_CHAT_MODEL = "upstream-gpt";
    static final String EMBEDDING_MODEL = "text-embedding-3-small";
    static final String UPSTREAM_EMBEDDING_MODEL = "upstream-embed";
    static final String SLASH_COLON_MODEL = "org/model:v1";
    static final String TEXT_ONLY_MODEL = "text-only";

    final WireMockServer upstream;
    final TestGateway gateway;
    /** Secrets of the extra keys, by name. */
    final Map<String, String> keys;

    private ConformanceGateway(WireMockServer upstream, TestGateway gateway, Map<String, String> keys) {
        this.upstream = upstream;
        this.gateway = gateway;
        this.keys = keys;
    }

    /**
     * Starts WireMock and a gateway on {@code home}.
     *
     * @param extraKeys key name → permissions, for keys beyond the admin key
     */
    static ConformanceGateway start(Path home, Map<String, String> env, Map<String, Set<String>> extraKeys) {
        WireMockServer upstream = new WireMockServer(
                WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        upstream.start();
        String adminKey;
        try (TestGateway first = TestGateway.start(home, null, env)) {
            adminKey = first.adminKey();
        }
        String baseUrl = "http://127.0.0.1:" + upstream.port() + "/v1";
        Map<String, String> keys = new LinkedHashMap<>();
        try (Store store = Store.open(Optional.empty(), home.resolve("data"), Clock.systemUTC())) {
            store.providers()
                    .insert(Provider.create(
                            "openai",
                            "openai-upstream",
                            Map.of("baseUrl", baseUrl, "apiKey", "sk-upstream-test"),
                            List.of(
                                    new ProviderModel(CHAT_MODEL, UPSTREAM_CHAT_MODEL, null, true),
                                    new ProviderModel(SLASH_COLON_MODEL, UPSTREAM_CHAT_MODEL, null, true),
                                    new ProviderModel(EMBEDDING_MODEL, UPSTREAM_EMBEDDING_MODEL, null, false))));
            store.providers()
                    .insert(Provider.create(
                            "plain-text",
                            "openai-upstream",
                            Map.of("baseUrl", baseUrl, "capabilities", List.of()),
                            List.of(new ProviderModel(TEXT_ONLY_MODEL, UPSTREAM_CHAT_MODEL, null, true))));
            ApiKeySecrets secrets = new ApiKeySecrets("sk-dyad-");
            extraKeys.forEach((name, permissions) -> {
                String secret = secrets.newSecret();
                store.apiKeys()
                        .insert(new ApiKey(
                                null,
                                name,
                                secrets.visiblePrefix(secret),
                                ApiKeySecrets.hash(secret),
                                permissions,
                                true,
                                null));
                keys.put(name, secret);
            });
        }
        return new ConformanceGateway(upstream, TestGateway.start(home, adminKey, env), keys);
    }

    @Override
    public void close() {
        gateway.close();
        upstream.stop();
    }
}
