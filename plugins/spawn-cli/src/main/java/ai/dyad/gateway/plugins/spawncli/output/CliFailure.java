package ai.dyad.gateway.plugins.spawncli.output;

import ai.dyad.gateway.api.ErrorKind;

/**
 * A failure a CLI reported in its output or exit status, before it becomes an {@code AdapterException}.
 *
 * @param code a stable machine-readable code, such as {@code cli_error}
 * @param message shown to the client after secrets are redacted
 */
public record CliFailure(ErrorKind kind, String code, String message) {

    /** The error kind for an HTTP status a CLI passed on from its backend. */
    public static ErrorKind kindForHttpStatus(long status) {
        if (status == 401 || status == 403) {
            return ErrorKind.UNAUTHORIZED;
        }
        if (status == 429) {
            return ErrorKind.RATE_LIMITED;
        }
        if (status == 400 || status == 404 || status == 413 || status == 422) {
            return ErrorKind.INVALID_REQUEST;
        }
        return status >= 500 ? ErrorKind.UNAVAILABLE : ErrorKind.UPSTREAM_ERROR;
    }
}
