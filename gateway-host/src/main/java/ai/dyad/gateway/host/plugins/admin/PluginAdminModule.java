package ai.dyad.gateway.host.plugins.admin;

import ai.dyad.gateway.api.config.ConfigSpec;
import ai.dyad.gateway.host.admin.AdminModule;
import ai.dyad.gateway.host.admin.AdminRoutes;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.JsonResponses;
import ai.dyad.gateway.host.plugins.InvalidPluginException;
import ai.dyad.gateway.host.plugins.NoSuchPluginException;
import ai.dyad.gateway.host.plugins.PluginHost;
import ai.dyad.gateway.host.plugins.PluginInfo;
import ai.dyad.gateway.host.routing.LiveProvider;
import ai.dyad.gateway.host.routing.ProviderRuntime;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /admin/plugins}: list the plugins, switch them on and off, reload, delete, and upload new jars. Every
 * answer about a plugin also names the providers that use its adapter types.
 */
public final class PluginAdminModule implements AdminModule {

    private final PluginHost plugins;
    private final ProviderRuntime providers;
    private final JsonResponses responses;
    private final long uploadLimit;

    public PluginAdminModule(PluginHost plugins, ProviderRuntime providers, JsonResponses responses, long uploadLimit) {
        this.plugins = plugins;
        this.providers = providers;
        this.responses = responses;
        this.uploadLimit = uploadLimit;
    }

    @Override
    public void register(AdminRoutes routes) {
        routes.add(Methods.GET, "/plugins", exchange -> responses.send(exchange, 200, list()))
                .add(Methods.GET, "/plugins/{id}", found(exchange -> send(exchange, 200, plugins.plugin(id(exchange)))))
                .add(
                        Methods.POST,
                        "/plugins/{id}/enable",
                        found(exchange -> send(exchange, 200, plugins.enable(id(exchange)))))
                .add(
                        Methods.POST,
                        "/plugins/{id}/disable",
                        found(exchange -> send(exchange, 200, plugins.disable(id(exchange)))))
                .add(Methods.POST, "/plugins/{id}/reload", found(this::reload))
                .add(Methods.DELETE, "/plugins/{id}", found(this::delete))
                .addWithBody(Methods.POST, "/plugins", this::upload, uploadLimit);
    }

    /** Turns an unknown plugin id into a 404. */
    private static HttpHandler found(HttpHandler handler) {
        return exchange -> {
            try {
                handler.handleRequest(exchange);
            } catch (NoSuchPluginException e) {
                throw ApiError.notFound("plugin_not_found", null, e.getMessage())
                        .exception();
            }
        };
    }

    private Map<String, Object> list() {
        List<Map<String, Object>> data =
                plugins.plugins().stream().map(this::describe).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", data);
        return body;
    }

    private void reload(HttpServerExchange exchange) throws NoSuchPluginException {
        try {
            send(exchange, 200, plugins.reload(id(exchange)));
        } catch (IllegalStateException e) {
            throw new ApiError(409, "invalid_request_error", "plugin_not_reloadable", null, e.getMessage(), null)
                    .exception();
        }
    }

    private void delete(HttpServerExchange exchange) throws NoSuchPluginException {
        plugins.remove(id(exchange));
        responses.noContent(exchange);
    }

    private void upload(HttpServerExchange exchange, byte[] body) throws Exception {
        String contentType = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new ApiError(
                            415,
                            "invalid_request_error",
                            "unsupported_media_type",
                            null,
                            "send the plugin jar as the raw request body, for example: curl --data-binary @my-plugin.jar"
                                    + " -H 'Content-Type: application/java-archive'",
                            null)
                    .exception();
        }
        if (body.length == 0) {
            throw ApiError.invalidRequest("invalid_plugin", null, "the request body is empty; send a plugin jar")
                    .exception();
        }
        try {
            send(exchange, 201, plugins.install(body));
        } catch (InvalidPluginException e) {
            throw ApiError.invalidRequest("invalid_plugin", null, e.getMessage())
                    .exception();
        }
    }

    private void send(HttpServerExchange exchange, int status, PluginInfo plugin) {
        responses.send(exchange, status, describe(plugin));
    }

    private Map<String, Object> describe(PluginInfo plugin) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", plugin.id());
        body.put("object", "plugin");
        body.put("version", plugin.version());
        body.put("state", plugin.state().name());
        body.put("adapterTypes", plugin.adapterTypes());
        body.put("error", plugin.error());
        body.put("file", plugin.file());
        body.put("description", plugin.description());
        body.put("requires", plugin.requires());
        body.put("draining", plugin.draining());
        body.put("providers", usersOf(plugin));
        Map<String, Object> config = new LinkedHashMap<>();
        plugin.configSpecs().forEach((type, spec) -> config.put(type, fields(spec)));
        body.put("config", config);
        return body;
    }

    /** A config spec as the admin API shows it; defaults of secret fields are never shown. */
    private static List<Map<String, Object>> fields(ConfigSpec spec) {
        return spec.fields().stream()
                .map(field -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("name", field.name());
                    out.put("type", field.type().name().toLowerCase(Locale.ROOT));
                    out.put("description", field.description());
                    out.put("required", field.required());
                    out.put("secret", field.secret());
                    out.put("default", field.secret() ? null : field.defaultValue());
                    out.put("allowedValues", field.allowedValues());
                    return out;
                })
                .toList();
    }

    private List<Map<String, String>> usersOf(PluginInfo plugin) {
        return providers.table().providers().stream()
                .map(LiveProvider::provider)
                .filter(provider -> plugin.adapterTypes().contains(provider.type()))
                .map(provider -> Map.of("id", provider.id(), "name", provider.name(), "type", provider.type()))
                .toList();
    }

    private static String id(HttpServerExchange exchange) {
        return AdminRoutes.param(exchange, "id");
    }
}
