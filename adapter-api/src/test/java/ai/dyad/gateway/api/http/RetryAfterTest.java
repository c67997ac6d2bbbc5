package ai.dyad.gateway.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("20", Optional.of(Duration.ofSeconds(20))),
                Arguments.of(" 0 ", Optional.of(Duration.ZERO)),
                Arguments.of("1.5", Optional.of(Duration.ofMillis(1500))),
                Arguments.of("Thu, 26 Nov 2026 12:00:30 GMT", Optional.of(Duration.ofSeconds(30))),
                Arguments.of("Thu, 26 Nov 2026 11:00:00 GMT", Optional.of(Duration.ZERO)),
                Arguments.of("999999999", Optional.of(RetryAfter.MAX)),
                Arguments.of("-5", Optional.empty()),
                Arguments.of("soon", Optional.empty()),
                Arguments.of("", Optional.empty()),
                Arguments.of(null, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("values")
    void parsesSecondsAndDates(String header, Optional<Duration> expected) {
        assertThat(RetryAfter.parse(header, NOW)).isEqualTo(expected);
    }

    @Test
    void prefersMillisecondsWhenGiven() {
        assertThat(RetryAfter.fromHeaders("250", "1", NOW)).contains(Duration.ofMillis(250));
    }

    @Test
    void fallsBackToSecondsWhenMillisecondsAreUnreadable() {
        assertThat(RetryAfter.fromHeaders("x", "2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(RetryAfter.fromHeaders(null, null, NOW)).isEmpty();
    }
}
