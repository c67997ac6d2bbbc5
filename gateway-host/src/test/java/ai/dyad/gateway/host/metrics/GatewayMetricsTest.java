package ai.dyad.gateway.host.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.host.calls.CallInfo;
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.calls.CallResult;
import java.io.StringWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hooks other features use, as the Prometheus exposition shows them. */
class GatewayMetricsTest {

    private final GatewayMetrics metrics = GatewayMetrics.create();

    @Test
    void labelValuesSurviveDotsCommasAndQuotes() {
        String name = MetricNames.labelled("family", "model", "gpt-4.1,mini=\"x\"}", "type", "input");
        MetricNames.Parsed parsed = MetricNames.parse(name);
        assertThat(parsed.family()).isEqualTo("family");
        assertThat(parsed.labelNames()).containsExactly("model", "type");
        assertThat(parsed.labelValues()).containsExactly("gpt-4.1,mini=\"x\"}", "input");
    }

    @Test
    void exportsCircuitBreakerStatesOneHotAndFollowsChanges() throws Exception {
        Map<String, String> states = new LinkedHashMap<>(Map.of("openai", "CLOSED", "claude.cli", "OPEN"));
        metrics.watchCircuitBreakers(() -> states);
        String first = scrape();
        assertThat(first)
                .contains("gateway_circuit_breaker_state{provider=\"openai\",state=\"closed\",} 1.0")
                .contains("gateway_circuit_breaker_state{provider=\"openai\",state=\"open\",} 0.0")
                .contains("gateway_circuit_breaker_state{provider=\"claude.cli\",state=\"open\",} 1.0");

        states.put("openai", "HALF_OPEN");
        states.remove("claude.cli");
        String second = scrape();
        assertThat(second)
                .contains("gateway_circuit_breaker_state{provider=\"openai\",state=\"half_open\",} 1.0")
                .contains("gateway_circuit_breaker_state{provider=\"openai\",state=\"closed\",} 0.0")
                .doesNotContain("claude.cli");
    }

    @Test
    void countsRateLimitRejectionsAndCacheLookups() throws Exception {
        metrics.rateLimitRejected("requests");
        metrics.rateLimitRejected("requests");
        metrics.rateLimitRejected("tokens");
        metrics.cacheLookup(true);
        metrics.cacheLookup(false);
        assertThat(scrape())
                .contains("# TYPE gateway_rate_limit_rejections_total counter")
                .contains("gateway_rate_limit_rejections_total{limit=\"requests\",} 2.0")
                .contains("gateway_rate_limit_rejections_total{limit=\"tokens\",} 1.0")
                .contains("gateway_cache_requests_total{result=\"hit\",} 1.0");
    }

    @Test
    void countsCallsTokensErrorsAndActiveStreams() throws Exception {
        CallObserver calls = metrics.calls();
        CallInfo stream = new CallInfo("r1", "k1", "demo", "gpt-4.1", true, false);
        calls.onStart(stream);
        calls.onFirstChunk(stream, Duration.ofMillis(120));
        assertThat(scrape()).contains("gateway_active_streams 1.0");
        calls.onEnd(
                stream,
                new CallResult(
                        CallResult.Outcome.COMPLETED, Usage.of(10, 4), null, Duration.ofMillis(300), Duration.ZERO));
        CallInfo failing = new CallInfo("r2", "k1", "demo", "gpt-4.1", false, false);
        calls.onStart(failing);
        calls.onEnd(
                failing,
                new CallResult(CallResult.Outcome.TIMED_OUT, null, ErrorKind.TIMEOUT, Duration.ofSeconds(1), null));
        CallInfo hit = new CallInfo("r3", "k1", "demo", "gpt-4.1", false, true);
        calls.onStart(hit);
        calls.onEnd(hit, new CallResult(CallResult.Outcome.COMPLETED, Usage.of(10, 4), null, Duration.ZERO, null));

        assertThat(scrape())
                .contains("gateway_active_streams 0.0")
                .contains("gateway_provider_requests_total{provider=\"demo\",model=\"gpt-4.1\",} 2.0")
                .contains("gateway_provider_errors_total{provider=\"demo\",error_type=\"timeout\",} 1.0")
                .contains("gateway_tokens_processed_total{model=\"gpt-4.1\",type=\"input\",} 20.0")
                .contains("gateway_tokens_processed_total{model=\"gpt-4.1\",type=\"output\",} 8.0")
                .contains("gateway_time_to_first_token_seconds_count{provider=\"demo\",model=\"gpt-4.1\",} 1.0")
                .contains(
                        "gateway_time_to_first_token_seconds{provider=\"demo\",model=\"gpt-4.1\",quantile=\"0.5\",} 0.12");
    }

    @Test
    void exportsPluginCountsByState() throws Exception {
        metrics.watchPluginStates(() -> Map.of("STARTED", 3, "FAILED", 1));
        assertThat(scrape())
                .contains("gateway_plugins{state=\"started\",} 3.0")
                .contains("gateway_plugins{state=\"failed\",} 1.0");
    }

    private String scrape() throws Exception {
        StringWriter out = new StringWriter();
        metrics.write(out, GatewayMetrics.contentType(null));
        return out.toString();
    }
}
