package ai.dyad.gateway.host.chat;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Cancels the running call when its client's connection closes. One close listener per connection (not per
 * request), since keep-alive connections carry many requests and listeners cannot be removed; a
 * {@link ConnectionEofWatch} makes a hang-up seen while the call writes nothing.
 */
final class ClientDisconnects {

    private static final AttachmentKey<AtomicReference<ChatCall>> ACTIVE = AttachmentKey.create(AtomicReference.class);

    private ClientDisconnects() {}

    static void watch(HttpServerExchange exchange, ChatCall call) {
        ServerConnection connection = exchange.getConnection();
        AtomicReference<ChatCall> active;
        synchronized (connection) {
            active = connection.getAttachment(ACTIVE);
            if (active == null) {
                AtomicReference<ChatCall> created = new AtomicReference<>();
                connection.putAttachment(ACTIVE, created);
                connection.addCloseListener(closed -> {
                    ChatCall running = created.getAndSet(null);
                    if (running != null) {
                        running.clientGone();
                    }
                });
                active = created;
            }
        }
        active.set(call);
        ConnectionEofWatch.start(exchange);
    }

    static void forget(HttpServerExchange exchange) {
        AtomicReference<ChatCall> active = exchange.getConnection().getAttachment(ACTIVE);
        if (active != null) {
            active.set(null);
        }
    }
}
