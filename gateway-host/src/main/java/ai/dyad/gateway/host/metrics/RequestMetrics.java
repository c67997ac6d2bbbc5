package ai.dyad.gateway.host.metrics;

import ai.dyad.gateway.host.http.CompletedRequest;
import com.codahale.metrics.MetricRegistry;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Completed HTTP requests as metrics, labelled by method, route template and status. */
final class RequestMetrics implements CompletedRequest.Listener {

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");

    private final MetricRegistry registry;

    RequestMetrics(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onComplete(CompletedRequest request) {
        // Any client can send any method: only the known ones become label values.
        String method = METHODS.contains(request.method()) ? request.method() : "OTHER";
        registry.meter(MetricNames.labelled(
                        "gateway_requests",
                        "method",
                        method,
                        "endpoint",
                        request.route(),
                        "status",
                        Integer.toString(request.status())))
                .mark();
        registry.timer(MetricNames.labelled(
                        "gateway_request_duration_seconds", "method", method, "endpoint", request.route()))
                .update(request.duration().toNanos(), TimeUnit.NANOSECONDS);
    }
}
