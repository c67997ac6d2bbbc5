package ai.dyad.gateway.wire.http;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.http.HttpErrors;
import ai.dyad.gateway.api.http.RetryAfter;
import ai.dyad.gateway.api.http.UpstreamError;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Call;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One provider's HTTP upstream: its base URL, the headers every call carries (credentials included), and
 * its lease of the plugin's shared client. Executes calls so that cancellation aborts them, the call's
 * deadline bounds them, and every failure becomes an {@link AdapterException} of the right kind.
 * Thread-safe; one instance serves all of a provider's concurrent calls.
 */
public final class Upstream implements AutoCloseable {

    private static final MediaType JSON = MediaType.get("application/json");
    /** Error bodies are read up to this size: enough for any message, bounded against a hostile upstream. */
    private static final long MAX_ERROR_BODY = 64 * 1024;

    /** The longest a health probe may take. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(10);

    private final HttpUrl base;
    private final Map<String, HttpUrl> urls = new ConcurrentHashMap<>();
    private final String displayName;
    private final Headers headers;
    private final SharedHttpClient.Lease lease;
    private final Redactor redactor;
    private final Clock clock;

    private Upstream(HttpUrl base, Headers headers, SharedHttpClient.Lease lease, Redactor redactor, Clock clock) {
        this.base = base;
        this.displayName = base.scheme() + "://" + base.host() + ":" + base.port()
                + (base.encodedPath().equals("/") ? "" : base.encodedPath());
        this.headers = headers;
        this.lease = lease;
        this.redactor = redactor;
        this.clock = clock;
    }

    /**
     * Connects a provider to its upstream.
     *
     * @param baseUrl the base URL that paths are resolved against, such as {@code https://api.openai.com/v1}
     * @param protocol {@link UpstreamProtocol#H2C} only with an {@code http://} base URL
     * @param headers sent with every call; values are treated as secrets in error messages
     * @throws AdapterException with {@link ErrorKind#INVALID_REQUEST} when the URL is not an http(s) URL, or
     *     is an https URL with h2c
     */
    public static Upstream connect(
            String baseUrl,
            UpstreamProtocol protocol,
            UpstreamHeaders headers,
            SharedHttpClient client,
            Timeouts timeouts,
            Clock clock) {
        HttpUrl base = HttpUrl.parse(baseUrl);
        if (base == null || base.username().length() > 0 || base.password().length() > 0) {
            throw invalidConfig("'" + baseUrl + "' is not an http(s) URL without credentials");
        }
        if (protocol == UpstreamProtocol.H2C && base.isHttps()) {
            throw invalidConfig("HTTP/2 with prior knowledge is for http:// upstreams; '" + base.scheme() + "://"
                    + base.host() + "' negotiates HTTP/2 through TLS by itself");
        }
        Headers.Builder all = new Headers.Builder().add("User-Agent", "dyad-gateway");
        headers.headers().forEach(all::set);
        return new Upstream(base, all.build(), client.lease(timeouts, protocol), headers.redactor(), clock);
    }

    private static AdapterException invalidConfig(String message) {
        return new AdapterException(ErrorKind.INVALID_REQUEST, message, "invalid_config", null, null, null);
    }

    /** The upstream as named in messages: scheme, host, port and path, never credentials or a query. */
    public String displayName() {
        return displayName;
    }

    /** The redactor that cleans this upstream's messages of its credentials. */
    public Redactor redactor() {
        return redactor;
    }

    /**
     * A URL below the base URL.
     *
     * @param path a relative path such as {@code chat/completions}, optionally with a query
     */
    public HttpUrl url(String path) {
        // Parsed once per path (an adapter uses a handful of constant paths); parsing is a regex per call.
        return urls.computeIfAbsent(path, p -> {
            String root = base.toString();
            HttpUrl url = HttpUrl.parse(root.endsWith("/") ? root + p : root + "/" + p);
            if (url == null) {
                throw new IllegalArgumentException("bad path " + p);
            }
            return url;
        });
    }

    /** A URL at the server root, for probes that live outside the API path (llama.cpp's {@code /health}). */
    public HttpUrl rootUrl(String path) {
        return base.newBuilder().encodedPath("/" + path).query(null).build();
    }

    /** A POST of a JSON body. */
    public static Request.Builder postJson(HttpUrl url, JsonNode body) {
        return new Request.Builder().url(url).post(RequestBody.create(Json.bytes(body), JSON));
    }

    /**
     * Runs a call whose answer is read as it arrives: the request goes out with the provider's headers,
     * {@code sink} cancellation aborts it, a non-2xx answer is thrown as an error, and the body is handed to
     * {@code reader}. A failure after cancellation is swallowed: the client is gone, nobody wants to hear.
     */
    public void stream(Request.Builder request, CallContext call, ChatSink sink, BodyReader reader) {
        Call http = newCall(request);
        sink.onCancel(http::cancel);
        boolean finished = false;
        try (CallTimeouts.Timed timed = watch(http, call)) {
            try (Response response = execute(http, timed)) {
                try (InputStream body = timed.track(response.body().byteStream())) {
                    finished = reader.read(body);
                } catch (IOException e) {
                    throw HttpErrors.fromIoException(timed.explain(e), displayName, true);
                }
            }
        } catch (AdapterException e) {
            if (!sink.isCancelled()) {
                throw e;
            }
        } finally {
            if (!finished || sink.isCancelled()) {
                // Closing an unread body would first try to drain it; the call is over, drop the connection.
                http.cancel();
            }
        }
    }

    /** Runs a call that answers with one JSON document, such as a model list or embeddings. */
    public JsonNode exchangeJson(Request.Builder request, CallContext call) {
        Call http = newCall(request);
        try (CallTimeouts.Timed timed = watch(http, call);
                Response response = execute(http, timed)) {
            try (InputStream body = timed.track(response.body().byteStream())) {
                return Json.parseUpstream(body.readAllBytes(), "response");
            } catch (IOException e) {
                throw HttpErrors.fromIoException(timed.explain(e), displayName, true);
            }
        }
    }

    /**
     * Runs a call for its status alone (a health probe): returns on 2xx, throws otherwise. Bounded by
     * {@link #PROBE_TIMEOUT}, not by the provider's read timeout, which is sized for slow completions.
     */
    public void check(Request.Builder request) {
        Call http = newCall(request);
        Instant now = clock.instant();
        try (CallTimeouts.Timed timed = lease.watch(http, now.plus(PROBE_TIMEOUT), now);
                Response response = execute(http, timed)) {
            // The status is the answer; the body is dropped with the response.
        }
    }

    /** A GET of a JSON document below the base URL. */
    public JsonNode getJson(String path, CallContext call) {
        return exchangeJson(new Request.Builder().url(url(path)).get(), call);
    }

    private Call newCall(Request.Builder request) {
        Request built = request.headers(merge(request.build().headers())).build();
        return lease.client().newCall(built);
    }

    private CallTimeouts.Timed watch(Call http, CallContext call) {
        return lease.watch(http, call == null ? null : call.deadline(), clock.instant());
    }

    private Headers merge(Headers perCall) {
        Headers.Builder all = headers.newBuilder();
        perCall.forEach(header -> all.set(header.getFirst(), header.getSecond()));
        return all.build();
    }

    /** Executes the call; returns only a 2xx response, throws everything else as an {@link AdapterException}. */
    private Response execute(Call http, CallTimeouts.Timed timed) {
        Response response;
        try {
            response = http.execute();
        } catch (IOException e) {
            throw HttpErrors.fromIoException(timed.explain(e), displayName, false);
        }
        if (response.isSuccessful()) {
            return response;
        }
        try (response) {
            throw errorOf(response);
        }
    }

    private AdapterException errorOf(Response response) {
        byte[] body;
        try (ResponseBody peeked = response.peekBody(MAX_ERROR_BODY)) {
            body = peeked.bytes();
        } catch (IOException e) {
            body = new byte[0];
        }
        UpstreamError error = ErrorBodies.parse(body, redactor);
        if (response.code() >= 300 && response.code() < 400) {
            error = new UpstreamError(
                    "the upstream redirects to " + response.header("location", "?") + "; fix the provider's base URL",
                    null,
                    null,
                    null);
            return HttpErrors.fromStatus(ErrorKind.UPSTREAM_ERROR, response.code(), error, null);
        }
        Duration retryAfter = RetryAfter.fromHeaders(
                        response.header("retry-after-ms"), response.header("retry-after"), clock.instant())
                .orElse(null);
        return HttpErrors.fromStatus(response.code(), error, retryAfter);
    }

    /** Returns the lease of the shared client. */
    @Override
    public void close() {
        lease.close();
    }

    /** Consumes an answer body as it arrives. */
    @FunctionalInterface
    public interface BodyReader {
        /**
         * @return {@code true} when the answer was read to its end, {@code false} when reading stopped early
         *     (the client went away), so the connection must be dropped rather than reused
         */
        boolean read(InputStream body) throws IOException;
    }
}
