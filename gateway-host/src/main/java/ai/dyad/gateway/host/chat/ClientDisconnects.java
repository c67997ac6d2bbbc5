package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.host.deadlines.Deadlines;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.AttachmentKey;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cancels the running calls when their client's connection closes. One close listener per connection (not
 * per request), since keep-alive connections carry many requests and listeners cannot be removed; an
 * HTTP/2 connection carries several calls at once, so the connection keeps a set of them. A
 * {@link ConnectionEofWatch} makes a hang-up seen while the call writes nothing.
 */
final class ClientDisconnects {

    @SuppressWarnings("unchecked")
    private static final AttachmentKey<Set<ChatCall>> ACTIVE =
            AttachmentKey.create((Class<Set<ChatCall>>) (Class<?>) Set.class);

    private static final AttachmentKey<ChatCall> CALL = AttachmentKey.create(ChatCall.class);

    private ClientDisconnects() {}

    static void watch(HttpServerExchange exchange, ChatCall call, Deadlines deadlines) {
        ServerConnection connection = exchange.getConnection();
        Set<ChatCall> active;
        synchronized (connection) {
            active = connection.getAttachment(ACTIVE);
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
        }
        // A request's next attempt (fallback, retry) replaces its previous call, which has ended.
        ChatCall previous = exchange.putAttachment(CALL, call);
        if (previous != null) {
            active.remove(previous);
        } else {
            ConnectionEofWatch.start(exchange, deadlines);
        }
        active.add(call);
    }

    static void forget(HttpServerExchange exchange) {
        Set<ChatCall> active = exchange.getConnection().getAttachment(ACTIVE);
        ChatCall call = exchange.getAttachment(CALL);
        if (active != null && call != null) {
            active.remove(call);
        }
    }
}
