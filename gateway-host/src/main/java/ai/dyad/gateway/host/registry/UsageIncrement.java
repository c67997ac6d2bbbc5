package ai.dyad.gateway.host.registry;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Counts to add to one usage document: a key's totals ({@code model} and {@code day} null) or one key ×
 * model × day row.
 */
public record UsageIncrement(
        String keyId,
        String model,
        LocalDate day,
        long requests,
        long promptTokens,
        long completionTokens,
        Instant lastUsed) {

    /** Whether this adds to the key's totals rather than a daily row. */
    public boolean totals() {
        return model == null;
    }

    /** The document id: one document per key, and one per key, day and model. */
    String documentId() {
        return totals() ? keyId : keyId + "|" + day + "|" + model;
    }
}
