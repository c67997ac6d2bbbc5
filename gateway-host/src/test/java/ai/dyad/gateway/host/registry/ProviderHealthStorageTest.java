package ai.dyad.gateway.host.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The health write the checker makes must leave the rest of the provider, and its version, alone. */
class ProviderHealthStorageTest {

    @TempDir
    Path data;

    @Test
    void updatesOnlyTheHealthAndNotTheVersion() {
        try (Store store = Store.open(Optional.empty(), data, Clock.systemUTC())) {
            Provider saved = store.providers()
                    .insert(Provider.create(
                            "p", "http-echo", Map.of("baseUrl", "x"), List.of(ProviderModel.named("m"))));
            HealthStatus health = new HealthStatus("degraded", Instant.parse("2026-01-02T03:04:05Z"), 42, 0.25, 0.9);
            store.providers().updateHealth(saved.id(), health);

            Provider reread = store.providers().findByName("p").orElseThrow();
            assertThat(reread.healthStatus()).isEqualTo(health);
            assertThat(reread.version()).isEqualTo(saved.version());
            assertThat(reread.config()).isEqualTo(saved.config());
            assertThat(reread.models()).isEqualTo(saved.models());
            assertThat(reread.updatedAt()).isEqualTo(saved.updatedAt());
        }
    }

    @Test
    void ignoresAnIdThatIsNotAStoreId() {
        try (Store store = Store.open(Optional.empty(), data, Clock.systemUTC())) {
            store.providers().updateHealth("not-an-object-id", HealthStatus.unknown());
            assertThat(store.providers().count()).isZero();
        }
    }
}
