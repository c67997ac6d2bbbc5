package ai.dyad.gateway.host.registry.changes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.testing.Ask;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Change counters in a real (embedded) store, two notifiers standing in for two instances, no Redis. */
@Timeout(60)
class RegistryChangesTest {

    @TempDir
    Path dataDir;

    private Store store;

    @BeforeEach
    void open() {
        store = Store.open(Optional.empty(), dataDir, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void publishingReloadsThisInstanceBeforeReturning() {
        try (RegistryChanges changes =
                new RegistryChanges(store.changeCounters(), Optional.empty(), Duration.ofHours(1))) {
            AtomicInteger providers = new AtomicInteger();
            AtomicInteger keys = new AtomicInteger();
            changes.subscribe(ChangeKind.PROVIDERS, providers::incrementAndGet);
            changes.subscribe(ChangeKind.API_KEYS, keys::incrementAndGet);

            changes.publish(ChangeKind.PROVIDERS);

            assertThat(providers).hasValue(1);
            assertThat(keys).hasValue(0);
            assertThat(store.changeCounters().read()).containsEntry("providers", 1L);
        }
    }

    @Test
    void anotherInstanceNoticesByPollingAndOnlyForTheKindThatChanged() {
        try (RegistryChanges here = new RegistryChanges(store.changeCounters(), Optional.empty(), Duration.ofHours(1));
                RegistryChanges there =
                        new RegistryChanges(store.changeCounters(), Optional.empty(), Duration.ofMillis(100))) {
            AtomicInteger providersThere = new AtomicInteger();
            AtomicInteger pluginsThere = new AtomicInteger();
            there.subscribe(ChangeKind.PROVIDERS, providersThere::incrementAndGet);
            there.subscribe(ChangeKind.PLUGINS, pluginsThere::incrementAndGet);
            there.start();

            here.publish(ChangeKind.PROVIDERS);
            here.publish(ChangeKind.PROVIDERS);

            Ask.eventually(Duration.ofSeconds(10), () -> providersThere.get() >= 1, "the other instance reloads");
            assertThat(pluginsThere).hasValue(0);
        }
    }

    @Test
    void countersStartingOverAfterAResetStillCountAsAChange() {
        try (RegistryChanges here =
                new RegistryChanges(store.changeCounters(), Optional.empty(), Duration.ofHours(1))) {
            here.publish(ChangeKind.API_KEYS);
            here.publish(ChangeKind.API_KEYS);
        }
        try (RegistryChanges there =
                new RegistryChanges(store.changeCounters(), Optional.empty(), Duration.ofMillis(100))) {
            AtomicInteger keysThere = new AtomicInteger();
            there.subscribe(ChangeKind.API_KEYS, keysThere::incrementAndGet);
            there.start();

            store.dropEverything();

            Ask.eventually(Duration.ofSeconds(10), () -> keysThere.get() >= 1, "a reset is noticed");
        }
    }

    @Test
    void aFailedReloadIsTriedAgainOnTheNextPoll() {
        try (RegistryChanges here = new RegistryChanges(store.changeCounters(), Optional.empty(), Duration.ofHours(1));
                RegistryChanges there =
                        new RegistryChanges(store.changeCounters(), Optional.empty(), Duration.ofMillis(100))) {
            AtomicInteger attempts = new AtomicInteger();
            there.subscribe(ChangeKind.PROVIDERS, () -> {
                if (attempts.incrementAndGet() == 1) {
                    throw new IllegalStateException("store briefly unreachable");
                }
            });
            there.start();

            here.publish(ChangeKind.PROVIDERS);

            Ask.eventually(Duration.ofSeconds(10), () -> attempts.get() >= 2, "the reload is retried");
        }
    }
}
