package ai.dyad.gateway.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import ai.dyad.gateway.host.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.models.Model;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The first slice end to end: the official OpenAI Java SDK against a real gateway with real plugin jars. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class WalkingSkeletonIT {

    @TempDir
    static Path home;

    private Path marker;
    private TestGateway gateway;
    private OpenAIClient client;

    @BeforeAll
    void start() {
        // The first start creates the admin key and the demo model; then test providers are added.
        String adminKey;
        try (TestGateway first = TestGateway.start(home)) {
            adminKey = first.adminKey();
        }
        marker = home.resolve("marker");
        TestGateway.seed(
                home,
                Provider.create(
                        "marker-cli",
                        "spawn-cli",
                        Map.of(
                                "command",
                                TestGateway.script("first-then-marker").toString(),
                                "env",
                                Map.of("MARKER", marker.toString())),
                        List.of(ProviderModel.named("marker"))));
        TestGateway.seed(
                home,
                Provider.create(
                        "failing-cli",
                        "spawn-cli",
                        Map.of("command", TestGateway.script("fail-with-stderr").toString()),
                        List.of(ProviderModel.named("failing"))));
        gateway = TestGateway.start(home, adminKey, Map.of());
        client = gateway.openAi();
    }

    @AfterAll
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void listsTheConfiguredModels() {
        List<String> ids = client.models().list().data().stream().map(Model::id).toList();
        assertThat(ids).contains("echo", "marker", "failing");
    }

    @Test
    void answersAChatCompletionFromTheDemoModel() {
        ChatCompletion completion = client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("echo")
                        .addUserMessage("Hello, gateway")
                        .build());
        assertThat(completion.id()).startsWith("chatcmpl-");
        assertThat(completion.model()).isEqualTo("echo");
        assertThat(completion.choices().getFirst().message().content()).contains("Hello, gateway");
        assertThat(completion.usage().orElseThrow().totalTokens()).isPositive();
    }

    @Test
    void streamsDeltasWhileTheProcessIsStillWriting() throws Exception {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("marker")
                .addUserMessage("go")
                .build();
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream =
                client.chat().completions().createStreaming(params)) {
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            while (!text.toString().contains("first")) {
                text.append(content(chunks.next()));
            }
            // Only now may the process write the rest: the first delta arrived before the process ended.
            Files.createFile(marker);
            chunks.forEachRemaining(chunk -> text.append(content(chunk)));
        }
        assertThat(text).hasToString("first second");
    }

    @Test
    void reportsAFailingCommandAsABadGateway() {
        OpenAIServiceException e = catchThrowableOfType(OpenAIServiceException.class, () -> client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("failing")
                        .addUserMessage("hi")
                        .build()));
        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.code()).contains("cli_error");
        assertThat(e.getMessage()).contains("status 7").contains("model overloaded");
    }

    @Test
    void rejectsAMissingOrWrongKey() {
        for (String key : List.of("sk-dyad-wrong", "sk-dyad-" + "A".repeat(43))) {
            OpenAIServiceException e = catchThrowableOfType(
                    OpenAIServiceException.class,
                    () -> gateway.openAi(key).models().list());
            assertThat(e.statusCode()).isEqualTo(401);
            assertThat(e.type()).contains("invalid_request_error");
            assertThat(e.code()).contains("invalid_api_key");
        }
    }

    @Test
    void rejectsAnUnknownModel() {
        OpenAIServiceException e = catchThrowableOfType(OpenAIServiceException.class, () -> client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("no-such-model")
                        .addUserMessage("hi")
                        .build()));
        assertThat(e.statusCode()).isEqualTo(404);
        assertThat(e.type()).contains("invalid_request_error");
        assertThat(e.code()).contains("model_not_found");
        assertThat(e.param()).contains("model");
    }

    @Test
    void rejectsEmptyMessages() {
        OpenAIServiceException e = catchThrowableOfType(OpenAIServiceException.class, () -> client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("echo")
                        .messages(List.of())
                        .build()));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.type()).contains("invalid_request_error");
        assertThat(e.param()).contains("messages");
    }

    private static String content(ChatCompletionChunk chunk) {
        return chunk.choices().isEmpty()
                ? ""
                : chunk.choices().getFirst().delta().content().orElse("");
    }
}
