package ai.dyad.gateway.plugins.openaiupstream;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.ContentPart;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.api.chat.ToolDefinition;
import ai.dyad.gateway.api.embeddings.EmbeddingInput;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** Writes the SPI's requests back as OpenAI JSON, every field the client gave and nothing else. */
final class RequestEncoder {

    private final ObjectMapper json;

    RequestEncoder(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode chat(ChatRequest r) {
        ObjectNode body = json.createObjectNode();
        body.put("model", r.model());
        ArrayNode messages = body.putArray("messages");
        r.messages().forEach(m -> messages.add(message(m)));
        if (r.stream()) {
            body.put("stream", true);
            body.putObject("stream_options").put("include_usage", true);
        }
        putIfSet(body, "max_completion_tokens", r.maxTokens());
        putIfSet(body, "temperature", r.temperature());
        putIfSet(body, "top_p", r.topP());
        putIfSet(body, "n", r.n());
        if (!r.stop().isEmpty()) {
            body.set("stop", json.valueToTree(r.stop()));
        }
        putIfSet(body, "seed", r.seed());
        putIfSet(body, "presence_penalty", r.presencePenalty());
        putIfSet(body, "frequency_penalty", r.frequencyPenalty());
        putIfSet(body, "logit_bias", r.logitBias());
        putIfSet(body, "logprobs", r.logprobs());
        putIfSet(body, "top_logprobs", r.topLogprobs());
        putIfSet(body, "user", r.user());
        putIfSet(body, "metadata", r.metadata());
        putIfSet(body, "store", r.store());
        putIfSet(body, "reasoning_effort", r.reasoningEffort());
        if (!r.tools().isEmpty()) {
            ArrayNode tools = body.putArray("tools");
            r.tools().forEach(t -> tools.add(tool(t)));
        }
        putIfSet(body, "tool_choice", r.toolChoice());
        putIfSet(body, "parallel_tool_calls", r.parallelToolCalls());
        putIfSet(body, "response_format", r.responseFormat());
        r.extra().forEach((name, value) -> body.set(name, json.valueToTree(value)));
        return body;
    }

    ObjectNode embeddings(EmbeddingRequest r) {
        ObjectNode body = json.createObjectNode();
        body.put("model", r.model());
        List<EmbeddingInput> inputs = r.inputs();
        Object input;
        if (inputs.size() == 1) {
            input = plain(inputs.getFirst());
        } else {
            input = inputs.stream().map(RequestEncoder::plain).toList();
        }
        body.set("input", json.valueToTree(input));
        body.put("encoding_format", "float");
        putIfSet(body, "dimensions", r.dimensions());
        putIfSet(body, "user", r.user());
        r.extra().forEach((name, value) -> body.set(name, json.valueToTree(value)));
        return body;
    }

    private static Object plain(EmbeddingInput input) {
        return switch (input) {
            case EmbeddingInput.Text t -> t.text();
            case EmbeddingInput.Tokens t -> t.tokens();
        };
    }

    private ObjectNode message(ChatMessage m) {
        ObjectNode node = json.createObjectNode();
        node.put("role", m.role().wireName());
        if (m.content() == null) {
            node.putNull("content");
        } else if (m.contentWasText()) {
            node.put("content", m.text());
        } else {
            ArrayNode parts = node.putArray("content");
            m.content().forEach(p -> parts.add(part(p)));
        }
        putIfSet(node, "name", m.name());
        if (!m.toolCalls().isEmpty()) {
            ArrayNode calls = node.putArray("tool_calls");
            for (ToolCall call : m.toolCalls()) {
                ObjectNode c = calls.addObject();
                c.put("id", call.id());
                c.put("type", "function");
                c.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            }
        }
        putIfSet(node, "tool_call_id", m.toolCallId());
        return node;
    }

    private ObjectNode part(ContentPart part) {
        ObjectNode node = json.createObjectNode();
        node.put("type", part.wireType());
        switch (part) {
            case ContentPart.Text t -> node.put("text", t.text());
            case ContentPart.ImageUrl i -> {
                ObjectNode image = node.putObject("image_url").put("url", i.url());
                putIfSet(image, "detail", i.detail());
            }
            case ContentPart.InputAudio a ->
                node.putObject("input_audio").put("data", a.data()).put("format", a.format());
            case ContentPart.File f -> {
                ObjectNode file = node.putObject("file");
                putIfSet(file, "file_id", f.fileId());
                putIfSet(file, "filename", f.filename());
                putIfSet(file, "file_data", f.fileData());
            }
        }
        return node;
    }

    private ObjectNode tool(ToolDefinition t) {
        ObjectNode tool = json.createObjectNode();
        tool.put("type", "function");
        ObjectNode function = tool.putObject("function");
        function.put("name", t.name());
        putIfSet(function, "description", t.description());
        putIfSet(function, "parameters", t.parameters());
        putIfSet(function, "strict", t.strict());
        return tool;
    }

    private void putIfSet(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.set(field, json.valueToTree(value));
        }
    }
}
