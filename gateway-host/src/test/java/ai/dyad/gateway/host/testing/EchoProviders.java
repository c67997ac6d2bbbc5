package ai.dyad.gateway.host.testing;

import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.registry.ProviderModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/** Providers of the test-only {@code http-echo} adapter type, pointing at WireMock upstreams. */
public final class EchoProviders {

    private EchoProviders() {}

    /** A provider named {@code name} serving {@code models} from {@code baseUrl}. */
    public static Provider echo(
            String name, String baseUrl, int priority, int weight, Long timeoutMs, ProviderModel... models) {
        return new Provider(
                null,
                name,
                "http-echo",
                true,
                Map.of("baseUrl", baseUrl),
                List.of(models),
                priority,
                weight,
                timeoutMs,
                null,
                null,
                null,
                0);
    }

    /** A loopback URL nobody listens on (the port was free a moment ago), for "connection refused". */
    public static String refusingUrl() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
