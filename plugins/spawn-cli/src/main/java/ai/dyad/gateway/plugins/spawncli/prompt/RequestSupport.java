package ai.dyad.gateway.plugins.spawncli.prompt;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatRequest;

/**
 * Refuses the request parameters a CLI cannot honour and whose silent dropping would change the answer's shape:
 * several choices, and a forced tool call. Offered tools with {@code tool_choice} {@code auto} are ignored (the model
 * may always answer without calling one), as are sampling settings, which no preset CLI takes per call.
 */
public final class RequestSupport {

    private RequestSupport() {}

    public static void check(ChatRequest request) {
        if (request.n() != null && request.n() > 1) {
            throw unsupported("n", "this provider returns one choice only; n must be 1");
        }
        Object toolChoice = request.toolChoice();
        if (toolChoice != null && !"auto".equals(toolChoice) && !"none".equals(toolChoice)) {
            throw unsupported("tool_choice", "this provider cannot call tools; tool_choice must be auto or none");
        }
    }

    private static AdapterException unsupported(String param, String message) {
        return new AdapterException(ErrorKind.INVALID_REQUEST, message, "unsupported_parameter", param, null, null);
    }
}
