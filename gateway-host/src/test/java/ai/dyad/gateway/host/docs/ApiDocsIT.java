package ai.dyad.gateway.host.docs;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.host.http.RouteTemplate;
import ai.dyad.gateway.host.testing.TestGateway;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /openapi.json} is a valid OpenAPI 3.1 document that lists exactly the routes the gateway answers
 * (so it cannot drift from the code), and {@code /docs} serves Swagger UI with all its assets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ApiDocsIT {

    @TempDir
    static Path home;

    private TestGateway gateway;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private String document;
    private OpenAPI api;

    @BeforeAll
    void start() throws Exception {
        gateway = TestGateway.start(home);
        HttpResponse<String> response = get("/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("content-type")).contains("application/json");
        document = response.body();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, options);
        assertThat(parsed.getMessages()).as("OpenAPI parser messages").isEmpty();
        api = parsed.getOpenAPI();
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void isAValidOpenApi31Document() {
        assertThat(api.getOpenapi()).isEqualTo("3.1.0");
        assertThat(api.getInfo().getTitle()).isEqualTo("Dyad Gateway API");
        assertThat(api.getComponents().getSchemas()).containsKeys("ErrorResponse", "ChatCompletionRequest");
        assertThat(api.getPaths().get("/v1/chat/completions").getPost().getRequestBody())
                .isNotNull();
    }

    @Test
    void documentsExactlyTheRegisteredRoutes() {
        Set<String> registered = new TreeSet<>();
        for (RouteTemplate route : gateway.routes()) {
            registered.add(route.method() + " " + route.path());
        }
        Set<String> documented = new TreeSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .keySet()
                .forEach(method -> documented.add(method.name() + " " + path)));
        assertThat(documented)
                .as("every route in openapi.json must be registered, and every registered route documented"
                        + " (add new routes to gateway-host/src/main/resources/ai/dyad/gateway/host/docs/openapi.json)")
                .isEqualTo(registered);
    }

    @Test
    void everyDocumentedOperationIsAnsweredByTheGateway() throws Exception {
        for (Map.Entry<String, PathItem> path : api.getPaths().entrySet()) {
            for (PathItem.HttpMethod method :
                    path.getValue().readOperationsMap().keySet()) {
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "echo");
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(gateway.baseUrl() + concrete))
                                .method(method.name(), HttpRequest.BodyPublishers.noBody())
                                .header("Authorization", "Bearer " + gateway.adminKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                // A route that is not registered answers 404 unknown_url or 405; a registered one may still
                // answer 404 for the made-up id (no provider, key or plugin is called "echo").
                assertThat(response.body()).as(method + " " + concrete).doesNotContain("unknown_url");
                assertThat(response.statusCode()).as(method + " " + concrete).isNotEqualTo(405);
                if (response.statusCode() == 404) {
                    assertThat(response.body()).as(method + " " + concrete).contains("\"code\"");
                }
            }
        }
    }

    @Test
    void servesSwaggerUiFromTheWebjarWithAllItsAssets() throws Exception {
        HttpResponse<String> redirect = get("/docs");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("location")).contains("/docs/");

        HttpResponse<String> page = get("/docs/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).doesNotContain("https://").doesNotContain("<script>");
        Matcher assets = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(page.body());
        Set<String> seen = new TreeSet<>();
        while (assets.find()) {
            String asset = assets.group(1);
            seen.add(asset);
            HttpResponse<String> response = get("/docs/" + asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).isNotEmpty();
            if (asset.endsWith(".js")) {
                assertThat(response.headers().firstValue("content-type"))
                        .as(asset)
                        .hasValueSatisfying(t -> assertThat(t).contains("javascript"));
            }
            if (asset.endsWith(".css")) {
                assertThat(response.headers().firstValue("content-type"))
                        .as(asset)
                        .hasValueSatisfying(t -> assertThat(t).startsWith("text/css"));
            }
        }
        assertThat(seen).contains("swagger-ui-bundle.js", "swagger-ui.css", "dyad-docs.js");
        assertThat(get("/docs/dyad-docs.js").body()).contains("/openapi.json");
        assertThat(document).contains("/v1/chat/completions");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
