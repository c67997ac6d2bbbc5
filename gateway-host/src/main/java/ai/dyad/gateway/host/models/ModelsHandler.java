package ai.dyad.gateway.host.models;

import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.Permission;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.ResponseWriter;
import ai.dyad.gateway.host.registry.ApiKey;
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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/models} and {@code GET /v1/models/{id}}, listing only the models the caller's key may use;
 * ids may contain {@code /} and {@code :} (sent as they are or percent-encoded).
 */
public final class ModelsHandler implements HttpHandler {

    private static final Pattern ENCODED_SLASH = Pattern.compile("%2[Ff]");

    private final ObjectMapper json;
    private final ProviderRuntime providers;
    private final ModelAccess access;

    public ModelsHandler(ObjectMapper json, ProviderRuntime providers, ModelAccess access) {
        this.json = json;
        this.providers = providers;
        this.access = access;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws IOException {
        if (!Methods.GET.equals(exchange.getRequestMethod())) {
            throw ApiError.methodNotAllowed(exchange.getRequestMethod().toString())
                    .exception();
        }
        ApiKeyAuth.require(exchange, Permission.MODELS);
        ApiKey caller = ApiKeyAuth.caller(exchange);
        String rest = exchange.getRelativePath();
        Map<String, List<Route>> served = providers.table().all();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            if (rest.isEmpty() || "/".equals(rest)) {
                g.writeStartObject();
                g.writeStringField("object", "list");
                g.writeArrayFieldStart("data");
                for (VisibleModels.Entry model : VisibleModels.all(served, caller, access)) {
                    write(g, model);
                }
                g.writeEndArray();
                g.writeEndObject();
            } else {
                // Undertow has decoded the path except for encoded slashes, which it keeps so they cannot
                // change the route; inside a model id they are just slashes.
                String id = ENCODED_SLASH.matcher(rest.substring(1)).replaceAll("/");
                VisibleModels.Entry model = VisibleModels.one(served, caller, access, id)
                        .orElseThrow(() -> ApiError.notFound(
                                        "model_not_found",
                                        "model",
                                        "The model '" + id + "' does not exist or you do not have access to it.")
                                .exception());
                write(g, model);
            }
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        ResponseWriter.sendWhole(exchange, out.toByteArray());
    }

    private static void write(JsonGenerator g, VisibleModels.Entry model) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", model.id());
        g.writeStringField("object", "model");
        g.writeNumberField("created", model.created());
        g.writeStringField("owned_by", model.ownedBy());
        g.writeEndObject();
    }
}
