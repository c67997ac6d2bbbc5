package ai.dyad.gateway.wire.config;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ProviderSettings;
import ai.dyad.gateway.wire.http.Timeouts;
import ai.dyad.gateway.wire.http.UpstreamProtocol;
import ai.dyad.gateway.wire.openai.OpenAiRequestEncoder;

/**
 * The config keys every HTTP adapter type shares, declared once so that their names, types and meaning
 * match across plugins; each plugin chooses the defaults that suit its backends.
 */
public final class WireSettings {

    public static final String API_KEY = "apiKey";
    public static final String TIMEOUT_MS = "timeoutMs";
    public static final String CONNECT_TIMEOUT_MS = "connectTimeoutMs";
    public static final String DISCOVER_MODELS = "discoverModels";
    public static final String HEADERS = "headers";
    public static final String MAX_TOKENS_FIELD = "maxTokensField";
    public static final String INCLUDE_USAGE = "includeUsage";
    public static final String HTTP2_PRIOR_KNOWLEDGE = "http2PriorKnowledge";

    private WireSettings() {}

    public static ConfigField apiKey(String description) {
        return ConfigField.string(API_KEY, description).asSecret();
    }

    public static ConfigField timeoutMs(long defaultMillis) {
        return ConfigField.integer(
                        TIMEOUT_MS,
                        "Milliseconds the upstream may stay silent: before its answer starts and between two pieces"
                                + " of a stream. The call's own deadline still applies.")
                .withDefault(defaultMillis);
    }

    public static ConfigField connectTimeoutMs(long defaultMillis) {
        return ConfigField.integer(
                        CONNECT_TIMEOUT_MS,
                        "Milliseconds to wait for a connection; short, so a down upstream fails fast")
                .withDefault(defaultMillis);
    }

    public static ConfigField discoverModels(boolean defaultValue) {
        return ConfigField.bool(DISCOVER_MODELS, "Whether to offer the models the upstream lists itself")
                .withDefault(defaultValue);
    }

    public static ConfigField headers() {
        return ConfigField.stringMap(
                        HEADERS,
                        "Extra headers sent with every upstream request, such as OpenAI-Organization or"
                                + " anthropic-beta; masked like a secret")
                .asSecret();
    }

    public static ConfigField maxTokensField(String defaultValue) {
        return ConfigField.string(
                        MAX_TOKENS_FIELD,
                        "The name the token limit is sent under: max_tokens (every compatible server) or"
                                + " max_completion_tokens (OpenAI's reasoning models)")
                .withDefault(defaultValue)
                .oneOf("max_tokens", "max_completion_tokens");
    }

    public static ConfigField includeUsage() {
        return ConfigField.bool(
                        INCLUDE_USAGE,
                        "Whether streamed requests ask for token usage (stream_options.include_usage); turn off"
                                + " for servers that reject stream_options")
                .withDefault(true);
    }

    public static ConfigField http2PriorKnowledge() {
        return ConfigField.bool(
                        HTTP2_PRIOR_KNOWLEDGE,
                        "Whether to speak HTTP/2 from the first byte (h2c) to an http:// upstream that accepts it,"
                                + " such as another Dyad Gateway, Envoy or nginx with http2 on: concurrent calls share one connection"
                                + " instead of holding a socket each, for many long streams; a single call takes"
                                + " a little longer. https upstreams negotiate HTTP/2 by themselves.")
                .withDefault(false);
    }

    /** How calls reach the upstream. */
    public static UpstreamProtocol protocol(ProviderSettings settings) {
        return settings.bool(HTTP2_PRIOR_KNOWLEDGE).orElse(false) ? UpstreamProtocol.H2C : UpstreamProtocol.NEGOTIATED;
    }

    /** The timeouts; a value below 1 ms is rejected. */
    public static Timeouts timeouts(ProviderSettings settings, long defaultConnectMillis, long defaultReadMillis) {
        long connect = settings.integer(CONNECT_TIMEOUT_MS).orElse(defaultConnectMillis);
        long read = settings.integer(TIMEOUT_MS).orElse(defaultReadMillis);
        positive(CONNECT_TIMEOUT_MS, connect);
        positive(TIMEOUT_MS, read);
        return Timeouts.ofMillis(connect, read);
    }

    /** The OpenAI request encoder the settings ask for. */
    public static OpenAiRequestEncoder encoder(ProviderSettings settings, String defaultMaxTokensField) {
        return new OpenAiRequestEncoder(
                settings.string(MAX_TOKENS_FIELD).orElse(defaultMaxTokensField),
                settings.bool(INCLUDE_USAGE).orElse(true));
    }

    /** Fails creation with a message naming the key, for a value the spec's types cannot rule out. */
    public static AdapterException invalid(String key, String message) {
        return new AdapterException(
                ErrorKind.INVALID_REQUEST, "config key '" + key + "' " + message, "invalid_config", key, null, null);
    }

    private static void positive(String key, long value) {
        if (value < 1) {
            throw invalid(key, "must be at least 1 (got " + value + ")");
        }
    }
}
