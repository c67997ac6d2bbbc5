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
                "API_KEY_PREFIX|has space|API_KEY_PREFIX must be"
            })
    void refusesABadValueNamingTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.from(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
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
