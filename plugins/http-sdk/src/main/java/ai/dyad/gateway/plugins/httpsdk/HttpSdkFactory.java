package ai.dyad.gateway.plugins.httpsdk;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;
import ai.dyad.gateway.api.config.ProviderSettings;
import ai.dyad.gateway.plugins.httpsdk.anthropic.AnthropicAdapter;
import ai.dyad.gateway.wire.config.WireSettings;
import ai.dyad.gateway.wire.http.SharedHttpClient;
import ai.dyad.gateway.wire.http.Upstream;
import ai.dyad.gateway.wire.http.UpstreamHeaders;
import ai.dyad.gateway.wire.http.UpstreamProtocol;
import ai.dyad.gateway.wire.openai.OpenAiCompatibleAdapter;
import org.pf4j.Extension;

/**
 * The {@code http-sdk} adapter type: a vendor's HTTP API, either OpenAI's (and every OpenAI-compatible
 * vendor's) passed through, or Anthropic's Messages API translated both ways.
 *
 * <p>Holds the plugin's one HTTP client, so that all providers of this type share a connection pool; the
 * client is built with the first provider and shut down with the last.
 */
@Extension
public class HttpSdkFactory implements AdapterFactory {

    static final String VENDOR = "vendor";
    static final String BASE_URL = "baseUrl";
    static final String ANTHROPIC_VERSION = "anthropicVersion";
    static final String DEFAULT_MAX_TOKENS = "defaultMaxTokens";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.string(
                            VENDOR,
                            "The API the vendor speaks: openai (OpenAI and any OpenAI-compatible vendor) or anthropic"
                                    + " (the Messages API)")
                    .withDefault("openai")
                    .oneOf("openai", "anthropic"),
            ConfigField.string(
                    BASE_URL,
                    "The API base URL including its version path; defaults to https://api.openai.com/v1 or"
                            + " https://api.anthropic.com/v1 by vendor"),
            WireSettings.apiKey("The vendor API key, sent as a bearer token (openai) or x-api-key (anthropic)")
                    .asRequired(),
            ConfigField.string(ANTHROPIC_VERSION, "The anthropic-version header (vendor anthropic)")
                    .withDefault("2023-06-01"),
            ConfigField.integer(
                            DEFAULT_MAX_TOKENS,
                            "The max_tokens sent to Anthropic, which requires one, when the client gives none")
                    .withDefault(4096L),
            WireSettings.maxTokensField("max_completion_tokens"),
            WireSettings.includeUsage(),
            WireSettings.discoverModels(false),
            WireSettings.timeoutMs(600_000L),
            WireSettings.connectTimeoutMs(10_000L),
            WireSettings.headers());

    private final SharedHttpClient http = new SharedHttpClient();

    @Override
    public String type() {
        return "http-sdk";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        ProviderSettings settings = context.settings();
        String apiKey = settings.string(WireSettings.API_KEY).orElseThrow();
        boolean discover = settings.bool(WireSettings.DISCOVER_MODELS).orElse(false);
        if (settings.string(VENDOR).orElse("openai").equals("anthropic")) {
            int maxTokens = defaultMaxTokens(settings); // checked before connecting, which leases the shared client
            UpstreamHeaders headers = UpstreamHeaders.configured(settings)
                    .secret("x-api-key", apiKey)
                    .plain(
                            "anthropic-version",
                            settings.string(ANTHROPIC_VERSION).orElse("2023-06-01"));
            return new AnthropicAdapter(connect(context, headers, "https://api.anthropic.com/v1"), maxTokens, discover);
        }
        UpstreamHeaders headers = UpstreamHeaders.configured(settings).bearer(apiKey);
        return OpenAiCompatibleAdapter.builder(
                        connect(context, headers, "https://api.openai.com/v1"),
                        WireSettings.encoder(settings, "max_completion_tokens"))
                .discoverModels(discover)
                .build();
    }

    private Upstream connect(AdapterContext context, UpstreamHeaders headers, String defaultBaseUrl) {
        ProviderSettings settings = context.settings();
        return Upstream.connect(
                settings.string(BASE_URL).orElse(defaultBaseUrl),
                UpstreamProtocol.NEGOTIATED,
                headers,
                http,
                WireSettings.timeouts(settings, 10_000, 600_000),
                context.clock());
    }

    private static int defaultMaxTokens(ProviderSettings settings) {
        long maxTokens = settings.integer(DEFAULT_MAX_TOKENS).orElse(4096L);
        if (maxTokens < 1 || maxTokens > Integer.MAX_VALUE) {
            throw WireSettings.invalid(DEFAULT_MAX_TOKENS, "must be a positive token count (got " + maxTokens + ")");
        }
        return (int) maxTokens;
    }
}
