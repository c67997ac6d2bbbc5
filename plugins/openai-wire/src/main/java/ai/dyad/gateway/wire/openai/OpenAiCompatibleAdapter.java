package ai.dyad.gateway.wire.openai;

import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.Capabilities;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import ai.dyad.gateway.api.models.ModelInfo;
import ai.dyad.gateway.wire.http.Upstream;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import okhttp3.Request;

/**
 * A provider behind an OpenAI-compatible API: OpenAI itself and compatible vendors ({@code http-sdk}),
 * another gateway ({@code proxy}), llama.cpp, vLLM, LM Studio and LocalAI ({@code local}). The plugins
 * differ only in configuration, so they all build this one adapter. Thread-safe.
 */
public final class OpenAiCompatibleAdapter implements ModelAdapter {

    private final Upstream upstream;
    private final OpenAiRequestEncoder encoder;
    private final OpenAiStreamReader streamReader;
    private final OpenAiResponseReader responseReader;
    private final boolean discoverModels;
    private final HealthProbe healthProbe;
    private final Function<CallContext, Map<String, String>> callHeaders;

    private OpenAiCompatibleAdapter(Builder builder) {
        this.upstream = builder.upstream;
        this.encoder = builder.encoder;
        this.streamReader = new OpenAiStreamReader(upstream.redactor());
        this.responseReader = new OpenAiResponseReader(upstream.redactor());
        this.discoverModels = builder.discoverModels;
        this.healthProbe = builder.healthProbe;
        this.callHeaders = builder.callHeaders;
    }

    /** A builder for an adapter over the given upstream, whose base URL ends where {@code /chat/completions} starts. */
    public static Builder builder(Upstream upstream, OpenAiRequestEncoder encoder) {
        return new Builder(upstream, encoder);
    }

    /** The backend speaks the whole OpenAI API, so every request feature passes through. */
    @Override
    public Capabilities capabilities() {
        return Capabilities.all();
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        Request.Builder http = Upstream.postJson(upstream.url("chat/completions"), encoder.encode(request))
                .header("Accept", request.stream() ? "text/event-stream" : "application/json");
        callHeaders.apply(call).forEach(http::header);
        upstream.stream(
                http,
                call,
                sink,
                body -> request.stream() ? streamReader.relay(body, sink) : responseReader.relay(body, sink));
    }

    @Override
    public EmbeddingResult embed(EmbeddingRequest request, CallContext call) {
        Request.Builder http = Upstream.postJson(upstream.url("embeddings"), OpenAiEmbeddings.encode(request));
        callHeaders.apply(call).forEach(http::header);
        JsonNode answer = upstream.exchangeJson(http, call);
        return OpenAiEmbeddings.decode(answer, request.inputs().size());
    }

    /** The upstream's {@code /models}, when the provider is configured to discover models; else none. */
    @Override
    public List<ModelInfo> models() {
        return discoverModels ? OpenAiModels.decode(upstream.getJson("models", null)) : List.of();
    }

    @Override
    public Health health() {
        return healthProbe.probe(upstream);
    }

    @Override
    public void close() {
        upstream.close();
    }

    /** Builds an {@link OpenAiCompatibleAdapter}; everything but the upstream and encoder is optional. */
    public static final class Builder {
        private final Upstream upstream;
        private final OpenAiRequestEncoder encoder;
        private boolean discoverModels;
        private HealthProbe healthProbe = HealthProbe.get("models");
        private Function<CallContext, Map<String, String>> callHeaders = call -> Map.of();

        private Builder(Upstream upstream, OpenAiRequestEncoder encoder) {
            this.upstream = Objects.requireNonNull(upstream, "upstream");
            this.encoder = Objects.requireNonNull(encoder, "encoder");
        }

        /** Whether {@link #models()} asks the upstream's {@code /models}; off by default. */
        public Builder discoverModels(boolean value) {
            discoverModels = value;
            return this;
        }

        /** How {@link #health()} checks the upstream; a GET of {@code /models} by default. */
        public Builder healthProbe(HealthProbe value) {
            healthProbe = Objects.requireNonNull(value);
            return this;
        }

        /** Headers that depend on the call, such as a forwarded request id; none by default. */
        public Builder callHeaders(Function<CallContext, Map<String, String>> value) {
            callHeaders = Objects.requireNonNull(value);
            return this;
        }

        public OpenAiCompatibleAdapter build() {
            return new OpenAiCompatibleAdapter(this);
        }
    }
}
