package ai.dyad.gateway.host.embeddings;

import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.embeddings.EmbeddingInput;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import ai.dyad.gateway.api.tokens.TokenEstimator;
import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.Permission;
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.calls.CallOutcome;
import ai.dyad.gateway.host.calls.CallPlan;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.ClientHeaders;
import ai.dyad.gateway.host.http.JsonBodies;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.http.RequestIds;
import ai.dyad.gateway.host.http.ResponseWriter;
import ai.dyad.gateway.host.models.ModelLookup;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.routing.AdapterLease;
import ai.dyad.gateway.host.routing.Route;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;

/** {@code POST /v1/embeddings}: validate, route, run the adapter with the deadline, answer float or base64. */
public final class EmbeddingsHandler implements BodyThenDispatch.BodyHandler {

    private final JsonBodies bodies;
    private final EmbeddingRequestParser parser;
    private final ModelLookup models;
    private final EmbeddingExecution execution;
    private final EmbeddingsJson output;
    private final Clock clock;
    private final Duration timeout;
    private final CallObserver observer;

    public EmbeddingsHandler(
            ObjectMapper json,
            ModelLookup models,
            ExecutorService adapterThreads,
            Clock clock,
            Duration timeout,
            CallObserver observer) {
        this.bodies = new JsonBodies(json);
        this.parser = new EmbeddingRequestParser(new JsonFields(json));
        this.models = models;
        this.execution = new EmbeddingExecution(adapterThreads, clock);
        this.output = new EmbeddingsJson(json.getFactory());
        this.clock = clock;
        this.timeout = timeout;
        this.observer = observer;
    }

    @Override
    public void handle(HttpServerExchange exchange, byte[] body) throws InterruptedException {
        ApiKeyAuth.require(exchange, Permission.EMBEDDINGS);
        ApiKey caller = ApiKeyAuth.caller(exchange);
        EmbeddingRequestParser.Parsed parsed = parser.parse(bodies.parseObject(exchange, body));
        EmbeddingRequest request = parsed.request();
        Route route = models.routes(caller, request.model()).getFirst();
        // Leased, like chat: a plugin swap must not unload the adapter while it embeds.
        try (AdapterLease lease = route.provider().lease().orElseThrow(() -> ModelLookup.unavailable(route))) {
            CallContext context = new CallContext(
                    RequestIds.of(exchange), clock.instant().plus(timeout), caller.id(), ClientHeaders.of(exchange));
            EmbeddingRequest forAdapter = new EmbeddingRequest(
                    route.model().adapterModelId(),
                    request.inputs(),
                    request.dimensions(),
                    request.user(),
                    request.extra());
            // Limits and usage see embeddings as they see chat: a reservation first, the real count after.
            observer.beforeCall(exchange, new CallPlan(request.model(), estimate(request), 0));
            EmbeddingResult result;
            try {
                result = execution.run(lease.adapter(), forAdapter, context, request.model());
            } catch (RuntimeException | InterruptedException e) {
                observer.callEnded(exchange, new CallOutcome(request.model(), CallOutcome.Kind.FAILED, Usage.of(0, 0)));
                throw e;
            }
            int promptTokens = result.usage() != null ? result.usage().promptTokens() : estimate(request);
            observer.callEnded(
                    exchange, new CallOutcome(request.model(), CallOutcome.Kind.COMPLETED, Usage.of(promptTokens, 0)));
            exchange.setStatusCode(200);
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            // The answer names the model as the client asked for it.
            ResponseWriter.sendWhole(
                    exchange, output.write(result.vectors(), parsed.base64(), request.model(), promptTokens));
        }
    }

    private static int estimate(EmbeddingRequest request) {
        int tokens = 0;
        for (EmbeddingInput input : request.inputs()) {
            tokens += switch (input) {
                case EmbeddingInput.Text text -> TokenEstimator.estimate(text.text());
                case EmbeddingInput.Tokens ids -> ids.tokens().size();
            };
        }
        return tokens;
    }
}
