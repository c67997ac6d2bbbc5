package ai.dyad.gateway.host.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitHeadersTest {

    @ParameterizedTest
    @CsvSource({
        "0, 0ms",
        "20, 20ms",
        "999, 999ms",
        "1000, 1s",
        "1001, 2s",
        "59000, 59s",
        "360000, 6m0s",
        "3723000, 1h2m3s"
    })
    void formatsDurationsTheWayOpenAiDoes(long millis, String expected) {
        assertThat(RateLimitHeaders.duration(Duration.ofMillis(millis))).isEqualTo(expected);
    }
}
