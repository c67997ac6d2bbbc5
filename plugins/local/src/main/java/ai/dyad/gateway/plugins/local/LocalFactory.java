package ai.dyad.gateway.plugins.local;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;
import ai.dyad.gateway.api.config.ProviderSettings;
import ai.dyad.gateway.plugins.local.ollama.OllamaAdapter;
import ai.dyad.gateway.plugins.local.ollama.OllamaOptions;
import ai.dyad.gateway.wire.config.WireSettings;
import ai.dyad.gateway.wire.http.SharedHttpClient;
import ai.dyad.gateway.wire.http.Timeouts;
import ai.dyad.gateway.wire.http.Upstream;
import ai.dyad.gateway.wire.http.UpstreamHeaders;
import ai.dyad.gateway.wire.http.UpstreamProtocol;
import ai.dyad.gateway.wire.openai.HealthProbe;
import ai.dyad.gateway.wire.openai.OpenAiCompatibleAdapter;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * The {@code local} adapter type: a model server on this machine or the LAN. {@code flavor: ollama} speaks
 * Ollama's native API; {@code flavor: openai} the OpenAI-compatible API of llama.cpp's llama-server, vLLM,
 * LM Studio and LocalAI.
 *
 * <p>Connections time out after {@link #CONNECT_TIMEOUT}: a local server that is down must fail fast, so
 * the router can move on, instead of hanging for the OS's connect timeout. Holds the plugin's one HTTP
 * client, shared by all local providers.
 */
@Extension
public class LocalFactory implements AdapterFactory {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

    static final String FLAVOR = "flavor";
    static final String BASE_URL = "baseUrl";
    static final String KEEP_ALIVE = "keepAlive";
    static final String NUM_CTX = "numCtx";
    static final String GPU_LAYERS = "gpuLayers";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.string(
                            FLAVOR,
                            "The server's API: ollama (Ollama's native API) or openai (llama.cpp llama-server, vLLM,"
                                    + " LM Studio, LocalAI)")
                    .withDefault("ollama")
                    .oneOf("ollama", "openai"),
            ConfigField.string(
                    BASE_URL,
                    "The server's URL; defaults to http://127.0.0.1:11434 (ollama) or http://127.0.0.1:8080/v1"
                            + " (openai, with the /v1 path)"),
            WireSettings.apiKey("A bearer key, for servers started with one (llama-server --api-key, vLLM --api-key)"),
            ConfigField.string(KEEP_ALIVE, "Ollama: how long the model stays loaded after a request, such as 5m or -1"),
            ConfigField.integer(NUM_CTX, "Ollama: the context window to load the model with (option num_ctx)"),
            ConfigField.integer(GPU_LAYERS, "Ollama: how many layers to offload to the GPU (option num_gpu)"),
            WireSettings.discoverModels(true),
            WireSettings.maxTokensField("max_tokens"),
            WireSettings.includeUsage(),
            WireSettings.timeoutMs(300_000L),
            WireSettings.headers());

    private final SharedHttpClient http = new SharedHttpClient();

    @Override
    public String type() {
        return "local";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        ProviderSettings settings = context.settings();
        boolean ollama = settings.string(FLAVOR).orElse("ollama").equals("ollama");
        UpstreamHeaders headers = UpstreamHeaders.configured(settings)
                .bearer(settings.string(WireSettings.API_KEY).orElse(null));
        // The spec has no connect timeout key: the default, CONNECT_TIMEOUT, always applies.
        Timeouts timeouts = WireSettings.timeouts(settings, CONNECT_TIMEOUT.toMillis(), 300_000);
        Upstream upstream = Upstream.connect(
                settings.string(BASE_URL).orElse(ollama ? "http://127.0.0.1:11434" : "http://127.0.0.1:8080/v1"),
                UpstreamProtocol.NEGOTIATED,
                headers,
                http,
                timeouts,
                context.clock());
        boolean discover = settings.bool(WireSettings.DISCOVER_MODELS).orElse(true);
        if (ollama) {
            return new OllamaAdapter(upstream, options(settings), discover);
        }
        return OpenAiCompatibleAdapter.builder(upstream, WireSettings.encoder(settings, "max_tokens"))
                .discoverModels(discover)
                .healthProbe(HealthProbe.rootHealth("health", "models"))
                .build();
    }

    private static OllamaOptions options(ProviderSettings settings) {
        return new OllamaOptions(
                settings.string(KEEP_ALIVE).orElse(null),
                settings.integer(NUM_CTX).map(value -> count(NUM_CTX, value, 1)).orElse(null),
                settings.integer(GPU_LAYERS)
                        .map(value -> count(GPU_LAYERS, value, 0))
                        .orElse(null));
    }

    private static Integer count(String key, long value, long min) {
        if (value < min || value > Integer.MAX_VALUE) {
            throw WireSettings.invalid(key, "must be at least " + min + " (got " + value + ")");
        }
        return (int) value;
    }
}
