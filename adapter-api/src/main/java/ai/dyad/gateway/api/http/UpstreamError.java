package ai.dyad.gateway.api.http;

/**
 * What an upstream said in an error answer, read from its body by the adapter (each vendor has its own
 * envelope). Every component is nullable.
 *
 * @param message the human-readable message, already cleaned of secrets
 * @param type the upstream's error type, such as {@code rate_limit_error}
 * @param code the upstream's machine-readable code, such as {@code context_length_exceeded}
 * @param param the request parameter at fault, such as {@code messages[0].content}
 */
public record UpstreamError(String message, String type, String code, String param) {

    /** An error body that said nothing usable. */
    public static UpstreamError empty() {
        return new UpstreamError(null, null, null, null);
    }
}
