package ai.dyad.gateway.host.docs;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code GET /docs}: Swagger UI for {@code /openapi.json}, served from the swagger-ui webjar on the class
 * path (no CDN: the docs work offline and under the strict content security policy). Our page and its
 * start script replace the webjar's own, whose inline script that policy would block.
 */
public final class DocsHandler implements HttpHandler {

    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String OURS = "ai/dyad/gateway/host/docs/";

    private final byte[] page;
    private final byte[] startScript;
    private final ResourceHandler assets;

    public DocsHandler() {
        ClassLoader loader = DocsHandler.class.getClassLoader();
        this.page = resource(loader, OURS + "index.html");
        this.startScript = resource(loader, OURS + "dyad-docs.js");
        this.assets = new ResourceHandler(new ClassPathResourceManager(loader, WEBJAR + webjarVersion(loader) + "/"))
                .setDirectoryListingEnabled(false)
                .setCacheTime(3600);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.setStatusCode(StatusCodes.METHOD_NOT_ALLOWED);
            exchange.endExchange();
            return;
        }
        switch (exchange.getRelativePath()) {
            case "" -> {
                exchange.setStatusCode(StatusCodes.FOUND);
                exchange.getResponseHeaders().put(Headers.LOCATION, "/docs/");
                exchange.endExchange();
            }
            case "/", "/index.html" -> send(exchange, "text/html; charset=utf-8", page);
            case "/dyad-docs.js" -> send(exchange, "application/javascript; charset=utf-8", startScript);
            default -> assets.handleRequest(exchange);
        }
    }

    private static void send(HttpServerExchange exchange, String type, byte[] body) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, body.length);
        exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(body));
    }

    private static String webjarVersion(ClassLoader loader) {
        Properties pom = new Properties();
        try (InputStream in = loader.getResourceAsStream("META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui webjar is not on the class path");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pom.getProperty("version");
    }

    static byte[] resource(ClassLoader loader, String name) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
