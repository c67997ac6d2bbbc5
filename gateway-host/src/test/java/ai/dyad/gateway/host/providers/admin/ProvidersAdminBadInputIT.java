package ai.dyad.gateway.host.providers.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.AdminClient;
import ai.dyad.gateway.host.testing.AdminClient.Response;
import ai.dyad.gateway.host.testing.TestGateway;
import ai.dyad.gateway.host.testing.TestPlugins;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests to /admin/providers, one table: each gets its status and an OpenAI error naming the field,
 * and none changes the registry.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ProvidersAdminBadInputIT {

    private static final String MISSING_ID = "0123456789abcdef01234567";

    @TempDir
    static Path home;

    private TestGateway gateway;
    private AdminClient admin;
    private String modelsOnlyKey;
    private String existingId;

    @BeforeAll
    void start() {
        TestPlugins.installVault(home.resolve("plugins"));
        gateway = TestGateway.start(home);
        admin = gateway.admin();
        modelsOnlyKey = gateway.addKey("not an admin", Set.of("chat", "models"));
        existingId = admin.post("/providers", provider("existing", "spawn-cli", Map.of("command", "cat")))
                .body()
                .get("id")
                .asText();
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    enum Auth {
        ADMIN,
        NONE,
        WRONG,
        NOT_ADMIN
    }

    record Case(
            String name,
            Auth auth,
            String method,
            String path,
            Object body,
            String[] headers,
            int status,
            String code,
            String param) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Map<String, Object> provider(String name, String type, Map<String, Object> config) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("type", type);
        body.put("config", config);
        body.put("models", List.of(Map.of("modelId", "m")));
        return body;
    }

    static Map<String, Object> with(Map<String, Object> base, String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    static Case post(String name, Object body, int status, String code, String param) {
        return new Case(name, Auth.ADMIN, "POST", "/providers", body, new String[0], status, code, param);
    }

    static Case call(String name, String method, String path, Object body, int status, String code, String param) {
        return new Case(name, Auth.ADMIN, method, path, body, new String[0], status, code, param);
    }

    Stream<Case> cases() {
        Map<String, Object> cat = provider("new-one", "spawn-cli", Map.of("command", "cat"));
        Map<String, Object> vault = provider("new-vault", "vault-echo", Map.of("apiKey", "sk-valid-0123456789abcdef"));
        List<Case> cases = new ArrayList<>(List.of(
                // who may call
                new Case("no key", Auth.NONE, "GET", "/providers", null, new String[0], 401, "missing_api_key", null),
                new Case(
                        "unknown key",
                        Auth.WRONG,
                        "GET",
                        "/providers",
                        null,
                        new String[0],
                        401,
                        "invalid_api_key",
                        null),
                new Case(
                        "non-admin key lists",
                        Auth.NOT_ADMIN,
                        "GET",
                        "/providers",
                        null,
                        new String[0],
                        403,
                        "insufficient_permissions",
                        null),
                new Case(
                        "non-admin key creates",
                        Auth.NOT_ADMIN,
                        "POST",
                        "/providers",
                        cat,
                        new String[0],
                        403,
                        "insufficient_permissions",
                        null),
                new Case(
                        "non-admin key deletes",
                        Auth.NOT_ADMIN,
                        "DELETE",
                        "/providers/{existing}",
                        null,
                        new String[0],
                        403,
                        "insufficient_permissions",
                        null),
                // the body as a whole
                post("body is not JSON", "{\"name\":", 400, "invalid_json", null),
                post("body is an array", "[1,2]", 400, "invalid_json", null),
                new Case(
                        "body is not JSON by content type",
                        Auth.ADMIN,
                        "POST",
                        "/providers",
                        "name=x",
                        new String[] {"Content-Type", "text/plain"},
                        415,
                        "unsupported_media_type",
                        null),
                post("unknown field", with(cat, "colour", "red"), 400, "unknown_parameter", "colour"),
                // name and type
                post("name missing", with(cat, "name", null), 400, "missing_required_parameter", "name"),
                post("name is a number", with(cat, "name", 42), 400, "invalid_type", "name"),
                post("name is blank", with(cat, "name", "   "), 400, "invalid_value", "name"),
                post("name too long", with(cat, "name", "n".repeat(101)), 400, "invalid_value", "name"),
                post("name taken", with(cat, "name", "existing"), 409, "duplicate_name", "name"),
                post("type missing", with(cat, "type", null), 400, "missing_required_parameter", "type"),
                post("type not installed", with(cat, "type", "warp-drive"), 400, "unknown_adapter_type", "type"),
                // config, checked against the type's spec
                post("config is a string", with(cat, "config", "cat"), 400, "invalid_type", "config"),
                post("required key missing", with(cat, "config", Map.of()), 400, "invalid_config", "config.command"),
                post(
                        "key of the wrong type",
                        with(cat, "config", Map.of("command", 5)),
                        400,
                        "invalid_config",
                        "config.command"),
                post(
                        "unknown config key",
                        with(cat, "config", Map.of("command", "cat", "shell", true)),
                        400,
                        "invalid_config",
                        "config.shell"),
                post(
                        "list of the wrong element type",
                        with(cat, "config", Map.of("command", "cat", "args", List.of(1, 2))),
                        400,
                        "invalid_config",
                        "config.args"),
                post(
                        "value outside the allowed ones",
                        with(vault, "config", Map.of("apiKey", "sk-valid-0123456789abcdef", "region", "mars")),
                        400,
                        "invalid_config",
                        "config.region"),
                post(
                        "required secret missing",
                        with(vault, "config", Map.of("region", "eu")),
                        400,
                        "invalid_config",
                        "config.apiKey"),
                post(
                        "integer key given a fraction",
                        with(vault, "config", Map.of("apiKey", "sk-valid-0123456789abcdef", "retries", 1.5)),
                        400,
                        "invalid_config",
                        "config.retries"),
                post(
                        "encrypted-looking value",
                        with(vault, "config", Map.of("apiKey", "enc:v1:abc:def")),
                        400,
                        "invalid_value",
                        "config.apiKey"),
                post(
                        "masked secret on create",
                        with(vault, "config", Map.of("apiKey", "sk-…abcd")),
                        400,
                        "masked_secret",
                        "config.apiKey"),
                // models
                post("models is an object", with(cat, "models", Map.of("modelId", "m")), 400, "invalid_type", "models"),
                post("model is a string", with(cat, "models", List.of("m")), 400, "invalid_type", "models[0]"),
                post(
                        "modelId missing",
                        with(cat, "models", List.of(Map.of("maxTokens", 5))),
                        400,
                        "missing_required_parameter",
                        "models[0].modelId"),
                post(
                        "modelId blank",
                        with(cat, "models", List.of(Map.of("modelId", ""))),
                        400,
                        "invalid_value",
                        "models[0].modelId"),
                post(
                        "modelId twice",
                        with(cat, "models", List.of(Map.of("modelId", "a"), Map.of("modelId", "a"))),
                        400,
                        "duplicate_model",
                        "models[1].modelId"),
                post(
                        "maxTokens zero",
                        with(cat, "models", List.of(Map.of("modelId", "a", "maxTokens", 0))),
                        400,
                        "integer_below_min_value",
                        "models[0].maxTokens"),
                post(
                        "unknown model field",
                        with(cat, "models", List.of(Map.of("modelId", "a", "alias", "b"))),
                        400,
                        "unknown_parameter",
                        "models[0].alias"),
                // numbers and flags
                post("priority negative", with(cat, "priority", -1), 400, "integer_below_min_value", "priority"),
                post("weight zero", with(cat, "weight", 0), 400, "integer_below_min_value", "weight"),
                post("timeoutMs a string", with(cat, "timeoutMs", "fast"), 400, "invalid_type", "timeoutMs"),
                post("enabled a string", with(cat, "enabled", "yes"), 400, "invalid_type", "enabled"),
                // ids
                call("get unknown id", "GET", "/providers/" + MISSING_ID, null, 404, "provider_not_found", "id"),
                call("get malformed id", "GET", "/providers/not-an-id", null, 404, "provider_not_found", "id"),
                call(
                        "put unknown id",
                        "PUT",
                        "/providers/" + MISSING_ID,
                        with(cat, "version", 1),
                        404,
                        "provider_not_found",
                        "id"),
                call(
                        "patch unknown id",
                        "PATCH",
                        "/providers/" + MISSING_ID,
                        Map.of("weight", 2),
                        404,
                        "provider_not_found",
                        "id"),
                call("delete unknown id", "DELETE", "/providers/" + MISSING_ID, null, 404, "provider_not_found", "id"),
                call(
                        "enable unknown id",
                        "POST",
                        "/providers/" + MISSING_ID + "/enable",
                        null,
                        404,
                        "provider_not_found",
                        "id"),
                call(
                        "disable unknown id",
                        "POST",
                        "/providers/" + MISSING_ID + "/disable",
                        null,
                        404,
                        "provider_not_found",
                        "id"),
                // versions
                call("put without a version", "PUT", "/providers/{existing}", cat, 428, "version_required", "version"),
                call(
                        "put with a stale version",
                        "PUT",
                        "/providers/{existing}",
                        with(cat, "version", 99),
                        409,
                        "version_conflict",
                        "version"),
                call(
                        "put with version zero",
                        "PUT",
                        "/providers/{existing}",
                        with(cat, "version", 0),
                        400,
                        "invalid_value",
                        "version"),
                call(
                        "put with a string version",
                        "PUT",
                        "/providers/{existing}",
                        with(cat, "version", "1"),
                        400,
                        "invalid_type",
                        "version"),
                new Case(
                        "put with a malformed If-Match",
                        Auth.ADMIN,
                        "PUT",
                        "/providers/{existing}",
                        cat,
                        new String[] {"If-Match", "yesterday"},
                        400,
                        "invalid_value",
                        "If-Match"),
                new Case(
                        "version and If-Match disagree",
                        Auth.ADMIN,
                        "PUT",
                        "/providers/{existing}",
                        with(cat, "version", 1),
                        new String[] {"If-Match", "\"2\""},
                        400,
                        "invalid_value",
                        "version"),
                call(
                        "patch with a stale version",
                        "PATCH",
                        "/providers/{existing}",
                        Map.of("version", 99),
                        409,
                        "version_conflict",
                        "version"),
                call(
                        "patch breaks the config",
                        "PATCH",
                        "/providers/{existing}",
                        Map.of("config", Map.of("command", 5)),
                        400,
                        "invalid_config",
                        "config.command"),
                call(
                        "patch to a taken name",
                        "PATCH",
                        "/providers/{existing}",
                        Map.of("name", "taken-by-other"),
                        409,
                        "duplicate_name",
                        "name"),
                call("patch is an array", "PATCH", "/providers/{existing}", "[]", 400, "invalid_json", null),
                // listing
                call(
                        "sortBy an unknown field",
                        "GET",
                        "/providers?sortBy=colour:asc",
                        null,
                        400,
                        "invalid_value",
                        "sortBy"),
                call(
                        "sortBy an internal field",
                        "GET",
                        "/providers?sortBy=config.apiKey:asc",
                        null,
                        400,
                        "invalid_value",
                        "sortBy"),
                call(
                        "sortBy a bad direction",
                        "GET",
                        "/providers?sortBy=name:up",
                        null,
                        400,
                        "invalid_value",
                        "sortBy"),
                call(
                        "sortBy with three parts",
                        "GET",
                        "/providers?sortBy=name:asc:x",
                        null,
                        400,
                        "invalid_value",
                        "sortBy"),
                call(
                        "sortBy a field twice",
                        "GET",
                        "/providers?sortBy=name,name:desc",
                        null,
                        400,
                        "invalid_value",
                        "sortBy"),
                call("page zero", "GET", "/providers?page=0", null, 400, "invalid_value", "page"),
                call("page not a number", "GET", "/providers?page=two", null, 400, "invalid_value", "page"),
                call("limit zero", "GET", "/providers?limit=0", null, 400, "invalid_value", "limit"),
                call("limit negative", "GET", "/providers?limit=-5", null, 400, "invalid_value", "limit"),
                call("enabled not a boolean", "GET", "/providers?enabled=maybe", null, 400, "invalid_value", "enabled"),
                call("unknown filter", "GET", "/providers?colour=red", null, 400, "unknown_parameter", "colour"),
                call("page given twice", "GET", "/providers?page=1&page=2", null, 400, "invalid_value", "page"),
                call("method not allowed", "PATCH", "/providers", Map.of(), 405, "method_not_allowed", null)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithTheRightStatusAndField(Case c) {
        admin.post("/providers", provider("taken-by-other", "spawn-cli", Map.of("command", "cat")));
        String before = registrySnapshot();
        AdminClient client =
                switch (c.auth()) {
                    case ADMIN -> admin;
                    case NONE -> admin.as(null);
                    case WRONG -> admin.as("sk-dyad-" + "x".repeat(43));
                    case NOT_ADMIN -> admin.as(modelsOnlyKey);
                };

        Response response = client.send(c.method(), c.path().replace("{existing}", existingId), c.body(), c.headers());

        assertThat(response.status()).as(response.text()).isEqualTo(c.status());
        JsonNode error = response.body().get("error");
        assertThat(error.get("code").asText()).isEqualTo(c.code());
        assertThat(error.get("param").isNull() ? null : error.get("param").asText())
                .isEqualTo(c.param());
        assertThat(error.get("message").asText()).isNotBlank();
        assertThat(error.has("type")).isTrue();
        assertThat(response.text()).doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(registrySnapshot()).as("a refused request changes nothing").isEqualTo(before);
    }

    @Test
    void unknownTypeListsTheInstalledTypes() {
        Response response = admin.post("/providers", provider("x", "warp-drive", Map.of()));

        assertThat(response.body().get("error").get("message").asText())
                .contains("warp-drive")
                .contains("spawn-cli")
                .contains("vault-echo");
    }

    @Test
    void anOversizedLimitIsCappedNotRefused() {
        Response response = admin.get("/providers?limit=100000");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("limit").asInt()).isEqualTo(100);
        assertThat(admin.get("/providers?limit=99999999999999999999")
                        .body()
                        .get("limit")
                        .asInt())
                .isEqualTo(100);
    }

    private String registrySnapshot() {
        return admin.get("/providers?limit=100&sortBy=name").text();
    }
}
