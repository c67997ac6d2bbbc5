package ai.dyad.gateway.host.cache;

import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.auth.Permission;
import ai.dyad.gateway.host.calls.CallInfo;
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.calls.CallOutcome;
import ai.dyad.gateway.host.calls.CallPlan;
import ai.dyad.gateway.host.calls.CallResult;
import ai.dyad.gateway.host.http.BodyThenDispatch;
import ai.dyad.gateway.host.http.RequestIds;
import ai.dyad.gateway.host.http.ResponseWriter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Serves identical deterministic chat requests from the cache. A request qualifies when it is not streamed
 * and either has {@code temperature: 0} or carries {@code x-dyad-cache: force}; {@code x-dyad-cache: bypass}
 * opts out. The response says {@code x-dyad-cache: hit} or {@code miss}. Only complete 200 answers are
 * stored, and never those of providers listed in {@code CACHE_DISABLED_PROVIDERS}. A hit is reported to
 * the call observer like a call, so it still counts as usage and against the token budget (which may refuse
 * it). Auth and the request rate limit run before this handler; the key's allowed models are checked here
 * before any lookup, so a cache hit skips none of them.
 */
public final class CachingChatHandler implements BodyThenDispatch.BodyHandler {

    public static final HttpString HEADER = HttpString.tryFromString("x-dyad-cache");
    static final int MAX_BODY_BYTES = 1024 * 1024;

    private final BodyThenDispatch.BodyHandler next;
    private final ResponseCache cache;
    private final Set<String> disabledProviders;
    private final CallObserver observer;
    private final Consumer<Boolean> lookups;
    private final ObjectMapper json;
    private final CacheKeys keys;

    /** @param lookups told of each lookup: true for a hit (metrics) */
    public CachingChatHandler(
            BodyThenDispatch.BodyHandler next,
            ResponseCache cache,
            Set<String> disabledProviders,
            CallObserver observer,
            Consumer<Boolean> lookups,
            ObjectMapper json) {
        this.next = next;
        this.cache = cache;
        this.disabledProviders = Set.copyOf(disabledProviders);
        this.observer = observer;
        this.lookups = lookups;
        this.json = json;
        this.keys = new CacheKeys(json);
    }

    @Override
    public void handle(HttpServerExchange exchange, byte[] body) throws Exception {
        // Checked here too: a key that may not chat must not read cached chats either.
        ApiKeyAuth.require(exchange, Permission.CHAT);
        Optional<Lookup> lookup = cacheKey(exchange, body);
        if (lookup.isEmpty()) {
            next.handle(exchange, body);
            return;
        }
        // Checked before the lookup as the chat handler would, so a cached answer reaches only allowed keys.
        ApiKeyAuth.requireModel(exchange, lookup.get().model());
        String key = lookup.get().key();
        Optional<CachedAnswer> hit = cache.get(key);
        lookups.accept(hit.isPresent());
        if (hit.isPresent()) {
            serve(exchange, lookup.get().model(), hit.get());
            return;
        }
        exchange.getResponseHeaders().put(HEADER, "miss");
        ResponseCapture capture = ResponseCapture.attach(exchange, MAX_BODY_BYTES);
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            try {
                store(ex, key, capture);
            } finally {
                nextListener.proceed();
            }
        });
        next.handle(exchange, body);
    }

    /** A cacheable request: its cache key and the model it asks for. */
    private record Lookup(String key, String model) {}

    private Optional<Lookup> cacheKey(HttpServerExchange exchange, byte[] body) {
        String asked = exchange.getRequestHeaders().getFirst(HEADER);
        String mode = asked == null ? "" : asked.strip().toLowerCase(Locale.ROOT);
        if ("bypass".equals(mode)) {
            return Optional.empty();
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (IOException e) {
            return Optional.empty(); // the chat handler explains what is wrong with it
        }
        if (request == null
                || !request.isObject()
                || request.path("stream").asBoolean(false)
                || !request.path("model").isTextual()) {
            return Optional.empty();
        }
        JsonNode temperature = request.get("temperature");
        boolean deterministic = temperature != null && temperature.isNumber() && temperature.doubleValue() == 0;
        if (!deterministic && !"force".equals(mode)) {
            return Optional.empty();
        }
        return Optional.of(new Lookup(
                keys.key(ApiKeyAuth.caller(exchange).id(), request),
                request.get("model").asText()));
    }

    private void serve(HttpServerExchange exchange, String model, CachedAnswer answer) {
        Usage usage = answer.usage();
        // The token budget may refuse here (429), before anything is sent.
        observer.beforeCall(exchange, new CallPlan(model, usage.promptTokens(), usage.completionTokens()));
        CallInfo call = new CallInfo(
                RequestIds.of(exchange),
                ApiKeyAuth.caller(exchange).id(),
                answer.provider(),
                answer.model(),
                false,
                true);
        exchange.putAttachment(CallInfo.ATTACHMENT, call);
        observer.onStart(call);
        observer.callEnded(exchange, new CallOutcome(model, CallOutcome.Kind.COMPLETED, usage));
        observer.onEnd(call, new CallResult(CallResult.Outcome.COMPLETED, usage, null, Duration.ZERO, null));
        exchange.setStatusCode(200);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseHeaders().put(HEADER, "hit");
        ResponseWriter.sendWhole(exchange, answer.body());
    }

    private void store(HttpServerExchange exchange, String key, ResponseCapture capture) {
        CallInfo call = exchange.getAttachment(CallInfo.ATTACHMENT);
        byte[] body = capture.body();
        if (exchange.getStatusCode() != 200
                || call == null
                || call.cached()
                || body == null
                || disabledProviders.contains(call.provider())) {
            return;
        }
        Optional<Usage> usage = CachedAnswer.usageOf(json, body);
        usage.ifPresent(u -> cache.put(key, new CachedAnswer(call.provider(), call.model(), u, body)));
    }
}
