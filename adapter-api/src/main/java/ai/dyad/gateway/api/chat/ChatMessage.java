package ai.dyad.gateway.api.chat;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One message of a conversation.
 *
 * @param content the content parts; nullable (an assistant message with only tool calls)
 * @param contentWasText whether the client sent {@code content} as a plain string (then it is one text part);
 *     lets pass-through adapters keep the original shape
 * @param name the participant name; nullable
 * @param toolCalls the calls an assistant message made; empty when none
 * @param toolCallId the call a {@code tool} message answers; nullable
 */
public record ChatMessage(
        Role role,
        List<ContentPart> content,
        boolean contentWasText,
        String name,
        List<ToolCall> toolCalls,
        String toolCallId) {

    public ChatMessage {
        content = content == null ? null : List.copyOf(content);
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }

    /** A plain-text message. */
    public static ChatMessage of(Role role, String text) {
        return new ChatMessage(role, List.of(new ContentPart.Text(text)), true, null, List.of(), null);
    }

    /** The text parts joined together; empty when there are none. */
    public String text() {
        if (content == null) {
            return "";
        }
        return content.stream()
                .filter(ContentPart.Text.class::isInstance)
                .map(part -> ((ContentPart.Text) part).text())
                .collect(Collectors.joining());
    }

    /** Whether any part is not text (an image, audio or a file). */
    public boolean hasNonTextContent() {
        return content != null && content.stream().anyMatch(part -> !(part instanceof ContentPart.Text));
    }
}
