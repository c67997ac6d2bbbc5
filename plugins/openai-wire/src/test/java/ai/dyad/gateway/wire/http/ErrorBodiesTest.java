package ai.dyad.gateway.wire.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.http.UpstreamError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorBodiesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "openai|{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\",\"param\":\"messages\",\"code\":\"x\"}}|bad|invalid_request_error|x|messages",
                "anthropic|{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}|Overloaded|overloaded_error||",
                "ollama|{\"error\":\"model 'llama9' not found\"}|model 'llama9' not found|||",
                "vllm|{\"object\":\"error\",\"message\":\"too long\",\"type\":\"BadRequestError\",\"param\":null,\"code\":400}|too long|BadRequestError|400|",
                "llama.cpp|{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}|Loading model|unavailable_error|503|",
                "fastapi|{\"detail\":\"Not Found\"}|Not Found|||",
                "text|upstream connect error|upstream connect error|||",
                "html|<html><body>502 Bad Gateway</body></html>||||",
            })
    void readsEveryDialect(String name, String body, String message, String type, String code, String param) {
        UpstreamError error = ErrorBodies.parse(body.getBytes(StandardCharsets.UTF_8), Redactor.of());
        assertThat(error).isEqualTo(new UpstreamError(message, type, code, param));
    }

    @org.junit.jupiter.api.Test
    void redactsEchoedKeys() {
        UpstreamError error = ErrorBodies.parse(
                "{\"error\":{\"message\":\"Incorrect API key provided: sk-proj-****************abcd.\"}}"
                        .getBytes(StandardCharsets.UTF_8),
                Redactor.of());
        assertThat(error.message()).isEqualTo("Incorrect API key provided: [redacted].");
    }
}
