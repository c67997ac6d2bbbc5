package ai.dyad.gateway.host.usage;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.registry.ApiKey;
import ai.dyad.gateway.host.registry.Store;
import ai.dyad.gateway.host.registry.UsageCounts;
import ai.dyad.gateway.host.testing.HttpCalls;
import ai.dyad.gateway.host.testing.HttpCalls.Reply;
import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Usage counted by two instances at once, written in batches while they run and on close (what SIGTERM's
 * shutdown hook calls): nothing lost, nothing counted twice.
 */
@Timeout(300)
class UsageIT {

    @TempDir
    Path homeA;

    @TempDir
    Path homeB;

    @Test
    void countsAThousandRequestsAcrossTwoInstancesExactly() throws Exception {
        AtomicLong prompt = new AtomicLong();
        AtomicLong completion = new AtomicLong();
        AtomicLong ok = new AtomicLong();
        String keyId;
        TestGateway a = TestGateway.start(homeA);
        try {
            HttpCalls adminA = new HttpCalls(a.baseUrl());
            Reply created = adminA.post("/admin/api-keys", Map.of("name", "counted"), a.adminKey());
            keyId = created.json().get("id").asText();
            String key = created.json().get("key").asText();
            TestGateway b = TestGateway.start(homeB, a.adminKey(), Map.of("MONGODB_URL", a.storeUrl()));
            try {
                List<HttpCalls> instances = List.of(adminA, new HttpCalls(b.baseUrl()));
                try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
                    List<Future<?>> runs = new ArrayList<>();
                    for (int client = 0; client < 16; client++) {
                        HttpCalls instance = instances.get(client % 2);
                        int id = client;
                        runs.add(clients.submit(() -> {
                            for (int i = 0; i < 1000 / 16 + (id < 1000 % 16 ? 1 : 0); i++) {
                                // Different prompt lengths, so token sums are not a multiple of one count.
                                Reply reply = instance.chat(
                                        key, "echo", "count me " + "x".repeat((id * 7 + i) % 23), null, false);
                                assertThat(reply.status()).as(reply.text()).isEqualTo(200);
                                JsonNode usage = reply.json().get("usage");
                                prompt.addAndGet(usage.get("prompt_tokens").asLong());
                                completion.addAndGet(
                                        usage.get("completion_tokens").asLong());
                                ok.incrementAndGet();
                            }
                        }));
                    }
                    for (Future<?> run : runs) {
                        run.get();
                    }
                }
            } finally {
                b.close(); // B writes into A's store server, so it stops first.
            }
        } finally {
            a.close();
        }
        assertThat(ok).hasValue(1000);

        try (Store store = Store.open(Optional.empty(), homeA.resolve("data"), Clock.systemUTC())) {
            UsageCounts totals = store.usage().totals(keyId).orElseThrow();
            assertThat(totals.requests()).isEqualTo(1000);
            assertThat(totals.promptTokens()).isEqualTo(prompt.get());
            assertThat(totals.completionTokens()).isEqualTo(completion.get());
            List<UsageCounts> daily =
                    store.usage().daily(keyId, LocalDate.now(ZoneOffset.UTC).minusDays(1));
            assertThat(daily).extracting(UsageCounts::model).containsOnly("echo");
            assertThat(daily.stream().mapToLong(UsageCounts::requests).sum()).isEqualTo(1000);
            assertThat(daily.stream().mapToLong(UsageCounts::totalTokens).sum())
                    .isEqualTo(prompt.get() + completion.get());
            ApiKey key = store.apiKeys().findById(keyId).orElseThrow();
            assertThat(key.lastUsed()).isNotNull().isEqualTo(totals.lastUsed());
        }
    }
}
