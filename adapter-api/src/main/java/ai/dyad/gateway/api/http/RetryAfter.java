package ai.dyad.gateway.api.http;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Parses the wait an upstream asks for in {@code retry-after} (RFC 9110) and {@code retry-after-ms}. */
public final class RetryAfter {

    /** Longer waits are clamped: a bogus header must not park a caller for days. */
    static final Duration MAX = Duration.ofHours(1);

    private RetryAfter() {}

    /**
     * The wait from a {@code retry-after} value: delta-seconds (fractions tolerated) or an HTTP date.
     *
     * @param value the header value; nullable
     * @param now the current instant, to turn a date into a wait
     * @return empty when the value is absent or unreadable; a date in the past gives zero
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String trimmed = value.trim();
        try {
            double seconds = Double.parseDouble(trimmed);
            if (seconds < 0 || Double.isNaN(seconds) || Double.isInfinite(seconds)) {
                return Optional.empty();
            }
            return Optional.of(clamp(Duration.ofMillis(Math.round(Math.min(seconds, MAX.toSeconds()) * 1000))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(clamp(Duration.between(now, at)));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    /**
     * The wait from the headers an upstream sent, preferring the more precise {@code retry-after-ms}
     * (OpenAI) over {@code retry-after}.
     *
     * @param retryAfterMs the {@code retry-after-ms} value; nullable
     * @param retryAfter the {@code retry-after} value; nullable
     */
    public static Optional<Duration> fromHeaders(String retryAfterMs, String retryAfter, Instant now) {
        if (retryAfterMs != null && !retryAfterMs.isBlank()) {
            try {
                double millis = Double.parseDouble(retryAfterMs.trim());
                if (millis >= 0 && !Double.isInfinite(millis)) {
                    return Optional.of(clamp(Duration.ofMillis(Math.round(Math.min(millis, MAX.toMillis())))));
                }
            } catch (NumberFormatException ignored) {
                // Fall back to retry-after, which every server that sends retry-after-ms also sends.
            }
        }
        return parse(retryAfter, now);
    }

    private static Duration clamp(Duration wait) {
        if (wait.isNegative()) {
            return Duration.ZERO;
        }
        return wait.compareTo(MAX) > 0 ? MAX : wait;
    }
}
