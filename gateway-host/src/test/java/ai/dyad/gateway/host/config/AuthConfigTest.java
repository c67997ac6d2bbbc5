package ai.dyad.gateway.host.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AuthConfigTest {

    private static final String STRONG = "q8Vd2LxP0rTz7KmN4wYb9HcJ6sFg1AeU3oRi5";

    @Test
    void developmentNeedsNoSecretAndHasDefaults() {
        GatewayConfig config = ConfigLoader.from(Map.of());
        assertThat(config.auth().production()).isFalse();
        assertThat(config.auth().jwtSecret()).isEmpty();
        assertThat(config.auth().accessTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        assertThat(config.auth().refreshTokenLifetime()).isEqualTo(Duration.ofDays(7));
        assertThat(config.auth().bootstrapAdmin()).isEmpty();
        assertThat(config.auth().bcryptCost()).isEqualTo(12);
        assertThat(config.rateLimits().window()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.rateLimits().maxRequests()).isEqualTo(600);
    }

    @Test
    void productionAcceptsAStrongSecret() {
        GatewayConfig config = ConfigLoader.from(Map.of("GATEWAY_ENV", "production", "JWT_SECRET", STRONG));
        assertThat(config.auth().production()).isTrue();
        assertThat(config.auth().jwtSecret()).contains(STRONG);
        assertThat(config.auth().toString()).doesNotContain(STRONG);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|JWT_SECRET must be set when GATEWAY_ENV=production",
                "short-but-random-9Xq|JWT_SECRET is shorter than 32 characters",
                "changeme-changeme-changeme-changeme-1|JWT_SECRET looks like a default or example value",
                "your-secret-key-goes-here-0123456789|JWT_SECRET looks like a default or example value",
                "abababababababababababababababababab|JWT_SECRET has too few distinct characters"
            })
    void productionRefusesAMissingOrWeakSecretWithoutPrintingIt(String secret, String message) {
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("GATEWAY_ENV", "production", "JWT_SECRET", secret)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message)
                .satisfies(e -> {
                    if (!secret.isEmpty()) {
                        assertThat(e.getMessage()).doesNotContain(secret);
                    }
                });
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "GATEWAY_ENV|staging|GATEWAY_ENV must be development or production",
                "JWT_ACCESS_EXPIRATION_MINUTES|0|JWT_ACCESS_EXPIRATION_MINUTES must be an integer from 1 to 1440",
                "JWT_REFRESH_EXPIRATION_DAYS|many|JWT_REFRESH_EXPIRATION_DAYS must be an integer from 1 to 365",
                "RATE_LIMIT_WINDOW_MS|10|RATE_LIMIT_WINDOW_MS must be an integer from 1000",
                "RATE_LIMIT_MAX_REQUESTS|-1|RATE_LIMIT_MAX_REQUESTS must be an integer from 0",
                "ADMIN_EMAIL|admin@example.com|ADMIN_EMAIL and ADMIN_PASSWORD must be set together",
                "BCRYPT_COST|4|BCRYPT_COST must be an integer from 10 to 15"
            })
    void refusesABadValueNamingTheVariable(String name, String value, String message) {
        assertThatThrownBy(() -> ConfigLoader.from(Map.of(name, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void checksTheBootstrapAdmin() {
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("ADMIN_EMAIL", "not-an-email", "ADMIN_PASSWORD", "x")))
                .hasMessageStartingWith("ADMIN_EMAIL must be an email address");
        assertThatThrownBy(() -> ConfigLoader.from(Map.of("ADMIN_EMAIL", "a@b.c", "ADMIN_PASSWORD", "short")))
                .hasMessageStartingWith("ADMIN_PASSWORD must be 12 to 72 bytes long")
                .hasMessageNotContaining("short");
        var admin = ConfigLoader.from(Map.of("ADMIN_EMAIL", "a@b.c", "ADMIN_PASSWORD", "long enough password"))
                .auth()
                .bootstrapAdmin()
                .orElseThrow();
        assertThat(admin.email()).isEqualTo("a@b.c");
        assertThat(admin.toString()).doesNotContain("long enough password");
    }
}
