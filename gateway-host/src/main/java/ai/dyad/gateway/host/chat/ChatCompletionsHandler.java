package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.Permission;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.JsonBodies;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.http.RequestIds;
import ai.dyad.gateway.host.routing.ProviderRuntime;
import ai.dyad.gateway.host.routing.Route;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;

/** {@code POST /v1/chat/completions}: validate, route, run the adapter, answer as JSON or SSE. */
public final class ChatCompletionsHandler implements BodyThenDispatch.BodyHandler {

    private final JsonBodies bodies;
    private final ChatRequestParser parser;
    private final ProviderRuntime providers;
    private final ErrorResponder errors;
    private final ChatExecution execution;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration timeout;

    public ChatCompletionsHandler(
            ObjectMapper json,
            ProviderRuntime providers,
            ErrorResponder errors,
            ExecutorService adapterThreads,
            Clock clock,
            Duration timeout,
            CallObserver observer) {
        this.json = json;
        this.bodies = new JsonBodies(json);
        this.parser = new ChatRequestParser(new JsonFields(json));
        this.providers = providers;
        this.errors = errors;
        this.execution = new ChatExecution(adapterThreads, clock, observer);
        this.clock = clock;
        this.timeout = timeout;
    }

    @Override
    public void handle(HttpServerExchange exchange, byte[] body) throws InterruptedException {
        ApiKeyAuth.require(exchange, Permission.CHAT);
        ChatRequestParser.Parsed parsed = parser.parse(bodies.parseObject(exchange, body));
        ChatRequest request = parsed.request();
        Route route = route(request.model());
        ModelAdapter adapter = route.provider().adapterIfReady().orElseThrow(() -> new ApiError(
                        503,
                        "service_unavailable_error",
                        "adapter_unavailable",
                        null,
                        route.provider().problem(),
                        null)
                .exception());
        ChatCompletionJson completionJson = new ChatCompletionJson(
                json.getFactory(), CompletionIds.next(), clock.instant().getEpochSecond(), request.model());
        ChatOutput output = request.stream()
                ? new SseChatOutput(exchange, completionJson, parsed.includeUsage(), errors, Duration.ofSeconds(60))
                : new JsonChatOutput(exchange, completionJson, errors);
        CallContext context = new CallContext(
                RequestIds.of(exchange),
                clock.instant().plus(timeout),
                ApiKeyAuth.caller(exchange).id());
        ChatCall call = new ChatCall(output);
        CallInfo info = new CallInfo(
                context.requestId(),
                context.caller(),
                route.provider().provider().name(),
                request.model(),
                request.stream(),
                false);
        exchange.putAttachment(CallInfo.ATTACHMENT, info);
        ClientDisconnects.watch(exchange, call);
        try {
            execution.run(
                    adapter,
                    request.toBuilder().model(route.model().adapterModelId()).build(),
                    context,
                    call,
                    output,
                    info);
        } finally {
            ClientDisconnects.forget(exchange);
        }
    }

    private Route route(String model) {
        List<Route> routes = providers.table().routes(model);
        if (routes.isEmpty()) {
            throw ApiError.notFound(
                            "model_not_found",
                            "model",
                            "the model '" + model + "' does not exist or you do not have access to it")
                    .exception();
        }
        return routes.getFirst();
    }
}
