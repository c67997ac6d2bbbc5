package ai.dyad.gateway.host.http;

import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The gateway's routes, in the order a request travels: request id, the edge (measuring, security headers,
 * CORS, compression), error boundary, then the path, then (for {@code /v1}) API-key auth and the endpoint.
 * Every route is registered with its method and path template, so they can be listed (the API docs are
 * checked against the list) and metrics can label requests by template.
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

    /** The operator's endpoints; {@code metrics} is null when metrics are turned off. */
    public record OperatorEndpoints(HttpHandler metrics, HttpHandler openApi, HttpHandler docs) {}

    private final HttpHandler handler;
    private final List<RouteTemplate> templates;

    private Routes(HttpHandler handler, List<RouteTemplate> templates) {
        this.handler = handler;
        this.templates = List.copyOf(templates);
    }

    /**
     * @param edge the decorators every request passes before the error boundary (see {@code Middleware})
     */
    public static Routes build(
            Endpoints endpoints,
            OperatorEndpoints operator,
            UnaryOperator<HttpHandler> apiKeyAuth,
            UnaryOperator<HttpHandler> edge,
            ErrorResponder errors) {
        List<RouteTemplate> templates = new ArrayList<>();
        PathHandler v1 = Handlers.path(notFound());
        exact(v1, "/v1", Methods.POST, "/chat/completions", endpoints.chatCompletions(), templates);
        exact(v1, "/v1", Methods.POST, "/embeddings", endpoints.embeddings(), templates);
        // Model ids may contain '/', so one prefix route serves the list and each model.
        v1.addPrefixPath("/models", exchange -> {
            RouteTemplate.mark(exchange, modelsTemplate(exchange.getRelativePath()));
            endpoints.models().handleRequest(exchange);
        });
        templates.add(new RouteTemplate("GET", "/v1/models"));
        templates.add(new RouteTemplate("GET", "/v1/models/{model}"));

        PathHandler root = Handlers.path(notFound());
        exact(root, "", Methods.GET, "/health", endpoints.health(), templates);
        exact(root, "", Methods.GET, "/health/detailed", endpoints.healthDetailed(), templates);
        if (operator.metrics() != null) {
            exact(root, "", Methods.GET, "/metrics", operator.metrics(), templates);
        }
        exact(root, "", Methods.GET, "/openapi.json", operator.openApi(), templates);
        root.addPrefixPath("/docs", exchange -> {
            RouteTemplate.mark(exchange, "/docs");
            operator.docs().handleRequest(exchange);
        });
        templates.add(new RouteTemplate("GET", "/docs"));
        root.addPrefixPath("/v1", apiKeyAuth.apply(v1));
        // Admin routes mark their own templates (see AdminRoutes#templates).
        root.addPrefixPath("/admin", endpoints.admin());
        return new Routes(new RequestIds(edge.apply(new ErrorBoundary(root, errors))), templates);
    }

    /** The handler of the whole server. */
    public HttpHandler handler() {
        return handler;
    }

    /** Every route outside {@code /admin}, as method and path template. */
    public List<RouteTemplate> templates() {
        return templates;
    }

    private static void exact(
            PathHandler paths,
            String prefix,
            HttpString allowed,
            String path,
            HttpHandler next,
            List<RouteTemplate> templates) {
        String template = prefix + path;
        templates.add(new RouteTemplate(allowed.toString(), template));
        paths.addExactPath(path, exchange -> {
            RouteTemplate.mark(exchange, template);
            if (!allowed.equals(exchange.getRequestMethod())) {
                throw ApiError.methodNotAllowed(exchange.getRequestMethod().toString())
                        .exception();
            }
            next.handleRequest(exchange);
        });
    }

    private static String modelsTemplate(String rest) {
        return rest.isEmpty() || "/".equals(rest) ? "/v1/models" : "/v1/models/{model}";
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
