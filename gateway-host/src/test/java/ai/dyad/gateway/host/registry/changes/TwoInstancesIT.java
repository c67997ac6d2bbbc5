package ai.dyad.gateway.host.registry.changes;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.AdminClient;
import ai.dyad.gateway.host.testing.Ask;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.TestPlugins;
import ai.dyad.gateway.host.testing.TestRedis;
import com.openai.client.OpenAIClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two gateway instances on one store: a change made through one serves on the other, announced over a real
 * Redis, or found by polling the store's change counters when Redis is absent or down.
 */
@Timeout(120)
class TwoInstancesIT {

    private static final String SHARED_KEY = "dHdvLWluc3RhbmNlcy1zaGFyZS1vbmUta2V5LTAwMDA=";
    /** Long enough that, within a test, only a Redis notice can explain B noticing a change. */
    private static final String NO_POLLING = "3600000";

    private static final Duration HANG_GUARD = Duration.ofSeconds(20);

    @TempDir
    Path homeA;

    @TempDir
    Path homeB;

    private static Map<String, Object> provider(String name, String type, Map<String, Object> config, String model) {
        return Map.of("name", name, "type", type, "config", config, "models", List.of(Map.of("modelId", model)));
    }

    @Test
    void aChangeOnOneInstanceServesOnTheOtherThroughRedis() {
        try (TestRedis redis = TestRedis.start()) {
            Map<String, String> env =
                    Map.of("REDIS_URL", redis.url(), "SECRETS_KEY", SHARED_KEY, "REGISTRY_REFRESH_MS", NO_POLLING);
            TestPlugins.installVault(homeA.resolve("plugins"));
            TestPlugins.installVault(homeB.resolve("plugins"));
            try (TestGateway a = TestGateway.start(homeA, null, env);
                    TestGateway b = TestGateway.start(homeB, a.adminKey(), sharing(a, env))) {
                assertThat(Ask.status(b.openAi(), "made-on-a")).isEqualTo(404);

                long started = System.nanoTime();
                String id = a.admin()
                        .post(
                                "/providers",
                                provider(
                                        "made-on-a",
                                        "vault-echo",
                                        Map.of("apiKey", "sk-shared-0123456789abcdef"),
                                        "made-on-a"))
                        .body()
                        .get("id")
                        .asText();
                long created = System.nanoTime();
                OpenAIClient clientOfB = b.openAi();
                Ask.eventually(HANG_GUARD, () -> Ask.status(clientOfB, "made-on-a") == 200, "B serves A's provider");
                // Printed, not asserted: timings on a shared test machine are not a test of the design.
                System.out.printf(
                        "A created the provider in %d ms; B served it %d ms later%n",
                        (created - started) / 1_000_000, (System.nanoTime() - created) / 1_000_000);
                assertThat(Ask.answer(b.openAi(), "made-on-a", "x"))
                        .as("B decrypts the secret A encrypted: both use SECRETS_KEY")
                        .contains("apiKey=sk-shared-0123456789abcdef");

                AdminClient onB = b.admin();
                assertThat(onB.post("/providers/" + id + "/disable", null).status())
                        .isEqualTo(200);
                Ask.eventually(HANG_GUARD, () -> Ask.status(a.openAi(), "made-on-a") == 404, "A sees B's disable");

                assertThat(a.admin().delete("/providers/" + id).status()).isEqualTo(204);
                assertThat(onB.get("/providers/" + id).status()).isEqualTo(404);
            }
        }
    }

    @Test
    void withoutRedisPollingTheStoreKeepsTheOtherInstanceCorrect() {
        Map<String, String> env = Map.of("SECRETS_KEY", SHARED_KEY, "REGISTRY_REFRESH_MS", "200");
        try (TestGateway a = TestGateway.start(homeA, null, env);
                TestGateway b = TestGateway.start(homeB, a.adminKey(), sharing(a, env))) {
            a.admin().post("/providers", provider("polled", "spawn-cli", Map.of("command", "cat"), "polled"));

            Ask.eventually(
                    HANG_GUARD, () -> Ask.status(b.openAi(), "polled") == 200, "B finds A's provider by polling");
            assertThat(Ask.answer(b.openAi(), "polled", "found it")).contains("found it");
        }
    }

    @Test
    void pollingCoversNoticesLostWhileRedisIsDown() {
        try (TestRedis redis = TestRedis.start()) {
            Map<String, String> env =
                    Map.of("REDIS_URL", redis.url(), "SECRETS_KEY", SHARED_KEY, "REGISTRY_REFRESH_MS", "500");
            try (TestGateway a = TestGateway.start(homeA, null, env);
                    TestGateway b = TestGateway.start(homeB, a.adminKey(), sharing(a, env))) {
                redis.kill();

                assertThat(a.admin()
                                .post(
                                        "/providers",
                                        provider(
                                                "during-outage",
                                                "spawn-cli",
                                                Map.of("command", "cat"),
                                                "during-outage"))
                                .status())
                        .as("an admin write does not depend on Redis")
                        .isEqualTo(201);
                Ask.eventually(
                        HANG_GUARD, () -> Ask.status(b.openAi(), "during-outage") == 200, "B catches up by polling");

                redis.resume();
            }
        }
    }

    /** B's settings: A's store (embedded or shared MongoDB) and the same everything else. */
    private static Map<String, String> sharing(TestGateway a, Map<String, String> env) {
        Map<String, String> shared = new HashMap<>(env);
        shared.put("MONGODB_URL", a.storeUrl());
        return shared;
    }
}
