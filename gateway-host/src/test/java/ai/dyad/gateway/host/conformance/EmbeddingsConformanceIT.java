package ai.dyad.gateway.host.conformance;

import static ai.dyad.gateway.host.conformance.ConformanceGateway.EMBEDDING_MODEL;
import static ai.dyad.gateway.host.conformance.ConformanceGateway.UPSTREAM_EMBEDDING_MODEL;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.EMBEDDINGS_PATH;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.receivedOnce;
import static ai.dyad.gateway.host.conformance.UpstreamAnswers.tree;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.dyad.gateway.host.testing.HttpCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.PermissionDeniedException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code /v1/embeddings} through the official OpenAI Java SDK, against a WireMock upstream. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class EmbeddingsConformanceIT {

    /** Awkward float32 values: tiny, huge, negative zero, subnormal, many digits. */
    private static final float[] FIRST = {0.0023064255f, -0.009327292f, 3.4028235e38f, -0.0f, 1.0e-45f, 0.1f};

    private static final float[] SECOND = {-1.17549435e-38f, 0.333333343f, 42.0f, -7.5e-8f, 1.0f, -1.0f};

    @TempDir
    static Path home;

    private ConformanceGateway env;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        env = ConformanceGateway.start(home, Map.of(), Map.of("chat-only", Set.of("chat", "models")));
        client = env.gateway.openAi();
    }

    @AfterAll
    void stop() {
        env.close();
    }

    @BeforeEach
    void resetUpstream() {
        env.upstream.resetAll();
    }

    @Test
    void floatAndBase64DecodeToTheSameVectors() throws Exception {
        UpstreamAnswers.embeddings(env.upstream, upstreamAnswer(true, FIRST, SECOND));
        EmbeddingCreateParams.Builder params =
                EmbeddingCreateParams.builder().model(EMBEDDING_MODEL).inputOfArrayOfStrings(List.of("one", "two"));

        CreateEmbeddingResponse floats = client.embeddings()
                .create(params.encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                        .build());
        CreateEmbeddingResponse base64 = client.embeddings()
                .create(params.encodingFormat(EmbeddingCreateParams.EncodingFormat.BASE64)
                        .build());

        assertThat(vectors(floats)).containsExactly(boxed(FIRST), boxed(SECOND));
        assertThat(vectors(base64)).isEqualTo(vectors(floats));
        assertThat(floats.model()).isEqualTo(EMBEDDING_MODEL);
        assertThat(floats.data()).extracting(Embedding::index).containsExactly(0L, 1L);
        assertThat(floats.usage().promptTokens()).isEqualTo(8);
        assertThat(floats.usage().totalTokens()).isEqualTo(8);

        // On the wire, base64 is each vector's float32 values, little-endian, as OpenAI encodes them.
        RawHttp http = new RawHttp(env.gateway.baseUrl(), env.gateway.adminKey());
        HttpResponse<String> raw = http.post(
                "/v1/embeddings",
                "{\"model\":\"" + EMBEDDING_MODEL + "\",\"input\":[\"one\",\"two\"],\"encoding_format\":\"base64\"}");
        JsonNode body = tree(raw.body());
        assertThat(body.get("object").asText()).isEqualTo("list");
        assertThat(body.get("data").get(0).get("object").asText()).isEqualTo("embedding");
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder()
                        .decode(body.get("data").get(1).get("embedding").asText()))
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] decoded = new float[bytes.remaining() / Float.BYTES];
        bytes.asFloatBuffer().get(decoded);
        assertThat(decoded).containsExactly(SECOND);
    }

    @Test
    void everyInputShapeReachesTheUpstream() {
        List<Object[]> cases = List.of(
                new Object[] {
                    EmbeddingCreateParams.builder().input("The food was delicious"), "\"The food was delicious\""
                },
                new Object[] {EmbeddingCreateParams.builder().inputOfArrayOfStrings(List.of("a", "b")), "[\"a\",\"b\"]"
                },
                new Object[] {EmbeddingCreateParams.builder().inputOfArrayOfTokens(List.of(1L, 2L, 3L)), "[1,2,3]"},
                new Object[] {
                    EmbeddingCreateParams.builder().inputOfArrayOfTokenArrays(List.of(List.of(4L, 5L), List.of(6L))),
                    "[[4,5],[6]]"
                });
        for (Object[] c : cases) {
            env.upstream.resetAll();
            JsonNode expectedInput = tree((String) c[1]);
            int inputs = expectedInput.isArray() && !expectedInput.get(0).isNumber() ? expectedInput.size() : 1;
            float[][] vectors = new float[inputs][];
            java.util.Arrays.fill(vectors, new float[] {0.5f, 0.25f, 0.125f});
            UpstreamAnswers.embeddings(env.upstream, upstreamAnswer(false, vectors));

            CreateEmbeddingResponse response = client.embeddings()
                    .create(((EmbeddingCreateParams.Builder) c[0])
                            .model(EMBEDDING_MODEL)
                            .dimensions(3)
                            .user("user-7")
                            .encodingFormat(EmbeddingCreateParams.EncodingFormat.FLOAT)
                            .build());

            JsonNode upstream = receivedOnce(env.upstream, EMBEDDINGS_PATH);
            assertThat(upstream.get("input")).as(c[1].toString()).isEqualTo(expectedInput);
            assertThat(upstream.get("model").asText()).isEqualTo(UPSTREAM_EMBEDDING_MODEL);
            assertThat(upstream.get("dimensions").asInt()).isEqualTo(3);
            assertThat(upstream.get("user").asText()).isEqualTo("user-7");
            assertThat(response.data()).hasSize(inputs);
            // The upstream reported no usage, so the gateway estimated it.
            assertThat(response.usage().promptTokens()).isPositive();
        }
    }

    @Test
    void refusesVectorsOfAnotherSizeThanAsked() {
        UpstreamAnswers.embeddings(env.upstream, upstreamAnswer(true, FIRST));

        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> client.embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(EMBEDDING_MODEL)
                        .input("x")
                        .dimensions(3)
                        .build()));

        assertThat(e.param()).contains("dimensions");
        assertThat(e.code()).contains("unsupported_parameter");
    }

    @Test
    void anAdapterWithoutEmbeddingsAnswersAClear400() {
        BadRequestException e = catchThrowableOfType(BadRequestException.class, () -> client.embeddings()
                .create(EmbeddingCreateParams.builder().model("echo").input("x").build()));

        assertThat(e.type()).contains("invalid_request_error");
        assertThat(e.code()).contains("unsupported_operation");
        assertThat(e.getMessage()).contains("embeddings");
    }

    @Test
    void needsTheEmbeddingsPermission() {
        PermissionDeniedException e = catchThrowableOfType(PermissionDeniedException.class, () -> env.gateway
                .openAi(env.keys.get("chat-only"))
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(EMBEDDING_MODEL)
                        .input("x")
                        .build()));

        assertThat(e.statusCode()).isEqualTo(403);
        assertThat(e.code()).contains("insufficient_permissions");
    }

    @Test
    void embeddingsCountAsUsageOfTheKey() throws Exception {
        UpstreamAnswers.embeddings(env.upstream, upstreamAnswer(true, FIRST));
        HttpCalls admin = new HttpCalls(env.gateway.baseUrl());
        HttpCalls.Reply created = admin.post(
                "/admin/api-keys",
                Map.of("name", "embedder", "permissions", List.of("embeddings")),
                env.gateway.adminKey());
        String keyId = created.json().get("id").asText();

        env.gateway
                .openAi(created.json().get("key").asText())
                .embeddings()
                .create(EmbeddingCreateParams.builder()
                        .model(EMBEDDING_MODEL)
                        .input("count me")
                        .build());

        // Usage is written in batches off the request path: wait for the batch (a hang guard, not a timing check).
        JsonNode usage = null;
        for (int i = 0; i < 200 && (usage == null || usage.path("totalRequests").asLong() < 1); i++) {
            Thread.sleep(100);
            usage = admin.get("/admin/api-keys/" + keyId + "/usage", env.gateway.adminKey())
                    .json();
        }
        assertThat(usage.path("totalRequests").asLong()).isEqualTo(1);
        assertThat(usage.path("promptTokens").asLong()).isEqualTo(8);
        assertThat(usage.path("completionTokens").asLong()).isZero();
    }

    private static String upstreamAnswer(boolean withUsage, float[]... vectors) {
        StringBuilder data = new StringBuilder();
        for (int i = 0; i < vectors.length; i++) {
            data.append(i == 0 ? "" : ",")
                    .append("{\"object\":\"embedding\",\"index\":")
                    .append(i)
                    .append(",\"embedding\":")
                    .append(jsonArray(vectors[i]))
                    .append('}');
        }
        return "{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"upstream-embed\""
                + (withUsage ? ",\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}" : "") + "}";
    }

    private static String jsonArray(float[] vector) {
        StringBuilder array = new StringBuilder("[");
        for (int i = 0; i < vector.length; i++) {
            array.append(i == 0 ? "" : ",").append(vector[i]);
        }
        return array.append(']').toString();
    }

    private static List<List<Float>> vectors(CreateEmbeddingResponse response) {
        return response.data().stream().map(Embedding::embedding).toList();
    }

    private static List<Float> boxed(float[] vector) {
        List<Float> values = new ArrayList<>();
        for (float value : vector) {
            values.add(value);
        }
        return values;
    }
}
