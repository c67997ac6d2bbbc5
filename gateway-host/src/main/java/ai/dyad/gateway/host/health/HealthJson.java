package ai.dyad.gateway.host.health;

import ai.dyad.gateway.host.registry.HealthStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** A provider's {@link HealthStatus} in the JSON shape the registry and the reports use. */
final class HealthJson {

    private HealthJson() {}

    static Map<String, Object> status(HealthStatus status) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", status.status());
        body.put(
                "lastCheck",
                status.lastCheck() == null ? null : status.lastCheck().toString());
        body.put("responseTime", status.responseTimeMs());
        body.put("errorRate", status.errorRate());
        body.put("availability", status.availability());
        return body;
    }
}
