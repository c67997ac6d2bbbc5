package ai.dyad.gateway.host.providers.admin;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.providers.ProviderDraft;
import ai.dyad.gateway.host.registry.HealthStatus;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A provider in the admin API, both ways: the response shape ({@code id}, no internal fields, secrets
 * masked by the caller) and the request body of POST and PUT. New provider fields are added here.
 */
final class ProviderJson {

    /** Fields a client may set. */
    private static final Set<String> WRITABLE =
            Set.of("name", "type", "enabled", "config", "models", "priority", "weight", "timeoutMs");
    /** Fields of the response a client may send back unchanged (a PUT of what it read); they are ignored. */
    private static final Set<String> READ_ONLY = Set.of("id", "version", "healthStatus", "createdAt", "updatedAt");

    private static final int MAX_NAME_LENGTH = 100;

    private final JsonFields fields;
    private final ProviderModelJson models;

    ProviderJson(JsonFields fields) {
        this.fields = fields;
        this.models = new ProviderModelJson(fields);
    }

    /** The response shape; {@code maskedConfig} is the provider's config with its secrets masked. */
    static Map<String, Object> toJson(Provider provider, Map<String, Object> maskedConfig) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", provider.id());
        json.put("name", provider.name());
        json.put("type", provider.type());
        json.put("enabled", provider.enabled());
        json.put("config", maskedConfig);
        json.put(
                "models",
                provider.models().stream().map(ProviderModelJson::toJson).toList());
        json.put("priority", provider.priority());
        json.put("weight", provider.weight());
        json.put("timeoutMs", provider.timeoutMs());
        json.put("healthStatus", health(provider.healthStatus()));
        json.put("createdAt", text(provider.createdAt()));
        json.put("updatedAt", text(provider.updatedAt()));
        json.put("version", provider.version());
        return json;
    }

    /** A POST or PUT body as a draft: {@code name} and {@code type} required, the rest defaulted. */
    ProviderDraft parse(JsonNode body) {
        body.fieldNames().forEachRemaining(name -> {
            if (!WRITABLE.contains(name) && !READ_ONLY.contains(name)) {
                throw ApiError.invalidRequest(
                                "unknown_parameter",
                                name,
                                "unknown field '" + name + "'; a provider has " + String.join(", ", sorted(WRITABLE)))
                        .exception();
            }
        });
        String name = fields.requiredString(body, "name", "name");
        if (name.isBlank() || name.length() > MAX_NAME_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw JsonFields.invalid(
                    "name",
                    "'name' must be 1 to " + MAX_NAME_LENGTH + " characters, not blank, without control characters");
        }
        String type = fields.requiredString(body, "type", "type");
        Boolean enabled = fields.bool(body, "enabled", "enabled");
        Map<String, Object> config = fields.object(body, "config", "config");
        List<JsonNode> modelNodes = fields.array(body, "models", "models");
        List<ProviderModel> parsedModels = new ArrayList<>();
        if (modelNodes != null) {
            for (int i = 0; i < modelNodes.size(); i++) {
                parsedModels.add(models.parse(modelNodes.get(i), "models[" + i + "]"));
            }
        }
        Integer priority = fields.integer(body, "priority", "priority", 0, 1_000_000);
        Integer weight = fields.integer(body, "weight", "weight", 1, 1_000_000);
        Integer timeoutMs = fields.integer(body, "timeoutMs", "timeoutMs", 1, 3_600_000);
        return new ProviderDraft(
                name,
                type,
                enabled == null || enabled,
                config == null ? Map.of() : config,
                parsedModels,
                priority == null ? 0 : priority,
                weight == null ? 1 : weight,
                timeoutMs == null ? null : timeoutMs.longValue());
    }

    private static Map<String, Object> health(HealthStatus health) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", health.status());
        json.put("lastCheck", text(health.lastCheck()));
        json.put("responseTimeMs", health.responseTimeMs());
        json.put("errorRate", health.errorRate());
        json.put("availability", health.availability());
        return json;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static List<String> sorted(Set<String> names) {
        return names.stream().sorted().toList();
    }
}
