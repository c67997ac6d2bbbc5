package ai.dyad.gateway.host.conformance;

import static ai.dyad.gateway.host.conformance.ConformanceGateway.EMBEDDING_MODEL;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An embeddings backend that never answers cannot hold a request past the deadline. */
@Timeout(120)
class EmbeddingDeadlineIT {

    @TempDir
    static Path home;

    @Test
    void answers504WhenTheAdapterMissesTheDeadline() throws Exception {
        try (ConformanceGateway env = ConformanceGateway.start(home, Map.of("DEFAULT_TIMEOUT_MS", "2000"), Map.of())) {
            env.upstream.stubFor(post(urlEqualTo(UpstreamAnswers.EMBEDDINGS_PATH))
                    .willReturn(okJson("{\"object\":\"list\",\"data\":[]}").withFixedDelay(60_000)));
            RawHttp http = new RawHttp(env.gateway.baseUrl(), env.gateway.adminKey());

            HttpResponse<String> response =
                    http.post("/v1/embeddings", "{\"model\":\"" + EMBEDDING_MODEL + "\",\"input\":\"slow\"}");

            assertThat(response.statusCode()).isEqualTo(504);
            JsonNode error = UpstreamAnswers.tree(response.body()).get("error");
            assertThat(error.get("type").asText()).isEqualTo("timeout_error");
            assertThat(error.get("code").asText()).isEqualTo("timeout");
        }
    }
}
