package ai.dyad.gateway.plugins.openaiupstream;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.Capabilities;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** Forwards chat and embeddings to the upstream with the JDK client, streaming when the client streams. */
final class OpenAiUpstreamAdapter implements ModelAdapter {

    private final URI baseUrl;
    private final String apiKey;
    private final Capabilities capabilities;
    private final ObjectMapper json = new ObjectMapper();
    private final RequestEncoder encoder = new RequestEncoder(json);
    private final AnswerDecoder decoder = new AnswerDecoder();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    OpenAiUpstreamAdapter(URI baseUrl, String apiKey, Capabilities capabilities) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.capabilities = capabilities;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        HttpResponse<InputStream> response = post("chat/completions", encoder.chat(request), call);
        try (InputStream body = response.body()) {
            if (request.stream()) {
                StreamState state = new StreamState();
                BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
                String line;
                while ((line = lines.readLine()) != null) {
                    if (!line.startsWith("data:")) {
                        continue;
                    }
                    String data = line.substring(5).strip();
                    if ("[DONE]".equals(data)) {
                        break;
                    }
                    if (!decoder.streamChunk(json.readTree(data), sink, state)) {
                        return;
                    }
                }
                sink.complete(state.finish(), state.usage());
            } else {
                decoder.completion(json.readTree(body), sink);
            }
        } catch (IOException e) {
            throw new AdapterException(ErrorKind.UPSTREAM_ERROR, "upstream read failed: " + e.getMessage(), e);
        }
    }

    @Override
    public EmbeddingResult embed(EmbeddingRequest request, CallContext call) {
        HttpResponse<InputStream> response = post("embeddings", encoder.embeddings(request), call);
        try (InputStream body = response.body()) {
            return decoder.embeddings(json.readTree(body));
        } catch (IOException e) {
            throw new AdapterException(ErrorKind.UPSTREAM_ERROR, "upstream read failed: " + e.getMessage(), e);
        }
    }

    private HttpResponse<InputStream> post(String path, JsonNode body, CallContext call) {
        HttpRequest.Builder request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(call.remaining(Clock.systemUTC().instant()).plusSeconds(1))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
        if (apiKey != null) {
            request.header("authorization", "Bearer " + apiKey);
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new AdapterException(ErrorKind.UNAVAILABLE, "upstream unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AdapterException(ErrorKind.TIMEOUT, "interrupted while calling the upstream", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw UpstreamErrors.of(response, json);
        }
        return response;
    }

    private byte[] bytes(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new AdapterException(ErrorKind.INTERNAL, "request not serialisable", e);
        }
    }
}
