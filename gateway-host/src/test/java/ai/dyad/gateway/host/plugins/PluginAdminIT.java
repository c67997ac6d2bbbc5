package ai.dyad.gateway.host.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.testing.TestGateway;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code /admin/plugins} over HTTP on a real gateway: every endpoint, its bad inputs and its auth. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class PluginAdminIT {

    private static final Map<String, String> ENV = Map.of("PLUGIN_UPLOAD_MAX_SIZE", "1mb");

    @TempDir
    static Path home;

    private TestGateway gateway;
    private GatewayHttp http;
    private String key;
    private String chatOnlyKey;

    @BeforeAll
    void start() {
        try (TestGateway first = TestGateway.start(home)) {
            key = first.adminKey();
        }
        chatOnlyKey = PluginFixtures.apiKey(home, "chat only", Set.of("chat", "models"));
        PluginFixtures.provider(home, "hot", "hot-echo", "hot", Map.of());
        PluginFixtures.install(home, "hot-echo-v1");
        startGateway();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void listsThePluginsWithStateTypesAndTheProvidersUsingThem() throws Exception {
        GatewayHttp.Response list = http.get("/admin/plugins", key);

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("object").asText()).isEqualTo("list");
        JsonNode spawnCli = GatewayHttp.entry(list.json().path("data"), "spawn-cli");
        assertThat(spawnCli.path("state").asText()).isEqualTo("STARTED");
        assertThat(spawnCli.path("adapterTypes").toString()).isEqualTo("[\"spawn-cli\"]");
        assertThat(spawnCli.path("providers").findValuesAsText("name")).contains("demo");
        JsonNode hotEcho = GatewayHttp.entry(list.json().path("data"), "hot-echo");
        assertThat(hotEcho.path("version").asText()).isEqualTo("1.0.0");
        assertThat(hotEcho.path("file").asText()).isEqualTo("hot-echo-v1.jar");
        assertThat(hotEcho.path("requires").asText()).isEqualTo(">=1.1.0 & <2.0.0");
        assertThat(hotEcho.path("error").isNull()).isTrue();
        assertThat(hotEcho.path("providers").findValuesAsText("name")).containsExactly("hot");
        JsonNode delay = hotEcho.path("config").path("hot-echo").get(0);
        assertThat(delay.path("name").asText()).isEqualTo("delayMs");
        assertThat(delay.path("type").asText()).isEqualTo("integer");
        assertThat(delay.path("default").asLong()).isZero();
        assertThat(delay.path("required").asBoolean()).isFalse();
    }

    @Test
    @Order(2)
    void showsOnePluginAndAnswers404ForAnUnknownId() throws Exception {
        GatewayHttp.Response one = http.get("/admin/plugins/hot-echo", key);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().path("id").asText()).isEqualTo("hot-echo");
        assertThat(one.json().path("object").asText()).isEqualTo("plugin");

        for (GatewayHttp.Response unknown : List.of(
                http.get("/admin/plugins/no-such-plugin", key),
                http.post("/admin/plugins/no-such-plugin/enable", key),
                http.post("/admin/plugins/no-such-plugin/disable", key),
                http.post("/admin/plugins/no-such-plugin/reload", key),
                http.delete("/admin/plugins/no-such-plugin", key))) {
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.json().path("error").path("type").asText()).isEqualTo("invalid_request_error");
            assertThat(unknown.errorCode()).isEqualTo("plugin_not_found");
            assertThat(unknown.errorMessage()).contains("no-such-plugin");
        }
    }

    @Test
    @Order(3)
    void disablingIsRememberedAcrossARestartUntilEnabled() throws Exception {
        GatewayHttp.Response disabled = http.post("/admin/plugins/hot-echo/disable", key);
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().path("state").asText()).isEqualTo("DISABLED");
        assertThat(disabled.json().path("providers").findValuesAsText("name")).containsExactly("hot");
        GatewayHttp.Response refused = http.chat(key, "hot", "hi");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.errorCode()).isEqualTo("adapter_unavailable");
        assertThat(refused.errorMessage()).contains("hot-echo").contains("disabled");

        gateway.close();
        startGateway();

        assertThat(http.get("/admin/plugins/hot-echo", key).json().path("state").asText())
                .isEqualTo("DISABLED");
        assertThat(http.chat(key, "hot", "hi").status()).isEqualTo(503);
        GatewayHttp.Response conflict = http.post("/admin/plugins/hot-echo/reload", key);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.errorCode()).isEqualTo("plugin_not_reloadable");

        GatewayHttp.Response enabled = http.post("/admin/plugins/hot-echo/enable", key);
        assertThat(enabled.status()).isEqualTo(200);
        assertThat(enabled.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(http.chat(key, "hot", "hi").answer()).isEqualTo("[v1.0.0] hi");
    }

    @Test
    @Order(4)
    void reloadsAPluginFromItsJar() throws Exception {
        GatewayHttp.Response reloaded = http.post("/admin/plugins/hot-echo/reload", key);

        assertThat(reloaded.status()).isEqualTo(200);
        assertThat(reloaded.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(reloaded.json().path("version").asText()).isEqualTo("1.0.0");
        assertThat(http.chat(key, "hot", "again").answer()).isEqualTo("[v1.0.0] again");
    }

    @Test
    @Order(5)
    void installsAnUploadedJarInPlaceOfTheOldVersion() throws Exception {
        GatewayHttp.Response uploaded =
                http.post("/admin/plugins", key, PluginFixtures.bytes("hot-echo-v2"), "application/java-archive");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().path("id").asText()).isEqualTo("hot-echo");
        assertThat(uploaded.json().path("version").asText()).isEqualTo("2.0.0");
        assertThat(uploaded.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(uploaded.json().path("file").asText()).isEqualTo("hot-echo-2.0.0.jar");
        assertThat(jarsInFolder()).contains("hot-echo-2.0.0.jar").doesNotContain("hot-echo-v1.jar");
        assertThat(http.chat(key, "hot", "new").answer()).isEqualTo("[v2.0.0] new");
    }

    @Test
    @Order(5)
    void installsAnUploadedPluginItHasNeverSeen() throws Exception {
        GatewayHttp.Response uploaded =
                http.post("/admin/plugins", key, PluginFixtures.bytes("blocking"), "application/octet-stream");

        assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
        assertThat(uploaded.json().path("id").asText()).isEqualTo("blocking");
        assertThat(uploaded.json().path("state").asText()).isEqualTo("STARTED");
        assertThat(uploaded.json().path("adapterTypes").toString()).isEqualTo("[\"blocking\"]");
        assertThat(jarsInFolder()).contains("blocking-0.1.0-SNAPSHOT.jar");
        assertThat(GatewayHttp.entry(http.get("/admin/plugins", key).json().path("data"), "blocking")
                        .path("state")
                        .asText())
                .isEqualTo("STARTED");
    }

    Stream<org.junit.jupiter.params.provider.Arguments> badUploads() throws IOException {
        return Stream.of(
                bad("plain text", "this is no jar".getBytes(StandardCharsets.UTF_8), null, 400, "invalid_plugin"),
                bad("an empty body", new byte[0], "application/java-archive", 400, "invalid_plugin"),
                bad(
                        "a jar without plugin manifest",
                        jar(Map.of("Main-Class", "x.Main")),
                        "application/java-archive",
                        400,
                        "invalid_plugin"),
                bad(
                        "a plugin id that is a path",
                        jar(Map.of("Plugin-Id", "../evil", "Plugin-Version", "1.0.0")),
                        "application/java-archive",
                        400,
                        "invalid_plugin"),
                bad(
                        "a plugin for adapter API 2",
                        PluginFixtures.bytes("future-api"),
                        "application/java-archive",
                        400,
                        "invalid_plugin"),
                bad(
                        "a multipart form",
                        PluginFixtures.bytes("hot-echo-v1"),
                        "multipart/form-data; boundary=x",
                        415,
                        "unsupported_media_type"),
                bad(
                        "a jar over the upload limit",
                        PluginFixtures.bytes("isolation-new"),
                        "application/java-archive",
                        413,
                        "request_too_large"));
    }

    @ParameterizedTest(name = "rejects {0}")
    @MethodSource("badUploads")
    @Order(6)
    void rejectsBadUploadsWithAClearError(String what, byte[] body, String contentType, int status, String code)
            throws Exception {
        List<String> before = jarsInFolder();

        GatewayHttp.Response response = http.post("/admin/plugins", key, body, contentType);

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.errorCode()).isEqualTo(code);
        assertThat(response.errorMessage()).isNotBlank();
        assertThat(jarsInFolder()).isEqualTo(before);
        assertThat(Files.list(home.resolve("plugins")).map(p -> p.getFileName().toString()))
                .noneMatch(name -> name.startsWith(".upload-"));
    }

    @Test
    @Order(7)
    void explainsWhatIsWrongWithARejectedUpload() throws Exception {
        assertThat(http.post("/admin/plugins", key, PluginFixtures.bytes("future-api"), "application/java-archive")
                        .errorMessage())
                .contains("requires adapter API >=2.0.0 & <3.0.0");
        assertThat(http.post(
                                "/admin/plugins",
                                key,
                                jar(Map.of("Plugin-Id", "../evil", "Plugin-Version", "1.0.0")),
                                "application/java-archive")
                        .errorMessage())
                .contains("Plugin-Id");
        assertThat(http.post("/admin/plugins", key, jar(Map.of("Main-Class", "x.Main")), null)
                        .errorMessage())
                .contains("Plugin-Id");
    }

    Stream<String[]> endpoints() {
        return Stream.of(
                new String[] {"GET", "/admin/plugins"},
                new String[] {"GET", "/admin/plugins/hot-echo"},
                new String[] {"POST", "/admin/plugins/hot-echo/enable"},
                new String[] {"POST", "/admin/plugins/hot-echo/disable"},
                new String[] {"POST", "/admin/plugins/hot-echo/reload"},
                new String[] {"DELETE", "/admin/plugins/hot-echo"},
                new String[] {"UPLOAD", "/admin/plugins"});
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    @Order(8)
    void requiresAnAdminKey(String method, String path) throws Exception {
        GatewayHttp.Response anonymous = call(method, path, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.errorCode()).isEqualTo("missing_api_key");

        GatewayHttp.Response notAdmin = call(method, path, chatOnlyKey);
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json().path("error").path("type").asText()).isEqualTo("permission_error");

        assertThat(http.get("/admin/plugins/hot-echo", key).json().path("state").asText())
                .isEqualTo("STARTED");
    }

    @Test
    @Order(9)
    void deletesAPluginAndItsJar() throws Exception {
        GatewayHttp.Response deleted = http.delete("/admin/plugins/hot-echo", key);

        assertThat(deleted.status()).isEqualTo(204);
        assertThat(jarsInFolder()).noneMatch(name -> name.startsWith("hot-echo"));
        assertThat(http.get("/admin/plugins/hot-echo", key).status()).isEqualTo(404);
        assertThat(http.chat(key, "hot", "gone?").status()).isEqualTo(503);
        assertThat(http.delete("/admin/plugins/hot-echo", key).status()).isEqualTo(404);
    }

    private GatewayHttp.Response call(String method, String path, String auth) throws Exception {
        return switch (method) {
            case "GET" -> http.get(path, auth);
            case "POST" -> http.post(path, auth);
            case "DELETE" -> http.delete(path, auth);
            default -> http.post(path, auth, PluginFixtures.bytes("hot-echo-v2"), "application/java-archive");
        };
    }

    private void startGateway() {
        gateway = TestGateway.start(home, key, ENV);
        http = new GatewayHttp(gateway.baseUrl());
    }

    private List<String> jarsInFolder() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("plugins"))) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".jar"))
                    .sorted()
                    .toList();
        }
    }

    private static org.junit.jupiter.params.provider.Arguments bad(
            String what, byte[] body, String contentType, int status, String code) {
        return org.junit.jupiter.params.provider.Arguments.of(what, body, contentType, status, code);
    }

    private static byte[] jar(Map<String, String> mainAttributes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mainAttributes.forEach((name, value) -> manifest.getMainAttributes().putValue(name, value));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            jar.putNextEntry(new JarEntry("readme.txt"));
            jar.write("hello".getBytes(StandardCharsets.UTF_8));
            jar.closeEntry();
        }
        return bytes.toByteArray();
    }
}
