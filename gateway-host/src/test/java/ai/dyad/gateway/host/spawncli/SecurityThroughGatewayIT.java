package ai.dyad.gateway.host.spawncli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.dyad.gateway.host.testing.LogCapture;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hostile prompts reach a CLI as plain data; provider secrets never reach clients or logs. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class SecurityThroughGatewayIT {

    private static final String SECRET = "sk-live-Zq8x-secret-token-4711";
    private static final String HOSTILE = "; rm -rf ~ && echo pwned\n$(touch /tmp/dyad-pwned) `id` | cat /etc/passwd\n"
            + "--help --output-format=text -p \"quoted\" 'single' \\ {system} {prompt} * ?\n\t€ 😀 > out.txt &";

    @TempDir
    static Path home;

    @TempDir
    static Path record;

    private SpawnCliGateway gateway;

    @BeforeAll
    void start() {
        gateway = new SpawnCliGateway(home);
        gateway.provider(
                "recorder",
                Map.of(
                        "command",
                        SpawnCliGateway.script("replay-cli"),
                        "args",
                        List.of("--model", "{model}"),
                        "env",
                        Map.of("RECORD", record.toString())));
        gateway.provider(
                "leaky", Map.of("command", SpawnCliGateway.script("leaks-secret"), "env", Map.of("API_TOKEN", SECRET)));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void aPromptFullOfShellSyntaxReachesTheCliVerbatim() throws IOException {
        String answer = gateway.client()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("recorder")
                        .addUserMessage(HOSTILE)
                        .build())
                .choices()
                .getFirst()
                .message()
                .content()
                .orElseThrow();
        assertThat(Files.readString(record.resolve("stdin"))).isEqualTo(HOSTILE);
        assertThat(Files.readString(record.resolve("argv"))).isEqualTo("--model\0recorder\0");
        assertThat(answer).isEqualTo(HOSTILE); // echoed back whole (it ends in no newline)
        assertThat(Path.of("/tmp/dyad-pwned")).doesNotExist();
    }

    @Test
    void aSecretFromEnvNeverReachesTheClientOrTheLog() {
        try (LogCapture logs = new LogCapture()) {
            OpenAIServiceException e = catchThrowableOfType(OpenAIServiceException.class, () -> gateway.client()
                    .chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model("leaky")
                            .addUserMessage("hi")
                            .build()));
            assertThat(e.statusCode()).isEqualTo(502);
            assertThat(e.getMessage())
                    .contains("rejected")
                    .doesNotContain(SECRET)
                    .doesNotContain("Zq8x");
            HttpResponse<String> streamed = gateway.post(
                    "{\"model\":\"leaky\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(streamed.body()).contains("rejected").doesNotContain(SECRET);
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(SECRET) || line.contains("Zq8x"));
        }
    }
}
