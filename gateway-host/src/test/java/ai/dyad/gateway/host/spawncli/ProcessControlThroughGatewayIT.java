package ai.dyad.gateway.host.spawncli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ai.dyad.gateway.host.testing.Ask;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, disconnects, limits and failures of spawned CLIs, seen by a client of a real gateway. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ProcessControlThroughGatewayIT {

    private static final Duration HANG_GUARD = Duration.ofSeconds(10);

    @TempDir
    static Path home;

    @TempDir
    static Path pids;

    private SpawnCliGateway gateway;

    @BeforeAll
    void start() throws IOException {
        gateway = new SpawnCliGateway(home);
        for (String model : List.of("timeout", "disconnect", "raw-disconnect", "busy")) {
            Files.createDirectories(pids.resolve(model));
        }
        gateway.provider("timeout", silentTree("timeout", Map.of("timeout", 0.5)));
        gateway.provider("disconnect", silentTree("disconnect", Map.of()));
        gateway.provider("raw-disconnect", silentTree("raw-disconnect", Map.of()));
        gateway.provider("busy", silentTree("busy", Map.of("maxConcurrent", 1, "maxQueue", 0)));
        gateway.provider("failing", Map.of("command", SpawnCliGateway.script("fail-with-stderr")));
        gateway.provider("flood", Map.of("command", "yes", "args", List.of("flood"), "maxOutputBytes", 20000));
        gateway.provider("cat", Map.of("command", "cat"));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void aTimeoutKillsTheWholeTreeAndAnswers504() {
        OpenAIServiceException e = catchThrowableOfType(
                OpenAIServiceException.class,
                () -> gateway.client().chat().completions().create(params("timeout")));
        assertThat(e.statusCode()).isEqualTo(504);
        assertThat(CliPids.all(pids.resolve("timeout"))).hasSize(2);
        Ask.eventually(HANG_GUARD, () -> !CliPids.anyAlive(pids.resolve("timeout")), "the timed-out tree is gone");
    }

    @Test
    void closingTheSdkStreamWhileTheCliIsSilentKillsTheTree() {
        Path folder = pids.resolve("disconnect");
        long closing;
        try (StreamResponse<ChatCompletionChunk> stream =
                gateway.client().chat().completions().createStreaming(params("disconnect"))) {
            Iterator<ChatCompletionChunk> chunks = stream.stream().iterator();
            while (chunks.next().choices().stream()
                    .noneMatch(c -> c.delta().content().isPresent())) {
                // role chunk first; "started" is the CLI's only output, after which it stays silent
            }
            assertThat(CliPids.all(folder)).hasSize(2);
            closing = System.nanoTime();
        }
        System.out.printf(
                "spawn-cli: SDK stream close() called -> process tree gone in %.1f ms%n",
                CliPids.awaitDeath(folder, closing, HANG_GUARD));
    }

    @Test
    void droppingTheConnectionOfANonStreamingCallKillsTheTree() throws IOException {
        Path folder = pids.resolve("raw-disconnect");
        String body = "{\"model\":\"raw-disconnect\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), gateway.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                            + gateway.adminKey() + "\r\nContent-Type: application/json\r\nContent-Length: "
                            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body)
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            Ask.eventually(HANG_GUARD, () -> CliPids.all(folder).size() == 2, "the CLI started");
        }
        long closed = System.nanoTime();
        System.out.printf(
                "spawn-cli: connection closed (JSON call) -> process tree gone in %.1f ms%n",
                CliPids.awaitDeath(folder, closed, HANG_GUARD));
    }

    @Test
    void aFullProviderAnswers429ProviderBusyWithRetryAfter() throws IOException {
        try (StreamResponse<ChatCompletionChunk> first =
                gateway.client().chat().completions().createStreaming(params("busy"))) {
            first.stream().iterator().next();
            Ask.eventually(HANG_GUARD, () -> CliPids.all(pids.resolve("busy")).size() == 2, "the first CLI runs");
            HttpResponse<String> second =
                    gateway.post("{\"model\":\"busy\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
            assertThat(second.statusCode()).as(second.body()).isEqualTo(429);
            assertThat(second.body()).contains("\"code\":\"provider_busy\"");
            assertThat(second.headers().firstValue("retry-after")).isPresent();
        }
    }

    @Test
    void aFailingCliAnswers502WithItsStderrTail() {
        OpenAIServiceException e = catchThrowableOfType(
                OpenAIServiceException.class,
                () -> gateway.client().chat().completions().create(params("failing")));
        assertThat(e.statusCode()).isEqualTo(502);
        assertThat(e.getMessage()).contains("model overloaded, try later");
    }

    @Test
    void outputBeyondTheLimitEndsWithFinishReasonLength() {
        ChatCompletion completion = gateway.client().chat().completions().create(params("flood"));
        assertThat(completion.choices().getFirst().finishReason().asString()).isEqualTo("length");
        assertThat(completion.choices().getFirst().message().content().orElseThrow())
                .startsWith("flood\nflood\n")
                .hasSizeLessThanOrEqualTo(20000);
    }

    @Test
    void anImageForASpawnCliModelIs400() {
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("cat")
                .addUserMessageOfArrayOfContentParts(List.of(
                        ChatCompletionContentPart.ofText(
                                com.openai.models.chat.completions.ChatCompletionContentPartText.builder()
                                        .text("what is this?")
                                        .build()),
                        ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder()
                                        .url("data:image/png;base64,iVBORw0KGgo=")
                                        .build())
                                .build())))
                .build();
        OpenAIServiceException e = catchThrowableOfType(
                OpenAIServiceException.class,
                () -> gateway.client().chat().completions().create(params));
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).contains("messages[0].content[1]");
    }

    private Map<String, Object> silentTree(String model, Map<String, Object> extra) {
        Map<String, Object> config = new java.util.HashMap<>(extra);
        config.put("command", SpawnCliGateway.script("silent-tree"));
        config.put("env", Map.of("PIDS", pids.resolve(model).toString()));
        return config;
    }

    private static ChatCompletionCreateParams params(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("hi")
                .build();
    }
}
