package ai.dyad.gateway.host.http;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.function.UnaryOperator;

/**
 * The gateway's routes, in the order a request travels: request id, error boundary, then the path, then
 * (for {@code /v1}) API-key auth and the endpoint.
 */
public final class Routes {

    /** The endpoints, built by the composition root. */
    public record Endpoints(
            HttpHandler health,
            HttpHandler chatCompletions,
            HttpHandler models,
            HttpHandler admin,
            HttpHandler healthDetailed,
            HttpHandler embeddings) {}

    private Routes() {}

    public static HttpHandler build(Endpoints endpoints, UnaryOperator<HttpHandler> apiKeyAuth, ErrorResponder errors) {
        PathHandler v1 = Handlers.path(notFound())
                .addExactPath("/chat/completions", method(Methods.POST, endpoints.chatCompletions()))
                .addPrefixPath("/models", endpoints.models())
                .addExactPath("/embeddings", method(Methods.POST, endpoints.embeddings()));
        PathHandler root = Handlers.path(notFound())
                .addExactPath("/health", method(Methods.GET, endpoints.health()))
                .addExactPath("/health/detailed", method(Methods.GET, endpoints.healthDetailed()))
                .addPrefixPath("/v1", apiKeyAuth.apply(v1))
                .addPrefixPath("/admin", endpoints.admin());
        return new RequestIds(new ErrorBoundary(root, errors));
    }

    private static HttpHandler method(HttpString allowed, HttpHandler next) {
        return exchange -> {
            if (!allowed.equals(exchange.getRequestMethod())) {
                throw ApiError.methodNotAllowed(exchange.getRequestMethod().toString())
                        .exception();
            }
            next.handleRequest(exchange);
        };
    }

    private static HttpHandler notFound() {
        return exchange -> {
            throw ApiError.notFound(
                            "unknown_url",
                            null,
                            "unknown request URL: " + exchange.getRequestMethod() + " " + exchange.getRequestPath())
                    .exception();
        };
    }
}
