package ai.dyad.gateway.api.tokens;

import ai.dyad.gateway.api.chat.ChatMessage;
import java.util.List;

/**
 * Estimates token counts for backends that report none, with OpenAI's rule of thumb: about four characters
 * a token, plus a small overhead per message. Good enough for usage and limits, not for billing.
 */
public final class TokenEstimator {

    private static final int PER_MESSAGE = 4;
    private static final int PER_REQUEST = 3;

    private TokenEstimator() {}

    /** Estimated tokens of a text; 0 for an empty text. */
    public static int estimate(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        int codePoints = text.codePointCount(0, text.length());
        return Math.max(1, (codePoints + 3) / 4);
    }

    /** Estimated prompt tokens of a conversation. */
    public static int estimate(List<ChatMessage> messages) {
        int total = PER_REQUEST;
        for (ChatMessage message : messages) {
            total += PER_MESSAGE + estimate(message.text());
            for (var call : message.toolCalls()) {
                total += estimate(call.name()) + estimate(call.arguments());
            }
        }
        return total;
    }
}
