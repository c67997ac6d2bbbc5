package ai.dyad.gateway.host.metrics;

import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.http.CompletedRequest;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.dropwizard.DropwizardExports;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The gateway's metrics: a Dropwizard {@link MetricRegistry} exposed in Prometheus format through the
 * Prometheus client's Dropwizard bridge. Other features record here through the hooks below; every label
 * value they pass must come from a bounded set (route templates, provider and model names, error kinds),
 * never from raw paths or key ids.
 *
 * <ul>
 *   <li>{@link #calls()} is the {@link CallObserver} for provider calls (requests, errors, tokens,
 *       time to first token, active streams);
 *   <li>{@link #requests()} listens to completed HTTP requests;
 *   <li>{@link #rateLimitRejected(String)}: call it when a rate limit turns a request away;
 *   <li>{@link #watchCircuitBreakers(Supplier)}: register the routing feature's breaker states;
 *   <li>{@link #watchPluginStates(Supplier)}: register plugin counts by state;
 *   <li>{@link #registry()} for a feature's own metrics, named with {@link MetricNames#labelled}.
 * </ul>
 */
public final class GatewayMetrics {

    /** Circuit-breaker states always exported (as 0 or 1), so a state left does not just vanish. */
    private static final List<String> BREAKER_STATES =
            List.of("closed", "open", "half_open", "disabled", "forced_open", "metrics_only");

    private final MetricRegistry registry;
    private final CollectorRegistry prometheus = new CollectorRegistry();
    private final DynamicGauges dynamic;

    private GatewayMetrics(MetricRegistry registry) {
        this.registry = registry;
        this.dynamic = new DynamicGauges(registry);
        JvmMetrics.register(registry);
        prometheus.register(new DropwizardExports(registry, new LabelledSampleBuilder()));
    }

    /** Metrics on a registry of their own, with the JVM's memory, GC and thread gauges. */
    public static GatewayMetrics create() {
        return new GatewayMetrics(new MetricRegistry());
    }

    /** The Dropwizard registry, for a feature's own metrics. */
    public MetricRegistry registry() {
        return registry;
    }

    /** The observer that turns provider calls into metrics. */
    public CallObserver calls() {
        return new CallMetrics(registry);
    }

    /** The listener that turns completed HTTP requests into metrics. */
    public CompletedRequest.Listener requests() {
        return new RequestMetrics(registry);
    }

    /** Counts one request turned away by a rate limit; {@code limit} names which (such as "requests"). */
    public void rateLimitRejected(String limit) {
        registry.meter(MetricNames.labelled("gateway_rate_limit_rejections", "limit", limit))
                .mark();
    }

    /** Counts one response-cache lookup. */
    public void cacheLookup(boolean hit) {
        registry.meter(MetricNames.labelled("gateway_cache_requests", "result", hit ? "hit" : "miss"))
                .mark();
    }

    /**
     * Exports {@code gateway_circuit_breaker_state{provider,state}}: 1 for each provider's current state, 0
     * for the others. The supplier (provider name to state name, such as {@code "half_open"}) is asked at
     * each scrape.
     */
    public void watchCircuitBreakers(Supplier<Map<String, String>> stateByProvider) {
        dynamic.add("gateway_circuit_breaker_state", List.of("provider", "state"), () -> {
            Map<List<String>, Number> values = new LinkedHashMap<>();
            stateByProvider.get().forEach((provider, state) -> {
                String current = state.toLowerCase(Locale.ROOT);
                for (String known : BREAKER_STATES) {
                    values.put(List.of(provider, known), known.equals(current) ? 1 : 0);
                }
                values.put(List.of(provider, current), 1);
            });
            return values;
        });
    }

    /** Exports {@code gateway_plugins{state}}, the number of plugins in each state, asked at each scrape. */
    public void watchPluginStates(Supplier<Map<String, Integer>> countsByState) {
        dynamic.add("gateway_plugins", List.of("state"), () -> {
            Map<List<String>, Number> values = new LinkedHashMap<>();
            countsByState.get().forEach((state, count) -> values.put(List.of(state.toLowerCase(Locale.ROOT)), count));
            return values;
        });
    }

    /** Writes every metric in the format {@code contentType} names (see {@link #contentType(String)}). */
    public void write(Writer out, String contentType) throws IOException {
        dynamic.sync();
        TextFormat.writeFormat(contentType, out, prometheus.metricFamilySamples());
    }

    /** The exposition format to answer a scrape's {@code Accept} header with (Prometheus text or OpenMetrics). */
    public static String contentType(String accept) {
        return TextFormat.chooseContentType(accept);
    }
}
