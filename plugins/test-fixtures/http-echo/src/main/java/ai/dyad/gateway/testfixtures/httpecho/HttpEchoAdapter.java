package ai.dyad.gateway.testfixtures.httpecho;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sends {@code {"model","stream","max_tokens","prompt"}} to {@code POST {baseUrl}/chat} (probes: {@code GET
 * {baseUrl}/health}). A 2xx
 * {@code text/event-stream} answer is read as {@code data: TEXT} lines (each one chunk) up to
 * {@code data: [DONE]}; any other 2xx body is the whole answer. Failures map to error kinds the way a real
 * HTTP adapter's would: refused connection → UNAVAILABLE, no answer in time → TIMEOUT, 429/529 →
 * RATE_LIMITED with {@code retry-after}, 503 → UNAVAILABLE, other 5xx → UPSTREAM_ERROR, 4xx →
 * INVALID_REQUEST, a stream cut before {@code [DONE]} → UPSTREAM_ERROR.
 */
final class HttpEchoAdapter implements ModelAdapter {

    private final URI baseUrl;
    private final HttpClient client;

    HttpEchoAdapter(URI baseUrl) {
        // A trailing slash makes "chat" and "health" resolve below the base path, so one upstream can
        // stand in for several providers under different prefixes.
        this.baseUrl = baseUrl.toString().endsWith("/") ? baseUrl : URI.create(baseUrl + "/");
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        Duration left = call.remaining(Instant.now());
        if (left.isZero()) {
            throw new AdapterException(ErrorKind.TIMEOUT, "no time left for the upstream");
        }
        HttpRequest http = HttpRequest.newBuilder(baseUrl.resolve("chat"))
                .timeout(left)
                .header("content-type", "application/json")
                .header("x-request-id", call.requestId())
                .POST(HttpRequest.BodyPublishers.ofString(body(request)))
                .build();
        HttpResponse<InputStream> response = send(http);
        sink.onCancel(() -> closeQuietly(response.body()));
        int status = response.statusCode();
        if (status / 100 != 2) {
            String text = read(response.body());
            throw failure(status, text, retryAfter(response));
        }
        String type = response.headers().firstValue("content-type").orElse("");
        try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (!type.startsWith("text/event-stream")) {
                StringBuilder all = new StringBuilder();
                char[] buffer = new char[4096];
                for (int n; (n = lines.read(buffer)) >= 0; ) {
                    all.append(buffer, 0, n);
                }
                sink.emit(ChatChunk.text(all.toString()));
                sink.complete(FinishReason.STOP, null);
                return;
            }
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.startsWith("data: ")) {
                    continue;
                }
                String data = line.substring("data: ".length());
                if ("[DONE]".equals(data)) {
                    sink.complete(FinishReason.STOP, null);
                    return;
                }
                if (!sink.emit(ChatChunk.text(data))) {
                    return;
                }
            }
            throw new AdapterException(ErrorKind.UPSTREAM_ERROR, "the upstream stream ended before [DONE]");
        } catch (IOException e) {
            if (sink.isCancelled()) {
                return;
            }
            throw new AdapterException(ErrorKind.UPSTREAM_ERROR, "the upstream stream broke: " + e.getMessage(), e);
        }
    }

    @Override
    public Health health() {
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(baseUrl.resolve("health"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            return response.statusCode() / 100 == 2
                    ? Health.healthy("upstream answered " + response.statusCode(), took)
                    : Health.unhealthy("upstream answered " + response.statusCode(), took);
        } catch (IOException e) {
            return Health.unhealthy(
                    "upstream unreachable: " + e.getClass().getSimpleName(),
                    Duration.ofNanos(System.nanoTime() - start));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.unhealthy("interrupted", Duration.ofNanos(System.nanoTime() - start));
        }
    }

    @Override
    public void close() {
        client.close();
    }

    private HttpResponse<InputStream> send(HttpRequest http) {
        try {
            return client.send(http, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new AdapterException(ErrorKind.UNAVAILABLE, "cannot connect to the upstream in time", e);
        } catch (HttpTimeoutException e) {
            throw new AdapterException(ErrorKind.TIMEOUT, "the upstream did not answer in time", e);
        } catch (ConnectException e) {
            throw new AdapterException(ErrorKind.UNAVAILABLE, "the upstream refused the connection", e);
        } catch (IOException e) {
            throw new AdapterException(ErrorKind.UNAVAILABLE, "cannot reach the upstream: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdapterException(ErrorKind.TIMEOUT, "interrupted while waiting for the upstream", e);
        }
    }

    private static AdapterException failure(int status, String text, Duration retryAfter) {
        String message = "upstream answered " + status + (text.isBlank() ? "" : ": " + text.strip());
        if (status == 429 || status == 529) {
            return new AdapterException(ErrorKind.RATE_LIMITED, message, null, null, retryAfter, null);
        }
        if (status == 503) {
            return new AdapterException(ErrorKind.UNAVAILABLE, message, null, null, retryAfter, null);
        }
        if (status >= 500) {
            return new AdapterException(ErrorKind.UPSTREAM_ERROR, message);
        }
        return new AdapterException(ErrorKind.INVALID_REQUEST, message);
    }

    private static Duration retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("retry-after");
        try {
            return value.map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String body(ChatRequest request) {
        ChatMessage last = request.messages().getLast();
        return "{\"model\":" + quote(request.model()) + ",\"stream\":" + request.stream() + ",\"max_tokens\":"
                + request.maxTokens() + ",\"prompt\":" + quote(last.text()) + "}";
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String read(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException e) {
            // the call is being cancelled anyway
        }
    }
}
