package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.ResponseWriter;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/** Collects the chunks and answers with one {@code chat.completion} object. */
final class JsonChatOutput implements ChatOutput {

    private final HttpServerExchange exchange;
    private final ChatCompletionJson json;
    private final ErrorResponder errors;
    private CollectedAnswer answer = new CollectedAnswer();

    JsonChatOutput(HttpServerExchange exchange, ChatCompletionJson json, ErrorResponder errors) {
        this.exchange = exchange;
        this.json = json;
        this.errors = errors;
    }

    @Override
    public void chunk(ChatChunk chunk) {
        answer.add(chunk);
    }

    @Override
    public boolean started() {
        return false;
    }

    @Override
    public void discardUnsent() {
        answer = new CollectedAnswer();
    }

    @Override
    public void finish(FinishReason reason, Usage usage) {
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ResponseWriter.sendWhole(exchange, json.completion(answer, reason, usage));
    }

    @Override
    public void error(ApiError error) {
        errors.send(exchange, error);
    }
}
