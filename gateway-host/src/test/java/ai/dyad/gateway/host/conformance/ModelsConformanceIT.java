package ai.dyad.gateway.host.conformance;

import static ai.dyad.gateway.host.conformance.ConformanceGateway.SLASH_COLON_MODEL;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.NotFoundException;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.models.Model;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/models} through the official OpenAI Java SDK and raw HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ModelsConformanceIT {

    @TempDir
    static Path home;

    private ConformanceGateway env;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        env = ConformanceGateway.start(home, Map.of(), Map.of("embeddings-only", Set.of("embeddings")));
        client = env.gateway.openAi();
    }

    @AfterAll
    void stop() {
        env.close();
    }

    @Test
    void listsEveryServedModelOwnedByItsProvider() {
        List<Model> models = client.models().list().data();

        assertThat(models)
                .extracting(Model::id)
                .containsExactlyInAnyOrder("echo", "gpt-4.1", SLASH_COLON_MODEL, "text-embedding-3-small", "text-only");
        assertThat(models)
                .filteredOn(m -> m.id().equals("gpt-4.1"))
                .singleElement()
                .satisfies(m -> {
                    assertThat(m.ownedBy()).isEqualTo("openai");
                    assertThat(m.created()).isPositive();
                });
        assertThat(models)
                .filteredOn(m -> m.id().equals("echo"))
                .singleElement()
                .satisfies(m -> assertThat(m.ownedBy()).isEqualTo("demo"));
    }

    @Test
    void retrievesModelsWhoseIdsHoldSlashesAndColons() throws Exception {
        Model model = client.models().retrieve(SLASH_COLON_MODEL);
        assertThat(model.id()).isEqualTo(SLASH_COLON_MODEL);
        assertThat(model.ownedBy()).isEqualTo("openai");

        RawHttp http = new RawHttp(env.gateway.baseUrl(), env.gateway.adminKey());
        for (String path :
                List.of("/v1/models/org/model:v1", "/v1/models/org%2Fmodel%3Av1", "/v1/models/org%2fmodel:v1")) {
            HttpResponse<String> response = http.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            JsonNode body = tree(response.body());
            assertThat(body.get("id").asText()).isEqualTo(SLASH_COLON_MODEL);
            assertThat(body.get("object").asText()).isEqualTo("model");
            assertThat(body.get("owned_by").asText()).isEqualTo("openai");
            assertThat(body.get("created").isIntegralNumber()).isTrue();
        }
    }

    @Test
    void anUnknownModelIsANotFound() {
        NotFoundException e = catchThrowableOfType(
                NotFoundException.class, () -> client.models().retrieve("no/such:model"));

        assertThat(e.code()).contains("model_not_found");
        assertThat(e.param()).contains("model");
    }

    @Test
    void listingNeedsTheModelsPermission() {
        PermissionDeniedException e = catchThrowableOfType(PermissionDeniedException.class, () -> env.gateway
                .openAi(env.keys.get("embeddings-only"))
                .models()
                .list());

        assertThat(e.code()).contains("insufficient_permissions");
    }
}
