package ai.dyad.gateway.host.metrics;

import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.host.calls.CallInfo;
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.calls.CallResult;
import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Provider calls as metrics. Answers from the response cache count their tokens (they are still usage)
 * but not as provider requests, since no provider was asked.
 */
final class CallMetrics implements CallObserver {

    private final MetricRegistry registry;
    private final Counter activeStreams;

    CallMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.activeStreams = registry.counter("gateway_active_streams");
    }

    @Override
    public void onStart(CallInfo call) {
        if (call.stream() && !call.cached()) {
            activeStreams.inc();
        }
    }

    @Override
    public void onFirstChunk(CallInfo call, Duration sinceStart) {
        if (call.stream() && !call.cached()) {
            registry.timer(MetricNames.labelled(
                            "gateway_time_to_first_token_seconds", "provider", call.provider(), "model", call.model()))
                    .update(sinceStart.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void onEnd(CallInfo call, CallResult result) {
        if (!call.cached()) {
            if (call.stream()) {
                activeStreams.dec();
            }
            registry.meter(MetricNames.labelled(
                            "gateway_provider_requests", "provider", call.provider(), "model", call.model()))
                    .mark();
            registry.timer(MetricNames.labelled(
                            "gateway_provider_request_duration_seconds",
                            "provider",
                            call.provider(),
                            "model",
                            call.model()))
                    .update(result.duration().toNanos(), TimeUnit.NANOSECONDS);
            if (result.error() != null) {
                registry.meter(MetricNames.labelled(
                                "gateway_provider_errors",
                                "provider",
                                call.provider(),
                                "error_type",
                                result.error().name().toLowerCase(Locale.ROOT)))
                        .mark();
            }
        }
        Usage usage = result.usage();
        if (usage != null) {
            tokens(call.model(), "input").mark(usage.promptTokens());
            tokens(call.model(), "output").mark(usage.completionTokens());
        }
    }

    private com.codahale.metrics.Meter tokens(String model, String type) {
        return registry.meter(MetricNames.labelled("gateway_tokens_processed", "model", model, "type", type));
    }
}
