package ai.dyad.gateway.wire.openai;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.models.ModelInfo;
import ai.dyad.gateway.wire.json.Json;
import org.junit.jupiter.api.Test;

class OpenAiModelsTest {

    @Test
    void readsIdsAndWhatTheListTells() throws Exception {
        var models = OpenAiModels.decode(Json.parse("""
                {"object":"list","data":[
                  {"id":"gpt-4o-mini","object":"model","created":1686935002,"owned_by":"openai"},
                  {"id":"text-embedding-3-small","object":"model","created":1,"owned_by":"system"},
                  {"id":"Qwen/Qwen3-8B","object":"model","owned_by":"vllm","max_model_len":32768}]}"""));
        assertThat(models)
                .containsExactly(
                        new ModelInfo("gpt-4o-mini", null, true, false, false, false),
                        new ModelInfo("text-embedding-3-small", null, false, false, false, true),
                        new ModelInfo("Qwen/Qwen3-8B", 32768, true, false, false, false));
    }
}
