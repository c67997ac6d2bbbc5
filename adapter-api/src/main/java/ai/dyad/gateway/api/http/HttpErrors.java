package ai.dyad.gateway.api.http;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;

/**
 * Turns what goes wrong in a call to an HTTP upstream into {@link AdapterException}s with the right
 * {@link ErrorKind}, so every HTTP adapter reports failures the same way.
 */
public final class HttpErrors {

    /** The code of every "the backend cannot be reached" error. */
    public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";
    /** The code of every "the backend did not answer in time" error. */
    public static final String PROVIDER_TIMEOUT = "provider_timeout";
    /** The code of errors where the upstream refused the provider's own credentials. */
    public static final String PROVIDER_AUTH_FAILED = "provider_auth_failed";
    /** The code of a stream that broke off or could not be understood. */
    public static final String PROVIDER_STREAM_ERROR = "provider_stream_error";

    private HttpErrors() {}

    /**
     * The kind an upstream status stands for: 401/402/403 are the provider's credential or account problem
     * (not the client's), 408/504 time-outs, 429 rate limits, 503/529 (Anthropic's "overloaded") capacity,
     * other 4xx the request, other 5xx the upstream.
     */
    public static ErrorKind kindForStatus(int status) {
        return switch (status) {
            case 401, 402, 403 -> ErrorKind.UNAUTHORIZED;
            case 408, 504 -> ErrorKind.TIMEOUT;
            case 429 -> ErrorKind.RATE_LIMITED;
            case 503, 529 -> ErrorKind.UNAVAILABLE;
            default -> status >= 400 && status < 500 ? ErrorKind.INVALID_REQUEST : ErrorKind.UPSTREAM_ERROR;
        };
    }

    /**
     * The exception for an upstream's error answer.
     *
     * @param status the upstream's HTTP status
     * @param error what the upstream's body said (its message must already be free of secrets)
     * @param retryAfter the wait the upstream asked for; nullable
     */
    public static UpstreamHttpException fromStatus(int status, UpstreamError error, Duration retryAfter) {
        return fromStatus(kindForStatus(status), status, error, retryAfter);
    }

    /** As {@link #fromStatus(int, UpstreamError, Duration)} with a kind the adapter decided itself. */
    public static UpstreamHttpException fromStatus(
            ErrorKind kind, int status, UpstreamError error, Duration retryAfter) {
        String said = said(error);
        String message =
                switch (kind) {
                    case INVALID_REQUEST ->
                        said != null ? said : "the upstream rejected the request (HTTP " + status + ")";
                    case UNAUTHORIZED ->
                        "the upstream rejected this provider's credentials (HTTP " + status + ")" + describe(error)
                                + (said != null ? ": " + said : "")
                                + "; check the provider's API key and account";
                    default ->
                        "the upstream answered HTTP " + status + describe(error) + (said != null ? ": " + said : "");
                };
        return new UpstreamHttpException(
                kind, message, code(kind, error), error.param(), retryAfter, status, error.type());
    }

    /**
     * The exception for an error the upstream reported inside an answer that began with a 200: an error event
     * in a stream, or an error object in place of a result.
     *
     * @param kind what the adapter made of the upstream's error type
     * @param status the status the upstream gave the error inside the answer, or 200 when it gave none
     */
    public static UpstreamHttpException inAnswer(ErrorKind kind, int status, UpstreamError error) {
        String said = said(error);
        String message =
                "the upstream reported an error in its answer" + describe(error) + (said != null ? ": " + said : "");
        return new UpstreamHttpException(kind, message, code(kind, error), error.param(), null, status, error.type());
    }

    /** What the upstream said, or null when it said nothing. */
    private static String said(UpstreamError error) {
        return error.message() == null || error.message().isBlank() ? null : error.message();
    }

    /** The code the client sees for an upstream's error of this kind. */
    private static String code(ErrorKind kind, UpstreamError error) {
        // A vendor's "invalid_api_key" would tell the client its own key is wrong; it is the provider's.
        return switch (kind) {
            case UNAUTHORIZED -> PROVIDER_AUTH_FAILED;
            case UNAVAILABLE -> error.code() != null ? error.code() : PROVIDER_UNAVAILABLE;
            case TIMEOUT -> error.code() != null ? error.code() : PROVIDER_TIMEOUT;
            default -> error.code();
        };
    }

    /**
     * The exception for an I/O failure talking to the upstream.
     *
     * @param target how to name the upstream in the message, such as {@code http://127.0.0.1:11434}; never
     *     a URL carrying credentials
     * @param duringResponse whether the answer had already begun (then a broken connection is the upstream's
     *     fault, not a sign that it is down)
     */
    public static AdapterException fromIoException(IOException e, String target, boolean duringResponse) {
        if (isConnectFailure(e)) {
            return new AdapterException(
                    ErrorKind.UNAVAILABLE,
                    "cannot reach " + target + ": " + reason(e),
                    PROVIDER_UNAVAILABLE,
                    null,
                    null,
                    e);
        }
        if (e instanceof SocketTimeoutException
                || e instanceof HttpTimeoutException
                || (e instanceof InterruptedIOException && "timeout".equalsIgnoreCase(e.getMessage()))) {
            return new AdapterException(
                    ErrorKind.TIMEOUT,
                    target + " did not answer in time" + (duringResponse ? " (the stream stalled)" : ""),
                    PROVIDER_TIMEOUT,
                    null,
                    null,
                    e);
        }
        if (duringResponse) {
            return new AdapterException(
                    ErrorKind.UPSTREAM_ERROR,
                    "the answer from " + target + " broke off: " + reason(e),
                    PROVIDER_STREAM_ERROR,
                    null,
                    null,
                    e);
        }
        return new AdapterException(
                ErrorKind.UNAVAILABLE,
                "the call to " + target + " failed: " + reason(e),
                PROVIDER_UNAVAILABLE,
                null,
                null,
                e);
    }

    private static boolean isConnectFailure(IOException e) {
        if (e instanceof ConnectException
                || e instanceof NoRouteToHostException
                || e instanceof UnknownHostException
                || e instanceof PortUnreachableException
                || e instanceof HttpConnectTimeoutException) {
            return true;
        }
        String message = e.getMessage();
        return e instanceof SocketTimeoutException
                && message != null
                && message.toLowerCase(Locale.ROOT).contains("connect");
    }

    private static String reason(IOException e) {
        if (e instanceof UnknownHostException) {
            return "unknown host";
        }
        if (e instanceof ConnectException) {
            return mentionsRefused(e) ? "connection refused" : "connection failed";
        }
        if (e instanceof SocketTimeoutException || e instanceof HttpConnectTimeoutException) {
            return "connect timed out";
        }
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static boolean mentionsRefused(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null
                    && t.getMessage().toLowerCase(Locale.ROOT).contains("refused")) {
                return true;
            }
        }
        return false;
    }

    private static String describe(UpstreamError error) {
        String name = error.code() != null ? error.code() : error.type();
        return name == null ? "" : " (" + name + ")";
    }
}
