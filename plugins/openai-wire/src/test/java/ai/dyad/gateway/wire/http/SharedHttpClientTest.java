package ai.dyad.gateway.wire.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SharedHttpClientTest {

    @Test
    void leasesShareOneConnectionPoolWithTheirOwnTimeouts() {
        SharedHttpClient shared = new SharedHttpClient();
        try (var a = shared.lease(Timeouts.ofMillis(2_000, 5_000), UpstreamProtocol.NEGOTIATED);
                var b = shared.lease(Timeouts.ofMillis(10_000, 600_000), UpstreamProtocol.NEGOTIATED)) {
            assertThat(a.client().connectionPool()).isSameAs(b.client().connectionPool());
            assertThat(a.client().connectTimeoutMillis()).isEqualTo(2_000);
            assertThat(b.timeouts().read()).isEqualTo(Duration.ofMillis(600_000));
            assertThat(b.client().readTimeoutMillis()).isZero(); // silence is timed by CallTimeouts
            assertThat(a.client().followRedirects()).isFalse();
            // HTTP/2 is negotiated by ALPN wherever the upstream offers it over TLS (the vendors do).
            assertThat(a.client().protocols()).contains(okhttp3.Protocol.HTTP_2, okhttp3.Protocol.HTTP_1_1);
            assertThat(a.client().connectionPool()).isSameAs(b.client().connectionPool());
        }
    }

    @Test
    void anH2cLeaseSpeaksOnlyHttp2OverTheSharedPool() {
        SharedHttpClient shared = new SharedHttpClient();
        try (var plain = shared.lease(Timeouts.ofMillis(1_000, 1_000), UpstreamProtocol.NEGOTIATED);
                var h2c = shared.lease(Timeouts.ofMillis(1_000, 1_000), UpstreamProtocol.H2C)) {
            assertThat(h2c.client().protocols()).containsExactly(okhttp3.Protocol.H2_PRIOR_KNOWLEDGE);
            assertThat(h2c.client().connectionPool()).isSameAs(plain.client().connectionPool());
        }
    }

    @Test
    void shutsDownWhenTheLastLeaseIsReturnedAndStartsAgainOnTheNext() {
        SharedHttpClient shared = new SharedHttpClient();
        var a = shared.lease(Timeouts.ofMillis(1, 1), UpstreamProtocol.NEGOTIATED);
        var b = shared.lease(Timeouts.ofMillis(1, 1), UpstreamProtocol.NEGOTIATED);
        a.close();
        a.close(); // idempotent: must not release b's share
        assertThat(shared.isOpen()).isTrue();
        b.close();
        assertThat(shared.isOpen()).isFalse();
        try (var c =
                shared.lease(new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1)), UpstreamProtocol.NEGOTIATED)) {
            assertThat(shared.isOpen()).isTrue();
            assertThat(c.client().connectionPool()).isNotSameAs(a.client().connectionPool());
        }
    }
}
