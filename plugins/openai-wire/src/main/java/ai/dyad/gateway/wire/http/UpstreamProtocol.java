package ai.dyad.gateway.wire.http;

/** How a provider's calls travel to its upstream. */
public enum UpstreamProtocol {

    /** HTTP/1.1, or HTTP/2 where TLS negotiates it: what every upstream accepts. */
    NEGOTIATED,

    /**
     * HTTP/2 from the first byte over cleartext (h2c with prior knowledge), for an {@code http://} upstream
     * that accepts it. Concurrent calls then share one connection instead of holding a socket each, which
     * suits many long streams; a single call takes longer, as OkHttp reads the connection on a thread of
     * its own and hands each frame over.
     */
    H2C
}
