package ai.dyad.gateway.host.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddingsJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void base64IsLittleEndianFloat32() {
        // 1.0f is 0x3F800000 and -2.0f is 0xC0000000; little-endian: 00 00 80 3F, 00 00 00 C0.
        assertThat(EmbeddingsJson.base64(new float[] {1.0f, -2.0f})).isEqualTo("AACAPwAAAMA=");
    }

    @Test
    void writesOpenAisListShape() throws Exception {
        byte[] body = new EmbeddingsJson(JSON.getFactory())
                .write(List.of(new float[] {0.5f}, new float[] {-0.25f}), false, "my-model", 7);

        JsonNode json = JSON.readTree(body);
        assertThat(json).isEqualTo(JSON.readTree("""
                        {"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.5]},
                         {"object":"embedding","index":1,"embedding":[-0.25]}],"model":"my-model",
                         "usage":{"prompt_tokens":7,"total_tokens":7}}
                        """));
    }
}
