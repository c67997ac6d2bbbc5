package ai.dyad.gateway.host.cache;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.chat.Usage;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class CacheKeysTest {

    private final ObjectMapper json = new ObjectMapper();
    private final CacheKeys keys = new CacheKeys(json);

    @Test
    void sameRequestInAnyFieldOrderGivesTheSameKey() throws Exception {
        String a =
                key("k1", "{\"model\":\"m\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        String b =
                key("k1", "{\"messages\":[{\"content\":\"x\",\"role\":\"user\"}],\"temperature\":0.0,\"model\":\"m\"}");
        assertThat(a).isEqualTo(b).startsWith("chat:");
    }

    @Test
    void deliveryOptionsDoNotMatterButEverythingElseDoes() throws Exception {
        String base = key("k1", "{\"model\":\"m\",\"messages\":[]}");
        assertThat(key("k1", "{\"model\":\"m\",\"messages\":[],\"stream_options\":{\"include_usage\":true}}"))
                .isEqualTo(base);
        assertThat(key("k2", "{\"model\":\"m\",\"messages\":[]}")).isNotEqualTo(base);
        assertThat(key("k1", "{\"model\":\"n\",\"messages\":[]}")).isNotEqualTo(base);
        assertThat(key("k1", "{\"model\":\"m\",\"messages\":[],\"seed\":1}")).isNotEqualTo(base);
        assertThat(key("k1", "{\"model\":\"m\",\"messages\":[],\"tools\":[]}")).isNotEqualTo(base);
        assertThat(key("k1", "{\"model\":\"m\",\"messages\":[],\"vendor_extra\":true}"))
                .isNotEqualTo(base);
    }

    @Test
    void localCacheEvictsTheLeastRecentlyUsedAndExpiresByTtl() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        LocalResponseCache cache = new LocalResponseCache(Duration.ofMinutes(5), 2, clock);
        cache.put("a", answer("a"));
        cache.put("b", answer("b"));
        assertThat(cache.get("a")).isPresent(); // a is now the most recently used
        cache.put("c", answer("c"));
        assertThat(cache.get("b")).isEmpty();
        assertThat(cache.get("a")).isPresent();
        assertThat(cache.size()).isEqualTo(2);

        now.set(now.get().plus(Duration.ofMinutes(5)));
        assertThat(cache.get("a")).isEmpty();
        assertThat(cache.get("c")).isEmpty();
    }

    @Test
    void storedAnswersRoundTrip() {
        CachedAnswer answer = new CachedAnswer("p", "m", new Usage(5, 6, 1, 2), "{\"id\":\"x\"}".getBytes());
        CachedAnswer back = CachedAnswer.fromBytes(json, answer.toBytes(json)).orElseThrow();
        assertThat(back.provider()).isEqualTo("p");
        assertThat(back.usage()).isEqualTo(new Usage(5, 6, 1, 2));
        assertThat(back.body()).isEqualTo(answer.body());
        assertThat(CachedAnswer.fromBytes(json, "not json".getBytes())).isEmpty();
    }

    private static CachedAnswer answer(String text) {
        return new CachedAnswer("p", "m", Usage.of(1, 1), text.getBytes());
    }

    private String key(String keyId, String body) throws Exception {
        return keys.key(keyId, json.readTree(body));
    }
}
