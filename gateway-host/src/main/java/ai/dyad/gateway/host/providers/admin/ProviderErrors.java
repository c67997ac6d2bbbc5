package ai.dyad.gateway.host.providers.admin;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.providers.InvalidProviderException;
import ai.dyad.gateway.host.providers.ProviderNotFoundException;
import ai.dyad.gateway.host.registry.DuplicateNameException;
import ai.dyad.gateway.host.registry.StaleVersionException;

/** Turns what the provider service refuses into API errors: the one place these statuses are chosen. */
final class ProviderErrors {

    private ProviderErrors() {}

    /** The API error for {@code e}, or {@code null} when it is not one of the service's refusals. */
    static ApiError of(RuntimeException e) {
        return switch (e) {
            case InvalidProviderException invalid ->
                ApiError.invalidRequest(invalid.code(), invalid.param(), invalid.getMessage());
            case ProviderNotFoundException notFound ->
                ApiError.notFound("provider_not_found", "id", notFound.getMessage());
            case StaleVersionException stale -> conflict("version_conflict", "version", stale.getMessage());
            case DuplicateNameException duplicate ->
                conflict("duplicate_name", "name", "a provider named '" + duplicate.name() + "' already exists");
            default -> null;
        };
    }

    private static ApiError conflict(String code, String param, String message) {
        return new ApiError(409, "invalid_request_error", code, param, message, null);
    }
}
