package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.Permission;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.JsonBodies;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.http.RequestIds;
import ai.dyad.gateway.host.models.ModelLookup;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.routing.Route;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** {@code POST /v1/chat/completions}: validate, route, run the adapter, answer as JSON or SSE. */
public final class ChatCompletionsHandler implements BodyThenDispatch.BodyHandler {

    private final JsonBodies bodies;
    private final ChatRequestParser parser;
    private final ModelLookup models;
    private final ErrorResponder errors;
    private final ChatExecution execution;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration timeout;

    public ChatCompletionsHandler(
            ObjectMapper json,
            ModelLookup models,
            ErrorResponder errors,
            ExecutorService adapterThreads,
            Clock clock,
            Duration timeout) {
        this.json = json;
        this.bodies = new JsonBodies(json);
        this.parser = new ChatRequestParser(new JsonFields(json));
        this.models = models;
        this.errors = errors;
        this.execution = new ChatExecution(adapterThreads, clock);
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public void handle(HttpServerExchange exchange, byte[] body) throws InterruptedException {
        ApiKeyAuth.require(exchange, Permission.CHAT);
        ApiKey caller = ApiKeyAuth.caller(exchange);
        ChatRequestParser.Parsed parsed = parser.parse(bodies.parseObject(exchange, body));
        ChatRequest request = parsed.request();
        Route route = models.routes(caller, request.model()).getFirst();
        ModelAdapter adapter = ModelLookup.adapter(route);
        CapabilityCheck.problem(parsed, adapter.capabilities(), request.model()).ifPresent(problem -> {
            throw problem.exception();
        });
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
        CallContext context =
                new CallContext(RequestIds.of(exchange), clock.instant().plus(timeout), caller.id());
        ChatCall call = new ChatCall(output);
        ClientDisconnects.watch(exchange, call);
        try {
            execution.run(
                    adapter,
                    request.toBuilder().model(route.model().adapterModelId()).build(),
                    context,
                    call,
                    output);
        } finally {
            ClientDisconnects.forget(exchange);
        }
    }
}
