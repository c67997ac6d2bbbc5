package ai.dyad.gateway.host.models;

import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.Permission;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.ResponseWriter;
import ai.dyad.gateway.host.routing.ProviderRuntime;
import ai.dyad.gateway.host.routing.Route;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/models} and {@code GET /v1/models/{id}}; ids may contain {@code /} and {@code :}. */
public final class ModelsHandler implements HttpHandler {

    private final ObjectMapper json;
    private final ProviderRuntime providers;

    public ModelsHandler(ObjectMapper json, ProviderRuntime providers) {
        this.json = json;
        this.providers = providers;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        if (!Methods.GET.equals(exchange.getRequestMethod())) {
            throw ApiError.methodNotAllowed(exchange.getRequestMethod().toString())
                    .exception();
        }
        ApiKeyAuth.require(exchange, Permission.MODELS);
        String rest = exchange.getRelativePath();
        Map<String, List<Route>> models = providers.table().all();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            if (rest.isEmpty() || "/".equals(rest)) {
                g.writeStartObject();
                g.writeStringField("object", "list");
                g.writeArrayFieldStart("data");
                for (Map.Entry<String, List<Route>> model : models.entrySet()) {
                    if (ApiKeyAuth.allowsModel(exchange, model.getKey())) {
                        writeModel(g, model.getKey(), model.getValue());
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            } else {
                String id = URLDecoder.decode(rest.substring(1), StandardCharsets.UTF_8);
                List<Route> routes = models.get(id);
                if (routes == null || !ApiKeyAuth.allowsModel(exchange, id)) {
                    throw ApiError.notFound("model_not_found", "model", "the model '" + id + "' does not exist")
                            .exception();
                }
                writeModel(g, id, routes);
            }
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ResponseWriter.sendWhole(exchange, out.toByteArray());
    }

    private static void writeModel(JsonGenerator g, String id, List<Route> routes) throws IOException {
        Route first = routes.getFirst();
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("object", "model");
        long created = first.provider().provider().createdAt() == null
                ? 0
                : first.provider().provider().createdAt().getEpochSecond();
        g.writeNumberField("created", created);
        g.writeStringField("owned_by", first.provider().provider().name());
        g.writeEndObject();
    }
}
