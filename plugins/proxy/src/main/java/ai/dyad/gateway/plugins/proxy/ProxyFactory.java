package ai.dyad.gateway.plugins.proxy;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;
import ai.dyad.gateway.api.config.ProviderSettings;
import ai.dyad.gateway.wire.config.WireSettings;
import ai.dyad.gateway.wire.http.SharedHttpClient;
import ai.dyad.gateway.wire.http.Upstream;
import ai.dyad.gateway.wire.http.UpstreamHeaders;
import ai.dyad.gateway.wire.openai.OpenAiCompatibleAdapter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.pf4j.Extension;

/**
 * The {@code proxy} adapter type: another OpenAI-compatible gateway upstream (LiteLLM, Portkey, OpenRouter,
 * another Dyad Gateway). Requests go out as the client sent them, streams come back chunk by chunk, and
 * the upstream's errors keep their status, message, type and code.
 *
 * <p>Holds the plugin's one HTTP client, shared by all proxy providers.
 */
@Extension
public class ProxyFactory implements AdapterFactory {

    static final String ENDPOINT = "endpoint";
    static final String PRESERVE_HEADERS = "preserveHeaders";
    /** Always known to the adapter (the host's request id), whether or not the client sent one. */
    static final String REQUEST_ID = "x-request-id";

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.string(ENDPOINT, "The upstream gateway's OpenAI base URL, including /v1")
                    .asRequired(),
            WireSettings.apiKey("The key for the upstream gateway, sent as a bearer token"),
            ConfigField.stringList(
                    PRESERVE_HEADERS,
                    "Client request headers to forward upstream (an allowlist); credentials such as"
                            + " Authorization and hop-by-hop headers are never forwarded"),
            WireSettings.discoverModels(false),
            WireSettings.maxTokensField("max_tokens"),
            WireSettings.includeUsage(),
            WireSettings.timeoutMs(600_000L),
            WireSettings.connectTimeoutMs(10_000L),
            WireSettings.http2PriorKnowledge(),
            WireSettings.headers());

    private final SharedHttpClient http = new SharedHttpClient();

    @Override
    public String type() {
        return "proxy";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        ProviderSettings settings = context.settings();
        UpstreamHeaders headers = UpstreamHeaders.configured(settings)
                .bearer(settings.string(WireSettings.API_KEY).orElse(null));
        Upstream upstream = Upstream.connect(
                settings.string(ENDPOINT).orElseThrow(),
                WireSettings.protocol(settings),
                headers,
                http,
                WireSettings.timeouts(settings, 10_000, 600_000),
                context.clock());
        return OpenAiCompatibleAdapter.builder(upstream, WireSettings.encoder(settings, "max_tokens"))
                .discoverModels(settings.bool(WireSettings.DISCOVER_MODELS).orElse(false))
                .callHeaders(forwardedHeaders(settings.stringList(PRESERVE_HEADERS), context))
                .build();
    }

    /**
     * The per-call headers to forward: the allowlisted client headers the host passes on (it never passes
     * credentials or hop-by-hop headers), plus the request id, which the host always knows.
     */
    private static Function<CallContext, Map<String, String>> forwardedHeaders(
            List<String> allowed, AdapterContext context) {
        List<String> names = allowed.stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .distinct()
                .toList();
        if (names.contains("authorization")) {
            context.logger()
                    .log(
                            System.Logger.Level.WARNING,
                            "provider {0}: the client''s Authorization header is never forwarded",
                            context.providerName());
        }
        return call -> {
            Map<String, String> headers = new LinkedHashMap<>();
            for (String name : names) {
                if (name.equals(REQUEST_ID)) {
                    headers.put(REQUEST_ID, call.requestId());
                } else {
                    call.clientHeader(name).ifPresent(value -> headers.put(name, value));
                }
            }
            return headers;
        };
    }
}
