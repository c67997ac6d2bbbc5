package ai.dyad.gateway.wire.openai;

import static ai.dyad.gateway.wire.testing.JsonAssertions.assertSameJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.embeddings.EmbeddingInput;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import ai.dyad.gateway.wire.json.Json;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiEmbeddingsTest {

    @Test
    void asksForFloatsAndKeepsUnknownFields() throws Exception {
        EmbeddingRequest request = new EmbeddingRequest(
                "text-embedding-3-small",
                List.of(new EmbeddingInput.Text("a"), new EmbeddingInput.Text("b")),
                256,
                "u1",
                Map.of("encoding_format", "base64", "truncate", "END"));
        assertSameJson(Json.parse("""
                        {"model":"text-embedding-3-small","input":["a","b"],"dimensions":256,"user":"u1",
                         "truncate":"END","encoding_format":"float"}"""), OpenAiEmbeddings.encode(request));
    }

    @Test
    void sendsTokenArraysAsNestedLists() throws Exception {
        EmbeddingRequest request = new EmbeddingRequest(
                "m",
                List.of(new EmbeddingInput.Tokens(List.of(1, 2)), new EmbeddingInput.Tokens(List.of(3))),
                null,
                null,
                null);
        assertSameJson(
                Json.parse("{\"model\":\"m\",\"input\":[[1,2],[3]],\"encoding_format\":\"float\"}"),
                OpenAiEmbeddings.encode(request));
    }

    @Test
    void refusesMixedInputs() {
        EmbeddingRequest request = new EmbeddingRequest(
                "m", List.of(new EmbeddingInput.Text("a"), new EmbeddingInput.Tokens(List.of(3))), null, null, null);
        assertThatThrownBy(() -> OpenAiEmbeddings.encode(request))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }

    @Test
    void ordersVectorsByIndexAndReadsUsage() throws Exception {
        EmbeddingResult result = OpenAiEmbeddings.decode(Json.parse("""
                        {"object":"list","data":[
                          {"object":"embedding","index":1,"embedding":[0.5,-1]},
                          {"object":"embedding","index":0,"embedding":[0.0023064255,-0.009327292]}],
                         "model":"text-embedding-3-small","usage":{"prompt_tokens":8,"total_tokens":8}}"""), 2);
        assertThat(result.vectors().get(0)).containsExactly(0.0023064255f, -0.009327292f);
        assertThat(result.vectors().get(1)).containsExactly(0.5f, -1f);
        assertThat(result.usage()).isEqualTo(Usage.of(8, 0));
    }

    @Test
    void decodesBase64VectorsFromServersThatIgnoreTheFormat() throws Exception {
        ByteBuffer bytes = ByteBuffer.allocate(8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1.5f)
                .putFloat(-2f);
        String b64 = Base64.getEncoder().encodeToString(bytes.array());
        EmbeddingResult result =
                OpenAiEmbeddings.decode(Json.parse("{\"data\":[{\"index\":0,\"embedding\":\"" + b64 + "\"}]}"), 1);
        assertThat(result.vectors().getFirst()).containsExactly(1.5f, -2f);
        assertThat(result.usage()).isNull();
    }

    @Test
    void reportsMissingVectorsAsAnUpstreamError() {
        assertThatThrownBy(() -> OpenAiEmbeddings.decode(Json.parse("{\"data\":[]}"), 1))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR));
    }
}
