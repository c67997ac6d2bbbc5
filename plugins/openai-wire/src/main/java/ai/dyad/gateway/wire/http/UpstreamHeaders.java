package ai.dyad.gateway.wire.http;

import ai.dyad.gateway.api.config.ProviderSettings;
import ai.dyad.gateway.wire.config.WireSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers a provider sends upstream: its configured {@code headers} (secret as a whole) plus its
 * credentials, with a {@link Redactor} that hides every secret value from error messages.
 */
public final class UpstreamHeaders {

    private final Map<String, String> headers = new LinkedHashMap<>();
    private final List<String> secrets = new ArrayList<>();

    private UpstreamHeaders() {}

    /** No headers yet. */
    public static UpstreamHeaders none() {
        return new UpstreamHeaders();
    }

    /** The provider's configured headers; their values may hold credentials, so all count as secret. */
    public static UpstreamHeaders configured(ProviderSettings settings) {
        UpstreamHeaders upstream = none();
        settings.stringMap(WireSettings.HEADERS).forEach(upstream::secret);
        return upstream;
    }

    /** Adds a header whose value is a secret; a null value adds nothing. */
    public UpstreamHeaders secret(String name, String value) {
        if (value != null) {
            headers.put(name, value);
            secrets.add(value);
        }
        return this;
    }

    /** Adds {@code Authorization: Bearer <key>}; a null key adds nothing. */
    public UpstreamHeaders bearer(String key) {
        if (key != null) {
            headers.put("Authorization", "Bearer " + key);
            secrets.add(key);
        }
        return this;
    }

    /** Adds a header that is not a secret. */
    public UpstreamHeaders plain(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Map<String, String> headers() {
        return new LinkedHashMap<>(headers);
    }

    Redactor redactor() {
        return Redactor.of(secrets.toArray(String[]::new));
    }
}
