package ai.dyad.gateway.host.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
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
 */
public final class RedisLimitStore implements LimitStore {

    private static final Logger LOG = LoggerFactory.getLogger(RedisLimitStore.class);

    // ARGV holds (windowMs, max, cost) per key. Returns {admitted, then (used, ttlMs, windowId) per key}.
    private static final String ADMIT = """
            local t = redis.call('TIME')
            local newId = t[1] .. '.' .. t[2]
            local ok = 1
            local used = {}
            for i = 1, #KEYS do
              local max = tonumber(ARGV[3 * i - 1])
              local cost = tonumber(ARGV[3 * i])
              used[i] = tonumber(redis.call('HGET', KEYS[i], 'u') or '0')
              if cost > 0 and used[i] + cost > max then ok = 0 end
            end
            local out = {ok}
            for i = 1, #KEYS do
              local window = tonumber(ARGV[3 * i - 2])
              local cost = tonumber(ARGV[3 * i])
              if ok == 1 and cost > 0 then
                if redis.call('EXISTS', KEYS[i]) == 0 then
                  redis.call('HSET', KEYS[i], 'u', 0, 'w', newId)
                  redis.call('PEXPIRE', KEYS[i], window)
                end
                used[i] = redis.call('HINCRBY', KEYS[i], 'u', cost)
              end
              local ttl = redis.call('PTTL', KEYS[i])
              if ttl < 0 then ttl = window end
              out[#out + 1] = used[i]
              out[#out + 1] = ttl
              out[#out + 1] = redis.call('HGET', KEYS[i], 'w') or ''
            end
            return out
            """;

    // ARGV: windowId, delta. Refunds only the window charged; extra charges go to whatever window is open.
    private static final String ADJUST = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
            local delta = tonumber(ARGV[2])
            if delta < 0 and redis.call('HGET', KEYS[1], 'w') ~= ARGV[1] then return 0 end
            if redis.call('HINCRBY', KEYS[1], 'u', delta) < 0 then redis.call('HSET', KEYS[1], 'u', 0) end
            return 1
            """;

    private final RScript script;
    private final Duration wait;

    /** @param wait how long an admission may wait for Redis before it counts as unavailable */
    public RedisLimitStore(RedissonClient redis, Duration wait) {
        this.script = redis.getScript(StringCodec.INSTANCE);
        this.wait = wait;
    }

    @Override
    public Admission admit(List<WindowLimit> limits) {
        List<Object> keys = new ArrayList<>(limits.size());
        Object[] args = new Object[limits.size() * 3];
        for (int i = 0; i < limits.size(); i++) {
            WindowLimit limit = limits.get(i);
            keys.add(limit.bucket());
            args[3 * i] = Long.toString(limit.window().toMillis());
            args[3 * i + 1] = Long.toString(limit.max());
            args[3 * i + 2] = Long.toString(limit.cost());
        }
        List<Object> reply;
        try {
            reply = script.<List<Object>>evalAsync(RScript.Mode.READ_WRITE, ADMIT, RScript.ReturnType.MULTI, keys, args)
                    .toCompletableFuture()
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new LimitStoreUnavailableException("Redis did not answer the rate-limit check", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LimitStoreUnavailableException("interrupted waiting for Redis", e);
        }
        List<WindowState> states = new ArrayList<>(limits.size());
        for (int i = 0; i < limits.size(); i++) {
            states.add(new WindowState(
                    limits.get(i).max(),
                    number(reply.get(1 + 3 * i)),
                    Duration.ofMillis(number(reply.get(2 + 3 * i))),
                    String.valueOf(reply.get(3 + 3 * i))));
        }
        return new Admission(number(reply.getFirst()) == 1, states, this);
    }

    @Override
    public void adjust(String bucket, String windowId, long delta) {
        // Waited for (boundedly), so the caller's next admission already sees the settled count.
        try {
            script.evalAsync(
                            RScript.Mode.READ_WRITE,
                            ADJUST,
                            RScript.ReturnType.INTEGER,
                            List.of(bucket),
                            windowId,
                            Long.toString(delta))
                    .toCompletableFuture()
                    .get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // A lost adjustment only skews one window; the window expires regardless.
            LOG.warn("could not settle a rate-limit reservation in Redis: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
