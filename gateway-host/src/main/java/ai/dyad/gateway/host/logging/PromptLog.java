package ai.dyad.gateway.host.logging;

import ai.dyad.gateway.host.http.BodyThenDispatch;
import io.undertow.server.HttpServerExchange;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs chat request bodies (prompts), for debugging an integration; only when the operator set
 * {@code LOG_PROMPTS=true}, since prompts are the users' data. The composition root leaves this decorator
 * out otherwise, so no setting of a log level can make prompts appear by accident; with it, they are logged
 * at info (logger {@code prompts}), so the one explicit flag is enough.
 */
public final class PromptLog implements BodyThenDispatch.BodyHandler {

    private static final Logger LOG = LoggerFactory.getLogger("prompts");
    private static final int MAX_CHARS = 16 * 1024;

    private final BodyThenDispatch.BodyHandler next;

    public PromptLog(BodyThenDispatch.BodyHandler next) {
        this.next = next;
    }

    @Override
    public void handle(HttpServerExchange exchange, byte[] body) throws Exception {
        if (LOG.isInfoEnabled()) {
            String text = new String(body, StandardCharsets.UTF_8);
            LOG.info(
                    "request body ({} bytes): {}",
                    body.length,
                    text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) + "…" : text);
        }
        next.handle(exchange, body);
    }
}
