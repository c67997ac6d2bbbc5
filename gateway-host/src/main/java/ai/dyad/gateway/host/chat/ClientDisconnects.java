package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.host.deadlines.Deadlines;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancels a request's running call when its client's connection closes. One close listener per connection
 * (not per request), since keep-alive connections carry many requests and listeners cannot be removed; an
 * HTTP/2 connection carries several calls at once, so the connection keeps a set of them. A
 * {@link ConnectionEofWatch} makes a hang-up seen while the call writes nothing.
 *
 * <p>One instance per request, made before anything is sent: once the answer has been handed to the IO
 * thread the exchange belongs to it, so {@link #forget} touches only this object and the connection's
 * concurrent set, never the exchange.
 */
final class ClientDisconnects {

    @SuppressWarnings("unchecked")
    private static final AttachmentKey<Set<ChatCall>> ACTIVE =
            AttachmentKey.create((Class<Set<ChatCall>>) (Class<?>) Set.class);

    private final HttpServerExchange exchange;
    private final Set<ChatCall> active;
    private volatile ChatCall current;

    private ClientDisconnects(HttpServerExchange exchange, Set<ChatCall> active) {
        this.exchange = exchange;
        this.active = active;
    }

    /** The calls of {@code exchange}'s connection, with the close listener that cancels them. */
    static ClientDisconnects of(HttpServerExchange exchange) {
        ServerConnection connection = exchange.getConnection();
        synchronized (connection) {
            Set<ChatCall> active = connection.getAttachment(ACTIVE);
            if (active == null) {
                Set<ChatCall> created = ConcurrentHashMap.newKeySet();
                connection.putAttachment(ACTIVE, created);
                connection.addCloseListener(closed -> {
                    for (ChatCall running : Set.copyOf(created)) {
                        created.remove(running);
                        running.clientGone();
                    }
                });
                active = created;
            }
            return new ClientDisconnects(exchange, active);
        }
    }

    /** Cancels {@code call} if the client goes; a next attempt (fallback, retry) replaces the previous one. */
    void watch(ChatCall call, Deadlines deadlines) {
        ChatCall previous = current;
        if (previous != null) {
            active.remove(previous);
        } else {
            ConnectionEofWatch.start(exchange, deadlines);
        }
        current = call;
        active.add(call);
    }

    /** Stops watching (the answer is ending); idempotent. */
    void forget() {
        ChatCall call = current;
        if (call != null) {
            active.remove(call);
        }
    }
}
