package ai.dyad.gateway.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OperationsConfigTest {

    @Test
    void hasSafeDefaults() {
        OperationsConfig ops = OperationsConfig.defaults();
        assertThat(ops.metricsEnabled()).isTrue();
        assertThat(ops.logging().format()).isEqualTo(OperationsConfig.LogFormat.DEV);
        assertThat(ops.logging().file()).isEmpty();
        assertThat(ops.logging().requestLogging()).isTrue();
        assertThat(ops.logging().logPrompts()).isFalse();
        assertThat(ops.http().securityHeaders()).isTrue();
        assertThat(ops.http().corsOrigins()).isEmpty();
        assertThat(ops.http().compression()).isTrue();
        assertThat(ops.http().http2()).isTrue();
        assertThat(ops.http().idleTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(ops.cache().enabled()).isTrue();
        assertThat(ops.cache().ttl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ops.cache().maxEntries()).isEqualTo(1000);
        assertThat(ops.shutdownGrace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void readsEveryVariable() {
        OperationsConfig ops = ConfigLoader.from(Map.ofEntries(
                        Map.entry("METRICS_ENABLED", "false"),
                        Map.entry("LOG_FORMAT", "JSON"),
                        Map.entry("LOG_FILE", "/var/log/dyad.log"),
                        Map.entry("ENABLE_REQUEST_LOGGING", "no"),
                        Map.entry("LOG_PROMPTS", "true"),
                        Map.entry("HELMET_ENABLED", "0"),
                        Map.entry("CORS_ORIGIN", "https://a.example.com, http://localhost:5173"),
                        Map.entry("COMPRESSION_ENABLED", "off"),
                        Map.entry("ENABLE_HTTP2", "false"),
                        Map.entry("REQUEST_PARSE_TIMEOUT_MS", "1500"),
                        Map.entry("REQUEST_BODY_TIMEOUT_MS", "2500"),
                        Map.entry("NO_REQUEST_TIMEOUT_MS", "3500"),
                        Map.entry("DEFAULT_TIMEOUT_MS", "1000"),
                        Map.entry("IDLE_TIMEOUT_MS", "4500"),
                        Map.entry("CACHE_ENABLED", "false"),
                        Map.entry("CACHE_TTL_MS", "60000"),
                        Map.entry("CACHE_MAX_ENTRIES", "42"),
                        Map.entry("CACHE_DISABLED_PROVIDERS", "a, b"),
                        Map.entry("SHUTDOWN_GRACE_MS", "5000")))
                .operations();
        assertThat(ops.metricsEnabled()).isFalse();
        assertThat(ops.logging().format()).isEqualTo(OperationsConfig.LogFormat.JSON);
        assertThat(ops.logging().file()).contains(Path.of("/var/log/dyad.log"));
        assertThat(ops.logging().requestLogging()).isFalse();
        assertThat(ops.logging().logPrompts()).isTrue();
        assertThat(ops.http().securityHeaders()).isFalse();
        assertThat(ops.http().corsOrigins()).containsExactly("https://a.example.com", "http://localhost:5173");
        assertThat(ops.http().compression()).isFalse();
        assertThat(ops.http().http2()).isFalse();
        assertThat(ops.http().requestParseTimeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(ops.http().requestBodyTimeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(ops.http().noRequestTimeout()).isEqualTo(Duration.ofMillis(3500));
        assertThat(ops.http().idleTimeout()).isEqualTo(Duration.ofMillis(4500));
        assertThat(ops.cache().enabled()).isFalse();
        assertThat(ops.cache().ttl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(ops.cache().maxEntries()).isEqualTo(42);
        assertThat(ops.cache().disabledProviders()).isEqualTo(Set.of("a", "b"));
        assertThat(ops.shutdownGrace()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void derivesTheIdleTimeoutFromTheCallDeadline() {
        assertThat(ConfigLoader.from(Map.of("DEFAULT_TIMEOUT_MS", "600000"))
                        .operations()
                        .http()
                        .idleTimeout())
                .isEqualTo(Duration.ofMinutes(11));
        assertThat(ConfigLoader.from(Map.of("CORS_ORIGIN", "*"))
                        .operations()
                        .http()
                        .corsOrigins())
                .isEqualTo(List.of("*"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "METRICS_ENABLED|maybe|METRICS_ENABLED must be true or false",
                "LOG_FORMAT|xml|LOG_FORMAT must be dev or json",
                "CORS_ORIGIN|app.example.com|CORS_ORIGIN must be * or a comma-separated list",
                "CORS_ORIGIN|*, https://a.example.com|CORS_ORIGIN must be *",
                "IDLE_TIMEOUT_MS|1000|IDLE_TIMEOUT_MS must be longer than DEFAULT_TIMEOUT_MS",
                "CACHE_MAX_ENTRIES|0|CACHE_MAX_ENTRIES must be an integer",
                "SHUTDOWN_GRACE_MS|soon|SHUTDOWN_GRACE_MS must be an integer",
                "REQUEST_PARSE_TIMEOUT_MS|-1|REQUEST_PARSE_TIMEOUT_MS must be an integer"
            })
    void refusesABadValueNamingTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.from(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }
}
