package ai.dyad.gateway.host.usage;

import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.calls.CallOutcome;
import ai.dyad.gateway.host.registry.ApiKeyRepository;
import ai.dyad.gateway.host.registry.UsageIncrement;
import ai.dyad.gateway.host.registry.UsageRepository;
import io.undertow.server.HttpServerExchange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts usage per key and per key × model × day (UTC) in memory as calls end, and writes the sums to the
 * store in batches of {@code $inc} upserts every few seconds and on shutdown. Recording is a map update on
 * the request path; the store is only touched by the flush. Sums that fail to write are kept and retried.
 */
public final class UsageRecorder implements CallObserver, AutoCloseable {

    static final Duration FLUSH_EVERY = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);

    private record Slot(String keyId, String model, LocalDate day) {}

    private record Sums(long requests, long promptTokens, long completionTokens, Instant lastUsed) {
        Sums plus(Sums other) {
            return new Sums(
                    requests + other.requests,
                    promptTokens + other.promptTokens,
                    completionTokens + other.completionTokens,
                    lastUsed.isAfter(other.lastUsed) ? lastUsed : other.lastUsed);
        }
    }

    private final UsageRepository usage;
    private final ApiKeyRepository apiKeys;
    private final Clock clock;
    private final ConcurrentHashMap<Slot, Sums> pending = new ConcurrentHashMap<>();
    private final List<UsageIncrement> unwritten = new ArrayList<>();

    public UsageRecorder(UsageRepository usage, ApiKeyRepository apiKeys, Clock clock) {
        this.usage = usage;
        this.apiKeys = apiKeys;
        this.clock = clock;
    }

    /** Starts the periodic flush. */
    public UsageRecorder start(ScheduledExecutorService housekeeping) {
        housekeeping.scheduleWithFixedDelay(
                this::flushQuietly, FLUSH_EVERY.toMillis(), FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    @Override
    public void callEnded(HttpServerExchange exchange, CallOutcome outcome) {
        if (outcome.kind() != CallOutcome.Kind.REFUSED) {
            record(ApiKeyAuth.caller(exchange).id(), outcome.model(), outcome.usage());
        }
    }

    /** Counts one request; in memory only. */
    public void record(String keyId, String model, Usage used) {
        Instant now = clock.instant();
        Slot slot = new Slot(keyId, model, LocalDate.ofInstant(now, ZoneOffset.UTC));
        Sums sums = new Sums(1, used.promptTokens(), used.completionTokens(), now);
        // merge() is atomic with the flush's remove(), so no count falls between the two.
        pending.merge(slot, sums, Sums::plus);
    }

    /** Writes everything counted so far; returns whether all of it reached the store. */
    public synchronized boolean flush() {
        List<UsageIncrement> batch = new ArrayList<>(unwritten);
        unwritten.clear();
        Map<String, Sums> perKey = new HashMap<>();
        Map<String, Instant> lastUsed = new HashMap<>();
        for (Slot slot : List.copyOf(pending.keySet())) {
            Sums sums = pending.remove(slot);
            if (sums == null) {
                continue;
            }
            batch.add(increment(slot.keyId(), slot.model(), slot.day(), sums));
            perKey.merge(slot.keyId(), sums, Sums::plus);
            lastUsed.merge(slot.keyId(), sums.lastUsed(), (a, b) -> a.isAfter(b) ? a : b);
        }
        perKey.forEach((keyId, sums) -> batch.add(increment(keyId, null, null, sums)));
        if (batch.isEmpty()) {
            return true;
        }
        unwritten.addAll(usage.add(batch));
        try {
            apiKeys.recordLastUsed(lastUsed);
        } catch (RuntimeException e) {
            // lastUsed is a convenience on the key; the usage documents carry it too.
            LOG.warn("could not update lastUsed on API keys: {}", e.getMessage());
        }
        return unwritten.isEmpty();
    }

    /** Counts not yet in the store (for tests and metrics). */
    public synchronized long pendingRequests() {
        return pending.values().stream().mapToLong(Sums::requests).sum()
                + unwritten.stream()
                        .filter(i -> !i.totals())
                        .mapToLong(UsageIncrement::requests)
                        .sum();
    }

    /** Flushes what is left, retrying a few times: called on shutdown, after the last request ended. */
    @Override
    public void close() {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                if (flush()) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("usage flush on shutdown failed (attempt {}): {}", attempt, e.getMessage());
            }
        }
        LOG.error("usage of {} request(s) could not be written before shutdown", pendingRequests());
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("usage flush failed, will retry: {}", e.getMessage());
        }
    }

    private static UsageIncrement increment(String keyId, String model, LocalDate day, Sums sums) {
        return new UsageIncrement(
                keyId, model, day, sums.requests(), sums.promptTokens(), sums.completionTokens(), sums.lastUsed());
    }
}
