package ai.dyad.gateway.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {

    @Test
    void usesDefaultsWhenNothingIsSet() {
        GatewayConfig config = ConfigLoader.from(Map.of());
        assertThat(config.port()).isEqualTo(3000);
        assertThat(config.host()).isEqualTo("127.0.0.1");
        assertThat(config.mongodbUrl()).isEmpty();
        assertThat(config.maxRequestSize()).isEqualTo(10L * 1024 * 1024);
        assertThat(config.defaultTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.apiKeyPrefix()).isEqualTo("sk-dyad-");
        assertThat(config.routing()).isEqualTo(RoutingConfig.defaults());
    }

    @Test
    void readsTheRoutingSettings() {
        RoutingConfig routing = ConfigLoader.from(Map.of(
                        "MAX_RETRIES", "0",
                        "CIRCUIT_BREAKER_THRESHOLD", "2",
                        "CIRCUIT_BREAKER_TIMEOUT_MS", "500",
                        "HEALTH_CHECK_INTERVAL_MS", "0",
                        "HEALTH_DETAILED_PUBLIC", "TRUE"))
                .routing();
        assertThat(routing).isEqualTo(new RoutingConfig(0, 2, Duration.ofMillis(500), Duration.ZERO, true));
    }

    @Test
    void readsSizesWithUnits() {
        assertThat(ConfigLoader.from(Map.of("MAX_REQUEST_SIZE", "512kb")).maxRequestSize())
                .isEqualTo(512 * 1024);
        assertThat(ConfigLoader.from(Map.of("MAX_REQUEST_SIZE", "2048")).maxRequestSize())
                .isEqualTo(2048);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "PORT|abc|PORT must be an integer from 0 to 65535",
                "PORT|70000|PORT must be an integer from 0 to 65535",
                "DEFAULT_TIMEOUT_MS|-5|DEFAULT_TIMEOUT_MS must be an integer",
                "MAX_REQUEST_SIZE|ten megabytes|MAX_REQUEST_SIZE must be a size",
                "LOG_LEVEL|loud|LOG_LEVEL must be one of",
                "MONGODB_URL|postgres://x|MONGODB_URL must start with mongodb://",
                "REDIS_URL|localhost:6379|REDIS_URL must start with redis://",
                "API_KEY_PREFIX|has space|API_KEY_PREFIX must be",
                "MAX_RETRIES|11|MAX_RETRIES must be an integer from 0 to 10",
                "CIRCUIT_BREAKER_THRESHOLD|0|CIRCUIT_BREAKER_THRESHOLD must be an integer from 1",
                "CIRCUIT_BREAKER_TIMEOUT_MS|soon|CIRCUIT_BREAKER_TIMEOUT_MS must be an integer",
                "HEALTH_CHECK_INTERVAL_MS|-1|HEALTH_CHECK_INTERVAL_MS must be an integer from 0",
                "HEALTH_DETAILED_PUBLIC|maybe|HEALTH_DETAILED_PUBLIC must be true or false",
                "SECRETS_KEY|not base64!|SECRETS_KEY must be 32 bytes in base64",
                "SECRETS_KEY|c2hvcnQ=|SECRETS_KEY must be 32 bytes in base64",
                "SECRETS_KEY_PREVIOUS|c2hvcnQ=|SECRETS_KEY_PREVIOUS must be 32 bytes in base64",
                "REGISTRY_REFRESH_MS|10|REGISTRY_REFRESH_MS must be an integer from 100 to 3600000"
            })
    void refusesABadValueNamingTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.from(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    private static final String KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

    @Test
    void readsTheSecretsKeysAndRefreshInterval() {
        GatewayConfig config = ConfigLoader.from(Map.of(
                "SECRETS_KEY",
                KEY,
                "SECRETS_KEY_PREVIOUS",
                "c2Vjb25kLWtleS1zZWNvbmQta2V5LXNlY29uZC1rZXk=, " + KEY,
                "REGISTRY_REFRESH_MS",
                "250"));

        assertThat(config.secretsKey())
                .hasValueSatisfying(key -> assertThat(key.reveal()).isEqualTo(KEY));
        assertThat(config.secretsKeyPrevious()).hasSize(2);
        assertThat(config.registryRefresh()).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigLoader.from(Map.of()).registryRefresh()).isEqualTo(Duration.ofSeconds(1));
        assertThat(ConfigLoader.from(Map.of()).secretsKey()).isEmpty();
    }

    @Test
    void neverPrintsTheSecretsKey() {
        GatewayConfig config = ConfigLoader.from(Map.of("SECRETS_KEY", KEY));

        assertThat(config.toString()).doesNotContain(KEY);
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("SECRETS_KEY", "sk-this-is-not-base64-but-secret")))
                .hasMessageNotContaining("sk-this-is-not-base64-but-secret");
    }

    @Test
    void requiresTheSecretsKeyWithASharedDatabase() {
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("MONGODB_URL", "mongodb://db:27017")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("SECRETS_KEY is required when MONGODB_URL is set");
        assertThat(ConfigLoader.from(Map.of("MONGODB_URL", "mongodb://db:27017", "SECRETS_KEY", KEY))
                        .mongodbUrl())
                .contains("mongodb://db:27017");
    }

    @Test
    void readsThePluginSettings() {
        GatewayConfig defaults = ConfigLoader.from(Map.of());
        assertThat(defaults.pluginsHotDeploy()).isTrue();
        assertThat(defaults.pluginUploadMaxSize()).isEqualTo(64L * 1024 * 1024);

        GatewayConfig set = ConfigLoader.from(Map.of("PLUGINS_HOT_DEPLOY", "false", "PLUGIN_UPLOAD_MAX_SIZE", "5mb"));
        assertThat(set.pluginsHotDeploy()).isFalse();
        assertThat(set.pluginUploadMaxSize()).isEqualTo(5L * 1024 * 1024);

        assertThatThrownBy(() -> ConfigLoader.from(Map.of("PLUGINS_HOT_DEPLOY", "sometimes")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PLUGINS_HOT_DEPLOY must be true or false");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("PLUGIN_UPLOAD_MAX_SIZE", "huge")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PLUGIN_UPLOAD_MAX_SIZE must be a size");
    }
}
