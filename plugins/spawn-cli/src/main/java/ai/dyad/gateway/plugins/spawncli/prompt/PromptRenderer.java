package ai.dyad.gateway.plugins.spawncli.prompt;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ContentPart;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.api.chat.ToolCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns OpenAI {@code messages} into one prompt, deterministically (the rule is in the plugin's README):
 *
 * <ol>
 *   <li>{@code system} and {@code developer} messages, wherever they stand, are the instructions, joined by a blank
 *       line. They go to the CLI's system flag when its arguments have a {@code {system}} slot, else into a
 *       {@code <system>} block at the top of the prompt.
 *   <li>When the conversation ends with a user message, that message is the prompt's last part, as plain text.
 *   <li>Every other message, in order, goes into a {@code <conversation>} block between the two, one tagged block
 *       per message ({@code <user>}, {@code <assistant>} with its tool calls, {@code <tool_result>}).
 * </ol>
 *
 * A single user message therefore reaches the CLI exactly as the client wrote it. Only text can be passed on:
 * an image, audio or file part fails the request, naming the part.
 */
public final class PromptRenderer {

    private PromptRenderer() {}

    /**
     * @param systemFlag whether the CLI takes instructions through its own flag
     * @throws AdapterException INVALID_REQUEST for non-text content or a conversation without a user message
     */
    public static Prompt render(List<ChatMessage> messages, boolean systemFlag) {
        List<String> instructions = new ArrayList<>();
        List<ChatMessage> turns = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            requireTextOnly(message, i);
            if (message.role().isInstruction()) {
                if (!message.text().isBlank()) {
                    instructions.add(message.text());
                }
            } else {
                turns.add(message);
            }
        }
        if (turns.stream().noneMatch(message -> message.role() == Role.USER)) {
            throw new AdapterException(
                    ErrorKind.INVALID_REQUEST,
                    "messages must include a user message",
                    "invalid_messages",
                    "messages",
                    null,
                    null);
        }
        String system = String.join("\n\n", instructions);
        List<String> sections = new ArrayList<>();
        if (!systemFlag && !system.isEmpty()) {
            sections.add("<system>\n" + system + "\n</system>");
        }
        ChatMessage last = turns.getLast();
        boolean endsWithUser = last.role() == Role.USER;
        List<ChatMessage> history = endsWithUser ? turns.subList(0, turns.size() - 1) : turns;
        if (!history.isEmpty()) {
            sections.add(transcript(history));
        }
        if (endsWithUser) {
            sections.add(last.text());
        }
        return new Prompt(systemFlag ? system : "", String.join("\n\n", sections));
    }

    private static void requireTextOnly(ChatMessage message, int index) {
        List<ContentPart> parts = message.content() == null ? List.of() : message.content();
        for (int j = 0; j < parts.size(); j++) {
            ContentPart part = parts.get(j);
            if (!(part instanceof ContentPart.Text)) {
                String param = "messages[" + index + "].content[" + j + "]";
                throw new AdapterException(
                        ErrorKind.INVALID_REQUEST,
                        param + " is " + part.wireType()
                                + " content, which this provider cannot take: its command-line agent gets text only",
                        "unsupported_content",
                        param,
                        null,
                        null);
            }
        }
    }

    private static String transcript(List<ChatMessage> history) {
        StringBuilder out = new StringBuilder("<conversation>");
        for (ChatMessage message : history) {
            out.append('\n').append(block(message));
        }
        return out.append("\n</conversation>").toString();
    }

    private static String block(ChatMessage message) {
        return switch (message.role()) {
            case USER -> tagged("user", nameAttribute(message), message.text());
            case ASSISTANT -> tagged("assistant", nameAttribute(message), assistantText(message));
            case TOOL -> tagged("tool_result", attribute("id", message.toolCallId()), message.text());
            case FUNCTION -> tagged("function_result", nameAttribute(message), message.text());
            case SYSTEM, DEVELOPER -> throw new IllegalStateException("instructions are not part of the transcript");
        };
    }

    private static String assistantText(ChatMessage message) {
        StringBuilder text = new StringBuilder(message.text());
        for (ToolCall call : message.toolCalls()) {
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append("<tool_call")
                    .append(attribute("id", call.id()))
                    .append(attribute("name", call.name()))
                    .append('>')
                    .append(call.arguments())
                    .append("</tool_call>");
        }
        return text.toString();
    }

    private static String tagged(String tag, String attributes, String text) {
        return "<" + tag + attributes + ">\n" + text + "\n</" + tag + ">";
    }

    private static String nameAttribute(ChatMessage message) {
        return attribute("name", message.name());
    }

    private static String attribute(String name, String value) {
        return value == null ? "" : " " + name + "=\"" + value.replace("\"", "'") + "\"";
    }
}
