package ai.dyad.gateway.host.auth;

import static ai.dyad.gateway.host.http.JsonFields.absent;
import static ai.dyad.gateway.host.http.JsonFields.invalid;
import static ai.dyad.gateway.host.http.JsonFields.invalidType;

import ai.dyad.gateway.host.http.JsonFields;
import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.ApiKeyRateLimit;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the body of {@code POST} and {@code PATCH /admin/api-keys}: every field checked, unknown fields
 * refused (a typo in an admin call should not pass silently). For a patch, absent fields stay as they are
 * and {@code null} clears an optional one.
 */
final class ApiKeyInput {

    private static final Set<String> FIELDS =
            Set.of("name", "permissions", "allowedModels", "enabled", "expiresAt", "rateLimit", "userId");
    private static final Set<String> RATE_FIELDS = Set.of("requestsPerMinute", "tokensPerMinute");
    private static final Set<String> DEFAULT_PERMISSIONS = Set.of("chat", "embeddings", "models");
    private static final Pattern MODEL_PATTERN = Pattern.compile("[A-Za-z0-9._:/@*+-]{1,200}");
    private static final int MAX_MODELS = 200;

    private final JsonFields fields;
    private final Clock clock;

    ApiKeyInput(JsonFields fields, Clock clock) {
        this.fields = fields;
        this.clock = clock;
    }

    /** A new key's settings (hash and prefix still to be filled in). */
    ApiKey create(JsonNode body) {
        refuseUnknown(body);
        String name = name(body);
        if (name == null) {
            throw JsonFields.missing("name");
        }
        return apply(
                body,
                new ApiKey(
                        null,
                        name,
                        null,
                        null,
                        DEFAULT_PERMISSIONS,
                        true,
                        null,
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        null));
    }

    /** The existing key with the body's changes. */
    ApiKey patch(JsonNode body, ApiKey existing) {
        refuseUnknown(body);
        if (body.has("name") && name(body) == null) {
            throw invalid("name", "'name' cannot be removed");
        }
        return apply(body, existing);
    }

    private ApiKey apply(JsonNode body, ApiKey key) {
        return new ApiKey(
                key.id(),
                body.has("name") ? name(body) : key.name(),
                key.prefix(),
                key.keyHash(),
                body.has("permissions") ? permissions(body) : key.permissions(),
                body.has("enabled") ? enabled(body) : key.enabled(),
                key.createdAt(),
                body.has("allowedModels") ? allowedModels(body) : key.allowedModels(),
                body.has("expiresAt") ? expiresAt(body) : key.expiresAt(),
                body.has("rateLimit") ? rateLimit(body) : key.rateLimit(),
                body.has("userId") ? userId(body) : key.userId(),
                key.lastUsed(),
                key.updatedAt());
    }

    private void refuseUnknown(JsonNode body) {
        body.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw invalid(name, "unknown field '" + name + "'; allowed: " + String.join(", ", FIELDS));
            }
        });
    }

    private String name(JsonNode body) {
        String name = fields.string(body, "name", "name");
        if (name != null && (name.isBlank() || name.length() > 100)) {
            throw invalid("name", "'name' must be 1 to 100 characters");
        }
        return name == null ? null : name.strip();
    }

    private boolean enabled(JsonNode body) {
        Boolean enabled = fields.bool(body, "enabled", "enabled");
        if (enabled == null) {
            throw invalidType("enabled", "true or false");
        }
        return enabled;
    }

    private Set<String> permissions(JsonNode body) {
        Set<String> known = Arrays.stream(Permission.values())
                .map(Permission::wireName)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> permissions = new LinkedHashSet<>();
        List<JsonNode> given = fields.array(body, "permissions", "permissions");
        if (given == null) {
            throw invalidType("permissions", "an array of " + known);
        }
        for (int i = 0; i < given.size(); i++) {
            JsonNode p = given.get(i);
            if (!p.isTextual() || !known.contains(p.textValue())) {
                throw invalid("permissions[" + i + "]", "each permission must be one of " + known);
            }
            permissions.add(p.textValue());
        }
        return permissions;
    }

    private List<String> allowedModels(JsonNode body) {
        List<JsonNode> given = fields.array(body, "allowedModels", "allowedModels");
        if (given == null) {
            return List.of();
        }
        if (given.size() > MAX_MODELS) {
            throw invalid("allowedModels", "'allowedModels' takes at most " + MAX_MODELS + " entries");
        }
        List<String> models = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            JsonNode m = given.get(i);
            if (!m.isTextual() || !MODEL_PATTERN.matcher(m.textValue()).matches()) {
                throw invalid(
                        "allowedModels[" + i + "]",
                        "each entry must be a model id or a pattern with '*', 1-200 characters");
            }
            models.add(m.textValue());
        }
        return List.copyOf(new LinkedHashSet<>(models));
    }

    private Instant expiresAt(JsonNode body) {
        String text = fields.string(body, "expiresAt", "expiresAt");
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid("expiresAt", "'expiresAt' must be an ISO-8601 instant such as 2030-01-31T00:00:00Z");
        }
        if (!at.isAfter(clock.instant())) {
            throw invalid("expiresAt", "'expiresAt' must be in the future");
        }
        return at;
    }

    private ApiKeyRateLimit rateLimit(JsonNode body) {
        JsonNode limit = body.get("rateLimit");
        if (absent(limit)) {
            return null;
        }
        if (!limit.isObject()) {
            throw invalidType("rateLimit", "an object with requestsPerMinute and/or tokensPerMinute");
        }
        limit.fieldNames().forEachRemaining(name -> {
            if (!RATE_FIELDS.contains(name)) {
                throw invalid("rateLimit." + name, "unknown field; allowed: requestsPerMinute, tokensPerMinute");
            }
        });
        return ApiKeyRateLimit.of(
                fields.integer(limit, "requestsPerMinute", "rateLimit.requestsPerMinute", 1, 10_000_000),
                fields.integer(limit, "tokensPerMinute", "rateLimit.tokensPerMinute", 1, 1_000_000_000));
    }

    private String userId(JsonNode body) {
        String userId = fields.string(body, "userId", "userId");
        if (userId != null && !userId.matches("[0-9a-f]{24}")) {
            throw invalid("userId", "'userId' must be a user id (24 hex characters)");
        }
        return userId;
    }
}
