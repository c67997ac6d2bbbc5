package ai.dyad.gateway.host.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.ContentPart;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.api.chat.ToolCall;
import ai.dyad.gateway.host.http.ApiException;
import ai.dyad.gateway.host.http.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChatRequestParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ChatRequestParser parser = new ChatRequestParser(new JsonFields(JSON));

    @Test
    void readsEveryFieldOfTheConformanceFixture() throws IOException {
        ChatRequestParser.Parsed parsed = parser.parse(resource("conformance/chat-all-fields.json"));
        ChatRequest r = parsed.request();

        assertThat(r.model()).isEqualTo("gpt-4.1");
        assertThat(r.messages())
                .extracting(ChatMessage::role)
                .containsExactly(
                        Role.DEVELOPER,
                        Role.SYSTEM,
                        Role.USER,
                        Role.ASSISTANT,
                        Role.TOOL,
                        Role.TOOL,
                        Role.ASSISTANT,
                        Role.USER);
        ChatMessage user = r.messages().get(2);
        assertThat(user.name()).isEqualTo("ada");
        assertThat(user.contentWasText()).isFalse();
        assertThat(user.content())
                .containsExactly(
                        new ContentPart.Text("What is in these, and what is the weather?"),
                        new ContentPart.ImageUrl("https://example.com/boardwalk.jpg", "high"),
                        new ContentPart.ImageUrl("data:image/png;base64,iVBORw0KGgo=", null),
                        new ContentPart.InputAudio("UklGRiQAAABXQVZF", "wav"),
                        new ContentPart.File(null, "notes.pdf", "data:application/pdf;base64,JVBERi0x"),
                        new ContentPart.File("file-abc123", null, null));
        ChatMessage assistant = r.messages().get(3);
        assertThat(assistant.content()).isNull();
        assertThat(assistant.toolCalls())
                .containsExactly(
                        new ToolCall("call_1", "get_weather", "{\"city\":\"Boston\"}"),
                        new ToolCall("call_2", "get_weather", "{\"city\":\"Oslo\"}"));
        assertThat(r.messages().get(4).toolCallId()).isEqualTo("call_1");
        assertThat(r.messages().get(0).contentWasText()).isTrue();

        assertThat(r.tools()).singleElement().satisfies(tool -> {
            assertThat(tool.name()).isEqualTo("get_weather");
            assertThat(tool.strict()).isTrue();
            assertThat(tool.parameters()).containsEntry("required", List.of("city"));
        });
        assertThat(r.toolChoice()).isEqualTo(Map.of("type", "function", "function", Map.of("name", "get_weather")));
        assertThat(r.parallelToolCalls()).isFalse();
        assertThat(r.responseFormat()).containsEntry("type", "json_schema");
        assertThat(r.maxTokens()).isEqualTo(256);
        assertThat(r.temperature()).isEqualTo(0.7);
        assertThat(r.topP()).isEqualTo(0.9);
        assertThat(r.n()).isEqualTo(2);
        assertThat(r.stop()).containsExactly("END", "STOP");
        assertThat(r.seed()).isEqualTo(42L);
        assertThat(r.presencePenalty()).isEqualTo(0.5);
        assertThat(r.frequencyPenalty()).isEqualTo(-0.25);
        assertThat(r.logitBias()).containsEntry("50256", -100).containsEntry("1234", 5.5);
        assertThat(r.logprobs()).isTrue();
        assertThat(r.topLogprobs()).isEqualTo(2);
        assertThat(r.user()).isEqualTo("user-1234");
        assertThat(r.metadata()).containsEntry("project", "conformance");
        assertThat(r.store()).isTrue();
        assertThat(r.reasoningEffort()).isEqualTo("low");
        assertThat(r.stream()).isFalse();
        assertThat(r.extra())
                .containsOnlyKeys("verbosity", "prompt_cache_key", "safety_identifier", "vendor_extension")
                .containsEntry(
                        "vendor_extension", Map.of("nested", List.of(1, Map.of("deep", true)), "text", "kept as sent"));
        assertThat(parsed.includeUsage()).isFalse();
        assertThat(parsed.legacyFunctions()).isFalse();
    }

    @Test
    void legacyFunctionsBecomeToolsAndAreRemembered() throws IOException {
        ChatRequestParser.Parsed parsed = parser.parse(JSON.readTree("""
                {"model":"m","messages":[{"role":"user","content":"x"}],
                 "functions":[{"name":"lookup","description":"d","parameters":{"type":"object"}}],
                 "function_call":"auto"}
                """));

        assertThat(parsed.request().tools()).extracting(t -> t.name()).containsExactly("lookup");
        assertThat(parsed.request().toolChoice()).isEqualTo("auto");
        assertThat(parsed.legacyFunctions()).isTrue();
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokens() throws IOException {
        ChatRequest r = parser.parse(
                        JSON.readTree("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                                + "\"max_tokens\":10,\"max_completion_tokens\":20}"))
                .request();

        assertThat(r.maxTokens()).isEqualTo(20);
    }

    @Test
    void includeUsageCountsOnlyForStreams() throws IOException {
        String options =
                "\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"stream_options\":{\"include_usage\":true}";

        assertThat(parser.parse(JSON.readTree("{\"model\":\"m\"," + options + "}"))
                        .includeUsage())
                .isFalse();
        assertThat(parser.parse(JSON.readTree("{\"model\":\"m\",\"stream\":true," + options + "}"))
                        .includeUsage())
                .isTrue();
    }

    @Test
    void anAssistantMessageMayNotCarryImages() throws IOException {
        ApiException e = catchThrowableOfType(ApiException.class, () -> parser.parse(JSON.readTree("""
                {"model":"m","messages":[{"role":"user","content":"x"},{"role":"assistant","content":[
                  {"type":"image_url","image_url":{"url":"https://x.test/a.png"}}]}]}
                """)));

        assertThat(e.error().param()).isEqualTo("messages[1].content[0].type");
        assertThat(e.error().code()).isEqualTo("invalid_value");
    }

    private static JsonNode resource(String path) throws IOException {
        try (InputStream in = ChatRequestParserTest.class.getClassLoader().getResourceAsStream(path)) {
            return JSON.readTree(in);
        }
    }
}
