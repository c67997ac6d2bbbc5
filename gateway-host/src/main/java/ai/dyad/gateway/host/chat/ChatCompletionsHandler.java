package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.tokens.TokenEstimator;
import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.Permission;
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.calls.CallPlan;
import ai.dyad.gateway.host.deadlines.Deadlines;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.JsonBodies;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.http.RequestIds;
import ai.dyad.gateway.host.resilience.ProviderGuards;
import ai.dyad.gateway.host.routing.Router;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.time.Duration;

/** {@code POST /v1/chat/completions}: validate, route, run the adapters with fallback, answer as JSON or SSE. */
public final class ChatCompletionsHandler implements BodyThenDispatch.BodyHandler {

    private final JsonBodies bodies;
    private final ChatRequestParser parser;
    private final Router router;
    private final ErrorResponder errors;
    private final FallbackChat fallback;
    private final ObjectMapper json;
    private final Clock clock;
    private final CallObserver observer;

    public ChatCompletionsHandler(
            ObjectMapper json,
            Router router,
            ProviderGuards guards,
            ErrorResponder errors,
            Deadlines deadlines,
            Clock clock,
            Duration timeout,
            CallObserver observer) {
        this.json = json;
        this.bodies = new JsonBodies(json);
        this.parser = new ChatRequestParser(new JsonFields(json));
        this.router = router;
        this.errors = errors;
        this.fallback = new FallbackChat(new ChatExecution(deadlines, clock), guards, clock, timeout, observer);
        this.clock = clock;
        this.observer = observer;
    }

    @Override
    public void handle(HttpServerExchange exchange, byte[] body) throws InterruptedException {
        ApiKeyAuth.require(exchange, Permission.CHAT);
        ChatRequestParser.Parsed parsed = parser.parse(bodies.parseObject(exchange, body));
        ChatRequest request = parsed.request();
        ApiKeyAuth.requireModel(exchange, request.model());
        Router.Resolution resolution = router.resolve(request.model());
        if (resolution.candidates().isEmpty()) {
            throw ApiError.notFound(
                            "model_not_found",
                            "model",
                            "the model '" + request.model() + "' does not exist or you do not have access to it")
                    .exception();
        }
        // The response names the model as the client asked for it (an alias stays an alias).
        ChatCompletionJson completionJson = new ChatCompletionJson(
                json.getFactory(),
                CompletionIds.next(),
                clock.instant().getEpochSecond(),
                request.model(),
                new ChatCompletionJson.Style(parsed.includeUsage(), parsed.legacyFunctions()));
        ChatOutput output = request.stream()
                ? new SseChatOutput(exchange, completionJson, parsed.includeUsage(), errors, Duration.ofSeconds(60))
                : new JsonChatOutput(exchange, completionJson, errors);
        observer.beforeCall(
                exchange,
                new CallPlan(request.model(), TokenEstimator.estimate(request.messages()), request.maxTokens()));
        fallback.run(
                exchange,
                router,
                resolution,
                parsed,
                output,
                RequestIds.of(exchange),
                ApiKeyAuth.caller(exchange).id(),
                outcome -> observer.callEnded(exchange, outcome));
    }
}
