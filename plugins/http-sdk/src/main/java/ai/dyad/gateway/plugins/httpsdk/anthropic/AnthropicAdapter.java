package ai.dyad.gateway.plugins.httpsdk.anthropic;

import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.Capabilities;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.models.ModelInfo;
import ai.dyad.gateway.wire.http.Upstream;
import ai.dyad.gateway.wire.openai.HealthProbe;
import java.util.List;
import okhttp3.Request;

/**
 * A provider behind Anthropic's Messages API: OpenAI requests are translated to {@code /v1/messages} and
 * its answers (whole or streamed) back to chunks. Anthropic has no embeddings API, so {@link #embed}
 * keeps the default "unsupported". Thread-safe: translation state lives in per-call readers.
 */
public final class AnthropicAdapter implements ModelAdapter {

    private static final HealthProbe HEALTH = HealthProbe.get("models?limit=1");

    private final Upstream upstream;
    private final AnthropicRequestTranslator translator;
    private final boolean discoverModels;

    /**
     * @param upstream the API at its {@code /v1} base, with the {@code x-api-key} and
     *     {@code anthropic-version} headers
     * @param defaultMaxTokens the {@code max_tokens} when the client gives none (Anthropic requires one)
     */
    public AnthropicAdapter(Upstream upstream, int defaultMaxTokens, boolean discoverModels) {
        this.upstream = upstream;
        this.translator = new AnthropicRequestTranslator(defaultMaxTokens);
        this.discoverModels = discoverModels;
    }

    /** The Messages API takes tools and images; it has no n > 1, logprobs, audio or JSON mode. */
    @Override
    public Capabilities capabilities() {
        return Capabilities.of(Capabilities.Feature.TOOLS, Capabilities.Feature.IMAGE_INPUT);
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        Request.Builder http = Upstream.postJson(upstream.url("messages"), translator.translate(request))
                .header("Accept", request.stream() ? "text/event-stream" : "application/json");
        upstream.stream(
                http,
                call,
                sink,
                body -> request.stream()
                        ? new AnthropicStreamReader(upstream.redactor()).relay(body, sink)
                        : AnthropicResponseReader.relay(body, sink, upstream.redactor()));
    }

    /** Anthropic's {@code /v1/models}, when the provider is configured to discover models. */
    @Override
    public List<ModelInfo> models() {
        return discoverModels ? AnthropicModels.decode(upstream.getJson("models?limit=1000", null)) : List.of();
    }

    @Override
    public Health health() {
        return HEALTH.probe(upstream);
    }

    @Override
    public void close() {
        upstream.close();
    }
}
