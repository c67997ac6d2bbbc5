package ai.dyad.gateway.host.registry;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Stored usage: a key's totals ({@code model} and {@code day} null) or one key × model × day row.
 *
 * @param lastUsed nullable
 */
public record UsageCounts(
        String keyId,
        String model,
        LocalDate day,
        long requests,
        long promptTokens,
        long completionTokens,
        Instant lastUsed) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
