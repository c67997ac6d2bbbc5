package ai.dyad.gateway.plugins.httpsdk.anthropic;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The conversation in Anthropic's shape: instructions lifted into {@code system}; assistant tool calls as
 * {@code tool_use} blocks; {@code tool} messages as {@code tool_result} blocks of a user message; and
 * consecutive messages of one role merged, which is how parallel tool results must arrive.
 */
final class AnthropicMessages {

    private AnthropicMessages() {}

    /** The text of all {@code system} and {@code developer} messages, or {@code null} when there are none. */
    static String system(List<ChatMessage> messages) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            if (message.role().isInstruction()) {
                if (message.hasNonTextContent()) {
                    throw AnthropicContent.unsupported("non-text system content", "messages[" + i + "].content");
                }
                texts.add(message.text());
            }
        }
        return texts.isEmpty() ? null : texts.stream().collect(Collectors.joining("\n\n"));
    }

    static ArrayNode messages(List<ChatMessage> messages) {
        ArrayNode out = Json.array();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            String param = "messages[" + i + "]";
            switch (message.role()) {
                case SYSTEM, DEVELOPER -> {
                    // Lifted into "system".
                }
                case USER -> append(out, "user", contentBlocks(message, param));
                case ASSISTANT -> append(out, "assistant", assistantBlocks(message, param));
                case TOOL -> append(out, "user", List.of(toolResult(message, param)));
                case FUNCTION ->
                    throw AnthropicContent.unsupported("the legacy function role; use tool", param + ".role");
            }
        }
        return out;
    }

    private static void append(ArrayNode out, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        ObjectNode last = out.isEmpty() ? null : (ObjectNode) out.get(out.size() - 1);
        if (last != null && role.equals(last.path("role").asText())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
            return;
        }
        ObjectNode message = out.addObject();
        message.put("role", role);
        message.putArray("content").addAll(blocks);
    }

    private static List<ObjectNode> contentBlocks(ChatMessage message, String param) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (message.content() != null) {
            for (int i = 0; i < message.content().size(); i++) {
                ObjectNode block = AnthropicContent.block(message.content().get(i), param + ".content[" + i + "]");
                if (block != null) {
                    blocks.add(block);
                }
            }
        }
        return blocks;
    }

    private static List<ObjectNode> assistantBlocks(ChatMessage message, String param) {
        List<ObjectNode> blocks = contentBlocks(message, param);
        for (int i = 0; i < message.toolCalls().size(); i++) {
            ToolCall call = message.toolCalls().get(i);
            ObjectNode block = Json.object();
            block.put("type", "tool_use");
            block.put("id", call.id());
            block.put("name", call.name());
            block.set(
                    "input",
                    Json.parseArguments(call.arguments(), param + ".tool_calls[" + i + "].function.arguments"));
            blocks.add(block);
        }
        return blocks;
    }

    /** A tool's answer; plain text stays a string, text with images becomes blocks. */
    private static ObjectNode toolResult(ChatMessage message, String param) {
        ObjectNode block = Json.object();
        block.put("type", "tool_result");
        block.put("tool_use_id", message.toolCallId());
        if (message.hasNonTextContent()) {
            block.putArray("content").addAll(contentBlocks(message, param));
        } else {
            block.put("content", message.text());
        }
        return block;
    }
}
