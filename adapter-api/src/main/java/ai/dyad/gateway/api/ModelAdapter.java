package ai.dyad.gateway.api;

import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import ai.dyad.gateway.api.models.ModelInfo;
import java.time.Duration;
import java.util.List;

/**
 * One provider's connection to its backend. Created by {@link AdapterFactory#create}, used concurrently by
 * many requests, closed when the provider changes or its plugin stops. Every method is called on a virtual
 * thread and may block.
 */
public interface ModelAdapter extends AutoCloseable {

    /**
     * Models the backend offers by itself (discovered, not configured). The host adds the models the
     * operator lists on the provider. Empty by default.
     */
    default List<ModelInfo> models() {
        return List.of();
    }

    /**
     * Answers one chat request. Write the answer to {@code sink} and end it with {@link ChatSink#complete}
     * or {@link ChatSink#fail}; throwing an {@link AdapterException} is the same as {@code fail}. The
     * request's {@code model} is already the backend's own model id.
     */
    void chat(ChatRequest request, CallContext call, ChatSink sink);

    /**
     * What this adapter can serve beyond plain-text chat. Before calling {@link #chat}, the host refuses with a
     * {@code 400} naming the parameter any request that needs a feature not listed here.
     *
     * <p>The default is {@link Capabilities#textOnly()}: an adapter that has not said what it can do is sent
     * only what every adapter can do, so nothing a client asked for is silently dropped. Adapters that pass
     * requests on to a full OpenAI-compatible backend return {@link Capabilities#all()}. Called on every
     * request: return a constant or a field.
     */
    default Capabilities capabilities() {
        return Capabilities.textOnly();
    }

    /** Embeds texts. Adapters without embeddings keep this default, which reports {@link ErrorKind#UNSUPPORTED}. */
    default EmbeddingResult embed(EmbeddingRequest request, CallContext call) {
        throw new AdapterException(
                ErrorKind.UNSUPPORTED,
                "this provider does not offer embeddings",
                "unsupported_operation",
                null,
                null,
                null);
    }

    /** A cheap probe of the backend (a version check, a model list), never a paid completion. */
    default Health health() {
        return Health.healthy("no probe implemented", Duration.ZERO);
    }

    /** Releases the adapter's resources. Must not throw checked exceptions. */
    @Override
    default void close() {}
}
