package ai.dyad.gateway.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpErrorsTest {

    @ParameterizedTest
    @CsvSource({
        "400, INVALID_REQUEST",
        "404, INVALID_REQUEST",
        "413, INVALID_REQUEST",
        "422, INVALID_REQUEST",
        "401, UNAUTHORIZED",
        "402, UNAUTHORIZED",
        "403, UNAUTHORIZED",
        "408, TIMEOUT",
        "429, RATE_LIMITED",
        "500, UPSTREAM_ERROR",
        "502, UPSTREAM_ERROR",
        "503, UNAVAILABLE",
        "504, TIMEOUT",
        "529, UNAVAILABLE",
        "599, UPSTREAM_ERROR"
    })
    void mapsStatusesToKinds(int status, ErrorKind kind) {
        assertThat(HttpErrors.kindForStatus(status)).isEqualTo(kind);
    }

    @Test
    void keepsTheVendorsMessageParamAndCodeForBadRequests() {
        UpstreamHttpException e = HttpErrors.fromStatus(
                400,
                new UpstreamError("max_tokens is too large", "invalid_request_error", "invalid_value", "max_tokens"),
                null);
        assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(e.getMessage()).isEqualTo("max_tokens is too large");
        assertThat(e.code()).contains("invalid_value");
        assertThat(e.param()).contains("max_tokens");
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.upstreamType()).contains("invalid_request_error");
    }

    @Test
    void blamesTheProvidersCredentialsNotTheClientsOn401() {
        UpstreamHttpException e = HttpErrors.fromStatus(
                401,
                new UpstreamError("Incorrect API key provided", "invalid_request_error", "invalid_api_key", null),
                null);
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(e.code()).contains(HttpErrors.PROVIDER_AUTH_FAILED);
        assertThat(e.getMessage())
                .contains("rejected this provider's credentials")
                .contains("HTTP 401")
                .contains("invalid_api_key")
                .contains("Incorrect API key provided");
    }

    @Test
    void carriesRetryAfterOnRateLimits() {
        UpstreamHttpException e = HttpErrors.fromStatus(
                429, new UpstreamError("slow down", "rate_limit_error", null, null), Duration.ofSeconds(7));
        assertThat(e.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(7));
        assertThat(e.getMessage()).isEqualTo("the upstream answered HTTP 429 (rate_limit_error): slow down");
    }

    @Test
    void namesUnavailableUpstreamsWithAStableCode() {
        UpstreamHttpException e = HttpErrors.fromStatus(529, UpstreamError.empty(), null);
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.code()).contains(HttpErrors.PROVIDER_UNAVAILABLE);
        assertThat(e.getMessage()).isEqualTo("the upstream answered HTTP 529");
    }

    @Test
    void describesErrorsReportedInsideAnAnswer() {
        UpstreamHttpException e = HttpErrors.inAnswer(
                ErrorKind.UNAVAILABLE, 529, new UpstreamError("Overloaded", "overloaded_error", null, null));
        assertThat(e.getMessage())
                .isEqualTo("the upstream reported an error in its answer (overloaded_error): Overloaded");
        assertThat(e.code()).contains(HttpErrors.PROVIDER_UNAVAILABLE);
        assertThat(e.status()).isEqualTo(529);
    }

    @Test
    void connectionRefusedIsUnavailable() {
        AdapterException e = HttpErrors.fromIoException(
                new ConnectException("Failed to connect to /127.0.0.1:1"), "http://127.0.0.1:1", false);
        assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(e.code()).contains("provider_unavailable");
        assertThat(e.getMessage()).startsWith("cannot reach http://127.0.0.1:1");
    }

    @Test
    void connectTimeoutAndUnknownHostAreUnavailable() {
        assertThat(HttpErrors.fromIoException(new SocketTimeoutException("Connect timed out"), "x", false)
                        .kind())
                .isEqualTo(ErrorKind.UNAVAILABLE);
        assertThat(HttpErrors.fromIoException(new UnknownHostException("nowhere"), "x", false)
                        .getMessage())
                .isEqualTo("cannot reach x: unknown host");
    }

    @Test
    void readTimeoutsAreTimeouts() {
        assertThat(HttpErrors.fromIoException(new SocketTimeoutException("Read timed out"), "x", true)
                        .kind())
                .isEqualTo(ErrorKind.TIMEOUT);
        assertThat(HttpErrors.fromIoException(new InterruptedIOException("timeout"), "x", false)
                        .code())
                .contains(HttpErrors.PROVIDER_TIMEOUT);
    }

    @Test
    void aConnectionThatBreaksMidAnswerIsAnUpstreamError() {
        AdapterException e = HttpErrors.fromIoException(new IOException("unexpected end of stream"), "x", true);
        assertThat(e.kind()).isEqualTo(ErrorKind.UPSTREAM_ERROR);
        assertThat(e.getMessage()).contains("broke off").contains("unexpected end of stream");
    }
}
