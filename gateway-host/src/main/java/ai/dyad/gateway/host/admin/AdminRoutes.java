package ai.dyad.gateway.host.admin;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.ErrorBoundary;
import ai.dyad.gateway.host.http.ErrorResponder;
import ai.dyad.gateway.host.http.RouteTemplate;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * The {@code /admin} router. Paths are relative to {@code /admin} and may hold templates such as
 * {@code /providers/{id}}. Every handler runs on a virtual thread (admin calls touch the store); body
 * handlers get the whole body, bounded by the request size limit.
 */
public final class AdminRoutes {

    private final RoutingHandler router = new RoutingHandler(false);
    private final List<RouteTemplate> templates = new ArrayList<>();
    private final ExecutorService virtualThreads;
    private final ErrorResponder errors;
    private final long maxRequestSize;

    public AdminRoutes(ExecutorService virtualThreads, ErrorResponder errors, long maxRequestSize) {
        this.virtualThreads = virtualThreads;
        this.errors = errors;
        this.maxRequestSize = maxRequestSize;
        router.setFallbackHandler(exchange -> {
            throw ApiError.notFound(
                            "unknown_url",
                            null,
                            "unknown admin URL: " + exchange.getRequestMethod() + " " + exchange.getRequestPath())
                    .exception();
        });
        router.setInvalidMethodHandler(exchange -> {
            throw ApiError.methodNotAllowed(exchange.getRequestMethod().toString())
                    .exception();
        });
    }

    /** A route without a request body (GET, DELETE, POST actions). */
    public AdminRoutes add(HttpString method, String path, HttpHandler handler) {
        ErrorBoundary guarded = new ErrorBoundary(handler, errors);
        router.add(
                method,
                path,
                marked(
                        method,
                        path,
                        exchange -> exchange.dispatch(virtualThreads, () -> guarded.handleRequest(exchange))));
        return this;
    }

    /** A route whose handler receives the complete request body. */
    public AdminRoutes addWithBody(HttpString method, String path, BodyThenDispatch.BodyHandler handler) {
        router.add(
                method,
                path,
                marked(method, path, new BodyThenDispatch(handler, virtualThreads, errors, maxRequestSize)));
        return this;
    }

    /** A route whose handler receives the complete request body, up to its own size limit (uploads). */
    public AdminRoutes addWithBody(
            HttpString method, String path, BodyThenDispatch.BodyHandler handler, long maxBodySize) {
        router.add(
                method, path, marked(method, path, new BodyThenDispatch(handler, virtualThreads, errors, maxBodySize)));
        return this;
    }

    /** Every admin route registered so far, with its full path ({@code /admin/...}). */
    public List<RouteTemplate> templates() {
        return List.copyOf(templates);
    }

    private HttpHandler marked(HttpString method, String path, HttpHandler next) {
        String template = "/admin" + path;
        templates.add(new RouteTemplate(method.toString(), template));
        return exchange -> {
            RouteTemplate.mark(exchange, template);
            next.handleRequest(exchange);
        };
    }

    /** A path template parameter, such as {@code id} in {@code /providers/{id}}. */
    public static String param(io.undertow.server.HttpServerExchange exchange, String name) {
        return exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY)
                .getParameters()
                .get(name);
    }

    /** The router, for the composition root to mount behind admin auth. */
    public HttpHandler handler() {
        return router;
    }
}
