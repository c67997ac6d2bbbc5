package ai.dyad.gateway.host.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.api.options.OptionalOptions;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Window counters in Redis, checked and charged by one Lua script per admission, so any number of gateway
 * instances together admit exactly the limit.
 *
 * <p>Why a script and not Redisson's {@code RRateLimiter}: token limits reserve an estimate before the call
 * and settle to the real usage after it, which needs a refund (or extra charge) to the window the estimate
 * went to; {@code RRateLimiter} can only take permits. A script also returns what the {@code x-ratelimit-*}
 * headers need (count and time to reset) in the same round trip, and checks the request and token counters
 * of a call all-or-nothing. Each counter is a hash {@code {u: used, w: window id}} expiring with its window;
 * the window id comes from Redis' own clock, so instance clocks never disagree about windows.
 *
 * <p>On the hot path: an admission never blocks (callers get a future, completed on Redisson's event loop),
 * admissions that arrive while earlier ones are on their way share one script call (each still
 * all-or-nothing, one after another, so counts stay exact), the scripts go by SHA (Redisson's script cache,
 * see {@code RedisConnection}), and a charge to an open window runs three commands inside the script
 * (HMGET, HINCRBY, PTTL). Sharing a call needs every counter on one server (or, in a cluster, one slot):
 * {@code RedisConnection} uses a single server.
 */
public final class RedisLimitStore implements LimitStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLimitStore.class);

    // Several admissions at once, each all-or-nothing over its own keys, one after another. ARGV per admission: n,
    // then (windowMs, max, cost) for each of its n keys (the next n KEYS). Returns per admission: admitted,
    // then (used, ttlMs, windowId) per key. Redis' clock (TIME) is read only to name a new window.
    private static final String ADMIT = """
            local out = {}
            local a, k = 1, 0
            local newId
            while a <= #ARGV do
              local n = tonumber(ARGV[a])
              local ok = 1
              local used, ids = {}, {}
              for i = 1, n do
                local state = redis.call('HMGET', KEYS[k + i], 'u', 'w')
                used[i] = tonumber(state[1] or '0')
                ids[i] = state[2]
                local cost = tonumber(ARGV[a + 3 * i])
                if cost > 0 and used[i] + cost > tonumber(ARGV[a + 3 * i - 1]) then ok = 0 end
              end
              out[#out + 1] = ok
              for i = 1, n do
                local key = KEYS[k + i]
                local window = tonumber(ARGV[a + 3 * i - 2])
                local cost = tonumber(ARGV[a + 3 * i])
                local ttl = window
                if ok == 1 and cost > 0 and not ids[i] then
                  if not newId then
                    local t = redis.call('TIME')
                    newId = t[1] .. '.' .. t[2]
                  end
                  redis.call('HSET', key, 'u', cost, 'w', newId)
                  redis.call('PEXPIRE', key, window)
                  used[i] = cost
                  ids[i] = newId
                elseif ids[i] then
                  if ok == 1 and cost > 0 then used[i] = redis.call('HINCRBY', key, 'u', cost) end
                  ttl = redis.call('PTTL', key)
                  if ttl < 0 then ttl = window end
                end
                out[#out + 1] = used[i]
                out[#out + 1] = ttl
                out[#out + 1] = ids[i] or ''
              end
              a = a + 1 + 3 * n
              k = k + n
            end
            return out
            """;

    // ARGV: windowId, delta. Refunds only the window charged; extra charges go to whatever window is open.
    private static final String ADJUST = """
            local window = redis.call('HGET', KEYS[1], 'w')
            if not window then return 0 end
            local delta = tonumber(ARGV[2])
            if delta < 0 and window ~= ARGV[1] then return 0 end
            if redis.call('HINCRBY', KEYS[1], 'u', delta) < 0 then redis.call('HSET', KEYS[1], 'u', 0) end
            return 1
            """;

    /** Batches on their way to Redis at most: more admissions wait for one of them to be answered. */
    private static final int MAX_IN_FLIGHT = 2;

    /** Admissions per script call at most, so one call never holds Redis' single thread for long. */
    private static final int MAX_BATCH = 64;

    private record Pending(List<WindowLimit> limits, CompletableFuture<Admission> answer) {}

    private final RScript script;
    private final Duration wait;
    private final Queue<Pending> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** @param wait how long an admission may wait for Redis before it counts as unavailable */
    public RedisLimitStore(RedissonClient redis, Duration wait) {
        // Bounded by Redisson's own timer (no timer task of ours per call), and not retried: a retry would
        // outlast the wait, and the caller falls back to local counters instead.
        this.script = redis.getScript(OptionalOptions.defaults()
                .codec(StringCodec.INSTANCE)
                .timeout(wait)
                .retryAttempts(0));
        this.wait = wait;
    }

    @Override
    public CompletionStage<Admission> admitAsync(List<WindowLimit> limits) {
        Pending pending = new Pending(limits, new CompletableFuture<>());
        waiting.add(pending);
        sendWhileRoom();
        return pending.answer();
    }

    /**
     * Sends what is waiting, as one script call per batch, while fewer than {@link #MAX_IN_FLIGHT} calls are
     * on their way; otherwise the next answer sends it. Under light load every admission goes out at once,
     * alone; under heavy load one round trip (and one pass through Redisson, Netty and Redis' command loop)
     * serves many.
     */
    private void sendWhileRoom() {
        while (!waiting.isEmpty()) {
            int sending = inFlight.get();
            if (sending >= MAX_IN_FLIGHT) {
                return;
            }
            if (!inFlight.compareAndSet(sending, sending + 1)) {
                continue;
            }
            List<Pending> batch = new ArrayList<>();
            for (Pending next; batch.size() < MAX_BATCH && (next = waiting.poll()) != null; ) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet();
            } else {
                send(batch);
            }
        }
    }

    private void send(List<Pending> batch) {
        List<Object> keys = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        for (Pending pending : batch) {
            args.add(Integer.toString(pending.limits().size()));
            for (WindowLimit limit : pending.limits()) {
                keys.add(limit.bucket());
                args.add(Long.toString(limit.window().toMillis()));
                args.add(Long.toString(limit.max()));
                args.add(Long.toString(limit.cost()));
            }
        }
        try {
            script.<List<Object>>evalAsync(
                            RScript.Mode.READ_WRITE, ADMIT, RScript.ReturnType.MULTI, keys, args.toArray())
                    .whenComplete((reply, failure) -> answered(batch, reply, failure));
        } catch (RuntimeException e) {
            answered(batch, null, e);
        }
    }

    private void answered(List<Pending> batch, List<Object> reply, Throwable failure) {
        inFlight.decrementAndGet();
        if (failure != null) {
            LimitStoreUnavailableException unavailable =
                    new LimitStoreUnavailableException("Redis did not answer the rate-limit check", failure);
            // Redis is not answering: whatever waits behind this batch falls back now rather than after
            // another wait of its own.
            for (Pending next; (next = waiting.poll()) != null; ) {
                next.answer().completeExceptionally(unavailable);
            }
            batch.forEach(pending -> pending.answer().completeExceptionally(unavailable));
            return;
        }
        // The next batch goes out before this one's callers run on, so Redis is not idle meanwhile.
        sendWhileRoom();
        int at = 0;
        for (Pending pending : batch) {
            List<WindowLimit> limits = pending.limits();
            boolean admitted = number(reply.get(at)) == 1;
            List<WindowState> states = new ArrayList<>(limits.size());
            for (int i = 0; i < limits.size(); i++) {
                states.add(new WindowState(
                        limits.get(i).max(),
                        number(reply.get(at + 1 + 3 * i)),
                        Duration.ofMillis(number(reply.get(at + 2 + 3 * i))),
                        String.valueOf(reply.get(at + 3 + 3 * i))));
            }
            at += 1 + 3 * limits.size();
            pending.answer().complete(new Admission(admitted, states, this));
        }
    }

    @Override
    public void adjust(String bucket, String windowId, long delta) {
        // Waited for, so the client's next request, on any instance, already sees the settled count (sending
        // it without waiting lost that race under load: the next admission on another instance came first).
        // An untimed wait: Redisson's own timer bounds it, so no timer task of ours per call.
        try {
            script.evalAsync(
                            RScript.Mode.READ_WRITE,
                            ADJUST,
                            RScript.ReturnType.INTEGER,
                            List.of(bucket),
                            windowId,
                            Long.toString(delta))
                    .toCompletableFuture()
                    .join();
        } catch (CompletionException | CancellationException e) {
            // A lost adjustment only skews one window; the window expires regardless.
            LOG.warn("could not settle a rate-limit reservation in Redis: {}", e.getMessage());
        }
    }

    /** A cheap round trip, to tell whether Redis is back. */
    boolean ping() {
        try {
            script.evalAsync(RScript.Mode.READ_ONLY, "return 1", RScript.ReturnType.INTEGER)
                    .toCompletableFuture()
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }
}
