package ai.dyad.gateway.api.chat;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A chat completion request, validated by the host. Optional parameters are {@code null} when the client
 * did not send them; adapters pass on only what the client gave.
 *
 * @param model the backend's own model id (the host already resolved the client's name)
 * @param messages the conversation, at least one message
 * @param stream whether the client streams (adapters usually need not care: the sink handles it)
 * @param maxTokens the completion token limit, from {@code max_completion_tokens} or {@code max_tokens}
 * @param stop up to four stop sequences; empty when none
 * @param tools the functions the model may call; empty when none
 * @param toolChoice {@code "auto"}, {@code "none"}, {@code "required"} or an object naming a function
 * @param responseFormat the {@code response_format} object as sent
 * @param extra request fields this API does not model, as sent, for adapters that can use them
 */
public record ChatRequest(
        String model,
        List<ChatMessage> messages,
        boolean stream,
        Integer maxTokens,
        Double temperature,
        Double topP,
        Integer n,
        List<String> stop,
        Long seed,
        Double presencePenalty,
        Double frequencyPenalty,
        Map<String, Object> logitBias,
        Boolean logprobs,
        Integer topLogprobs,
        String user,
        Map<String, Object> metadata,
        Boolean store,
        String reasoningEffort,
        List<ToolDefinition> tools,
        Object toolChoice,
        Boolean parallelToolCalls,
        Map<String, Object> responseFormat,
        Map<String, Object> extra) {

    public ChatRequest {
        Objects.requireNonNull(model, "model");
        messages = List.copyOf(messages);
        stop = stop == null ? List.of() : List.copyOf(stop);
        tools = tools == null ? List.of() : List.copyOf(tools);
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** A builder for a request with the given model and messages. */
    public static Builder builder(String model, List<ChatMessage> messages) {
        return new Builder(model, messages);
    }

    /** A builder starting from this request, to change a few fields. */
    public Builder toBuilder() {
        Builder b = new Builder(model, messages);
        b.stream = stream;
        b.maxTokens = maxTokens;
        b.temperature = temperature;
        b.topP = topP;
        b.n = n;
        b.stop = stop;
        b.seed = seed;
        b.presencePenalty = presencePenalty;
        b.frequencyPenalty = frequencyPenalty;
        b.logitBias = logitBias;
        b.logprobs = logprobs;
        b.topLogprobs = topLogprobs;
        b.user = user;
        b.metadata = metadata;
        b.store = store;
        b.reasoningEffort = reasoningEffort;
        b.tools = tools;
        b.toolChoice = toolChoice;
        b.parallelToolCalls = parallelToolCalls;
        b.responseFormat = responseFormat;
        b.extra = extra;
        return b;
    }

    /** Builds a {@link ChatRequest}; every setter is optional. */
    public static final class Builder {
        private String model;
        private List<ChatMessage> messages;
        private boolean stream;
        private Integer maxTokens;
        private Double temperature;
        private Double topP;
        private Integer n;
        private List<String> stop;
        private Long seed;
        private Double presencePenalty;
        private Double frequencyPenalty;
        private Map<String, Object> logitBias;
        private Boolean logprobs;
        private Integer topLogprobs;
        private String user;
        private Map<String, Object> metadata;
        private Boolean store;
        private String reasoningEffort;
        private List<ToolDefinition> tools;
        private Object toolChoice;
        private Boolean parallelToolCalls;
        private Map<String, Object> responseFormat;
        private Map<String, Object> extra;

        private Builder(String model, List<ChatMessage> messages) {
            this.model = model;
            this.messages = messages;
        }

        public Builder model(String value) {
            model = value;
            return this;
        }

        public Builder messages(List<ChatMessage> value) {
            messages = value;
            return this;
        }

        public Builder stream(boolean value) {
            stream = value;
            return this;
        }

        public Builder maxTokens(Integer value) {
            maxTokens = value;
            return this;
        }

        public Builder temperature(Double value) {
            temperature = value;
            return this;
        }

        public Builder topP(Double value) {
            topP = value;
            return this;
        }

        public Builder n(Integer value) {
            n = value;
            return this;
        }

        public Builder stop(List<String> value) {
            stop = value;
            return this;
        }

        public Builder seed(Long value) {
            seed = value;
            return this;
        }

        public Builder presencePenalty(Double value) {
            presencePenalty = value;
            return this;
        }

        public Builder frequencyPenalty(Double value) {
            frequencyPenalty = value;
            return this;
        }

        public Builder logitBias(Map<String, Object> value) {
            logitBias = value;
            return this;
        }

        public Builder logprobs(Boolean value) {
            logprobs = value;
            return this;
        }

        public Builder topLogprobs(Integer value) {
            topLogprobs = value;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder metadata(Map<String, Object> value) {
            metadata = value;
            return this;
        }

        public Builder store(Boolean value) {
            store = value;
            return this;
        }

        public Builder reasoningEffort(String value) {
            reasoningEffort = value;
            return this;
        }

        public Builder tools(List<ToolDefinition> value) {
            tools = value;
            return this;
        }

        public Builder toolChoice(Object value) {
            toolChoice = value;
            return this;
        }

        public Builder parallelToolCalls(Boolean value) {
            parallelToolCalls = value;
            return this;
        }

        public Builder responseFormat(Map<String, Object> value) {
            responseFormat = value;
            return this;
        }

        public Builder extra(Map<String, Object> value) {
            extra = value;
            return this;
        }

        public ChatRequest build() {
            return new ChatRequest(
                    model,
                    messages,
                    stream,
                    maxTokens,
                    temperature,
                    topP,
                    n,
                    stop,
                    seed,
                    presencePenalty,
                    frequencyPenalty,
                    logitBias,
                    logprobs,
                    topLogprobs,
                    user,
                    metadata,
                    store,
                    reasoningEffort,
                    tools,
                    toolChoice,
                    parallelToolCalls,
                    responseFormat,
                    extra);
        }
    }
}
