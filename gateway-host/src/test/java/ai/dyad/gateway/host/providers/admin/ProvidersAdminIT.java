package ai.dyad.gateway.host.providers.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.AdminClient;
import ai.dyad.gateway.host.testing.AdminClient.Response;
import ai.dyad.gateway.host.testing.Ask;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.TestPlugins;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every /admin/providers endpoint through real HTTP, and its effect on routing, seen through the OpenAI SDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ProvidersAdminIT {

    @TempDir
    static Path home;

    private TestGateway gateway;
    private AdminClient admin;
    private OpenAIClient openAi;

    @BeforeAll
    void start() {
        TestPlugins.installVault(home.resolve("plugins"));
        gateway = TestGateway.start(home);
        admin = gateway.admin();
        openAi = gateway.openAi();
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    static Map<String, Object> catProvider(String name, String model) {
        return Map.of(
                "name",
                name,
                "type",
                "spawn-cli",
                "config",
                Map.of("command", "cat"),
                "models",
                List.of(Map.of("modelId", model)));
    }

    @Test
    void createsAProviderThatServesAtOnce() {
        assertThat(Ask.status(openAi, "created-model")).isEqualTo(404);

        Response created = admin.post("/providers", catProvider("created", "created-model"));

        assertThat(created.status()).isEqualTo(201);
        JsonNode body = created.body();
        String id = body.get("id").asText();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(created.header("location")).isEqualTo("/admin/providers/" + id);
        assertThat(created.header("etag")).isEqualTo("\"1\"");
        assertThat(fieldNames(body))
                .containsExactly(
                        "id",
                        "name",
                        "type",
                        "enabled",
                        "config",
                        "models",
                        "priority",
                        "weight",
                        "timeoutMs",
                        "healthStatus",
                        "createdAt",
                        "updatedAt",
                        "version");
        assertThat(body.get("name").asText()).isEqualTo("created");
        assertThat(body.get("enabled").asBoolean()).isTrue();
        assertThat(body.get("config").get("command").asText()).isEqualTo("cat");
        assertThat(body.get("models").get(0).get("modelId").asText()).isEqualTo("created-model");
        assertThat(body.get("models").get(0).get("adapterModelId").asText()).isEqualTo("created-model");
        assertThat(body.get("models").get(0).get("supportsStreaming").asBoolean())
                .isTrue();
        assertThat(body.get("priority").asInt()).isZero();
        assertThat(body.get("weight").asInt()).isEqualTo(1);
        assertThat(body.get("timeoutMs").isNull()).isTrue();
        assertThat(body.get("healthStatus").get("status").asText()).isEqualTo("unknown");
        assertThat(body.get("createdAt").asText())
                .isEqualTo(body.get("updatedAt").asText());
        assertThat(body.get("version").asLong()).isEqualTo(1);

        Response read = admin.get("/providers/" + id);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).isEqualTo(body);
        assertThat(read.header("etag")).isEqualTo("\"1\"");

        // No wait: the write reloaded routing before it answered.
        assertThat(Ask.answer(openAi, "created-model", "hello there")).contains("hello there");
    }

    @Test
    void listsWithFiltersPagingAndSorting() {
        List<String> ids = new ArrayList<>();
        for (String name : List.of("list-c", "list-a", "list-e", "list-b", "list-d")) {
            ids.add(admin.post("/providers", catProvider(name, "listed"))
                    .body()
                    .get("id")
                    .asText());
        }
        admin.post("/providers/" + ids.get(2) + "/disable", null);
        admin.post(
                "/providers",
                Map.of(
                        "name",
                        "list-vault",
                        "type",
                        "vault-echo",
                        "config",
                        Map.of("apiKey", "sk-list-0123456789abcdef"),
                        "models",
                        List.of(Map.of("modelId", "listed"), Map.of("modelId", "other"))));

        Response firstPage = admin.get("/providers?model=listed&type=spawn-cli&limit=2&sortBy=name:asc");
        assertThat(firstPage.status()).isEqualTo(200);
        assertThat(names(firstPage)).containsExactly("list-a", "list-b");
        assertThat(firstPage.body().get("page").asInt()).isEqualTo(1);
        assertThat(firstPage.body().get("limit").asInt()).isEqualTo(2);
        assertThat(firstPage.body().get("totalPages").asInt()).isEqualTo(3);
        assertThat(firstPage.body().get("totalResults").asInt()).isEqualTo(5);
        assertThat(firstPage.body().get("hasNextPage").asBoolean()).isTrue();
        assertThat(firstPage.body().get("hasPrevPage").asBoolean()).isFalse();

        Response lastPage = admin.get("/providers?model=listed&type=spawn-cli&limit=2&page=3&sortBy=name:asc");
        assertThat(names(lastPage)).containsExactly("list-e");
        assertThat(lastPage.body().get("hasNextPage").asBoolean()).isFalse();
        assertThat(lastPage.body().get("hasPrevPage").asBoolean()).isTrue();

        assertThat(names(admin.get("/providers?model=listed&sortBy=enabled:asc,name:desc")))
                .containsExactly("list-e", "list-vault", "list-d", "list-c", "list-b", "list-a");
        assertThat(names(admin.get("/providers?model=listed&enabled=false"))).containsExactly("list-e");
        assertThat(names(admin.get("/providers?type=vault-echo&model=other"))).containsExactly("list-vault");
        assertThat(names(admin.get("/providers?model=no-such-model"))).isEmpty();

        for (String sortable :
                List.of("type", "priority", "weight", "timeoutMs", "createdAt", "updatedAt", "healthStatus.status")) {
            Response sorted = admin.get("/providers?model=listed&sortBy=" + sortable + ":desc");
            assertThat(sorted.status()).as(sortable).isEqualTo(200);
            assertThat(names(sorted)).as(sortable).hasSize(6);
        }
        assertThat(names(admin.get("/providers?model=listed&sortBy=createdAt:desc")))
                .as("created last, listed first")
                .startsWith("list-vault");

        Response beyond = admin.get("/providers?model=listed&page=9");
        assertThat(beyond.status()).isEqualTo(200);
        assertThat(names(beyond)).isEmpty();
        assertThat(beyond.body().get("totalResults").asInt()).isEqualTo(6);

        Response capped = admin.get("/providers?limit=100000");
        assertThat(capped.status()).isEqualTo(200);
        assertThat(capped.body().get("limit").asInt()).isEqualTo(100);
    }

    @Test
    void putReplacesTheProviderWhenTheVersionMatches() {
        Response created = admin.post("/providers", catProvider("replaced", "before-put"));
        String path = "/providers/" + created.body().get("id").asText();
        Map<String, Object> replacement = Map.of(
                "name",
                "replaced",
                "type",
                "spawn-cli",
                "config",
                Map.of("command", "cat"),
                "models",
                List.of(Map.of("modelId", "after-put", "maxTokens", 512)),
                "priority",
                5,
                "weight",
                3,
                "timeoutMs",
                30_000,
                "version",
                1);

        Response put = admin.put(path, replacement);

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("version").asLong()).isEqualTo(2);
        assertThat(put.header("etag")).isEqualTo("\"2\"");
        assertThat(put.body().get("models").get(0).get("maxTokens").asInt()).isEqualTo(512);
        assertThat(put.body().get("priority").asInt()).isEqualTo(5);
        assertThat(put.body().get("weight").asInt()).isEqualTo(3);
        assertThat(put.body().get("timeoutMs").asLong()).isEqualTo(30_000);
        assertThat(put.body().get("createdAt").asText())
                .isEqualTo(created.body().get("createdAt").asText());
        assertThat(Ask.status(openAi, "before-put")).isEqualTo(404);
        assertThat(Ask.answer(openAi, "after-put", "replaced")).contains("replaced");

        Response stale = admin.put(path, replacement);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("error").get("code").asText()).isEqualTo("version_conflict");

        Map<String, Object> withoutVersion = new java.util.HashMap<>(replacement);
        withoutVersion.remove("version");
        Response byIfMatch = admin.send("PUT", path, withoutVersion, "If-Match", put.header("etag"));
        assertThat(byIfMatch.status()).isEqualTo(200);
        assertThat(byIfMatch.body().get("version").asLong()).isEqualTo(3);
        assertThat(admin.send("PUT", path, withoutVersion, "If-Match", "\"2\"").status())
                .isEqualTo(409);
    }

    @Test
    void putAcceptsWhatGetReturnedAsItsBody() {
        String id = admin.post("/providers", catProvider("round-trip", "round-trip"))
                .body()
                .get("id")
                .asText();
        JsonNode read = admin.get("/providers/" + id).body();

        Response put = admin.put("/providers/" + id, read);

        assertThat(put.status()).isEqualTo(200);
        assertThat(put.body().get("version").asLong())
                .isEqualTo(read.get("version").asLong() + 1);
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        Response created = admin.post(
                "/providers",
                Map.of(
                        "name",
                        "patched",
                        "type",
                        "vault-echo",
                        "config",
                        Map.of("apiKey", "sk-patch-0123456789abcdef", "region", "us"),
                        "models",
                        List.of(Map.of("modelId", "patched-model"))));
        String path = "/providers/" + created.body().get("id").asText();

        Response patched = admin.patch(path, Map.of("config", Map.of("retries", 3), "priority", 7));

        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.body().get("priority").asInt()).isEqualTo(7);
        assertThat(patched.body().get("config").get("retries").asInt()).isEqualTo(3);
        assertThat(patched.body().get("config").get("region").asText()).isEqualTo("us");
        assertThat(patched.body().get("version").asLong()).isEqualTo(2);
        assertThat(Ask.answer(openAi, "patched-model", "x"))
                .as("the secret survived the patch")
                .contains("apiKey=sk-patch-0123456789abcdef")
                .contains("region=us");

        Map<String, Object> removeRegion = new java.util.HashMap<>();
        removeRegion.put("region", null);
        Response removed = admin.patch(path, Map.of("config", removeRegion, "version", 2));
        assertThat(removed.status()).isEqualTo(200);
        assertThat(removed.body().get("config").has("region")).isFalse();
        assertThat(Ask.answer(openAi, "patched-model", "x")).contains("region=eu");

        Response stale = admin.patch(path, Map.of("priority", 1, "version", 2));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(admin.get(path).body().get("priority").asInt()).isEqualTo(7);
    }

    @Test
    void twoAdminsEditingTheSameVersionCannotOverwriteEachOther() {
        String path = "/providers/"
                + admin.post("/providers", catProvider("contested", "contested"))
                        .body()
                        .get("id")
                        .asText();
        long version = admin.get(path).body().get("version").asLong();

        Response first = admin.patch(path, Map.of("weight", 2, "version", version));
        Response second = admin.patch(path, Map.of("weight", 9, "version", version));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.body().get("error").get("param").asText()).isEqualTo("version");
        assertThat(admin.get(path).body().get("weight").asInt()).isEqualTo(2);
    }

    @Test
    void disableAndEnableTakeEffectAtOnce() {
        String path = "/providers/"
                + admin.post("/providers", catProvider("switched", "switched"))
                        .body()
                        .get("id")
                        .asText();

        Response disabled = admin.post(path + "/disable", null);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.body().get("enabled").asBoolean()).isFalse();
        assertThat(Ask.status(openAi, "switched")).isEqualTo(404);

        Response again = admin.post(path + "/disable", null);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().get("version").asLong())
                .as("disabling a disabled provider changes nothing")
                .isEqualTo(disabled.body().get("version").asLong());

        Response enabled = admin.post(path + "/enable", null);
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.body().get("enabled").asBoolean()).isTrue();
        assertThat(Ask.answer(openAi, "switched", "on again")).contains("on again");
    }

    @Test
    void deleteRemovesTheProviderFromRouting() {
        Response created = admin.post("/providers", catProvider("deleted", "deleted"));
        String path = "/providers/" + created.body().get("id").asText();
        assertThat(Ask.status(openAi, "deleted")).isEqualTo(200);

        assertThat(admin.send("DELETE", path, null, "If-Match", "\"7\"").status())
                .as("a stale If-Match protects against deleting what someone just changed")
                .isEqualTo(409);
        Response deleted = admin.delete(path);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(admin.get(path).status()).isEqualTo(404);
        assertThat(admin.delete(path).status()).isEqualTo(404);
        assertThat(Ask.status(openAi, "deleted")).isEqualTo(404);
    }

    @Test
    void theNameIsFreeAgainAfterADelete() {
        String id = admin.post("/providers", catProvider("reused-name", "reused"))
                .body()
                .get("id")
                .asText();
        assertThat(admin.post("/providers", catProvider("reused-name", "reused"))
                        .status())
                .isEqualTo(409);
        admin.delete("/providers/" + id);
        assertThat(admin.post("/providers", catProvider("reused-name", "reused"))
                        .status())
                .isEqualTo(201);
    }

    private static List<String> names(Response response) {
        return StreamSupport.stream(response.body().get("results").spliterator(), false)
                .map(p -> p.get("name").asText())
                .toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
