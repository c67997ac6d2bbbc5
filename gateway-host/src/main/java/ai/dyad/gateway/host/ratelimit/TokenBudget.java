package ai.dyad.gateway.host.ratelimit;

import ai.dyad.gateway.host.auth.ApiKeyAuth;
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.calls.CallOutcome;
import ai.dyad.gateway.host.calls.CallPlan;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.List;
import java.util.Optional;

/**
 * Tokens per minute: before a call, reserves its estimate (prompt tokens plus {@code max_tokens}) and
 * refuses with 429 when the window has no room for it; after the call, settles the reservation to what the
 * call really used, so the window counts real usage (a stream's usage included).
 */
public final class TokenBudget implements CallObserver {

    private record Reservation(LimitStore store, String bucket, String windowId, long reserved) {}

    private static final AttachmentKey<Reservation> RESERVATION = AttachmentKey.create(Reservation.class);

    private final KeyLimits limits;
    private final LimitStore store;
    private final RateLimitRejections rejections;

    public TokenBudget(KeyLimits limits, LimitStore store) {
        this(limits, store, RateLimitRejections.NONE);
    }

    public TokenBudget(KeyLimits limits, LimitStore store, RateLimitRejections rejections) {
        this.limits = limits;
        this.store = store;
        this.rejections = rejections;
    }

    @Override
    public void beforeCall(HttpServerExchange exchange, CallPlan plan) {
        long estimate = plan.estimatedTokens();
        Optional<WindowLimit> limit = limits.tokens(ApiKeyAuth.caller(exchange), estimate);
        if (limit.isEmpty()) {
            return;
        }
        Admission admission = store.admit(List.of(limit.get()));
        WindowState state = admission.states().getFirst();
        RateLimitHeaders.write(exchange, "tokens", state);
        if (!admission.admitted()) {
            rejections.rejected("tokens");
            throw RateLimitHeaders.exceeded("tokens", state, estimate).exception();
        }
        exchange.putAttachment(
                RESERVATION, new Reservation(admission.store(), limit.get().bucket(), state.windowId(), estimate));
    }

    @Override
    public void callEnded(HttpServerExchange exchange, CallOutcome outcome) {
        Reservation reservation = exchange.removeAttachment(RESERVATION);
        if (reservation == null) {
            return;
        }
        long used = outcome.usage().totalTokens();
        if (used != reservation.reserved()) {
            reservation.store().adjust(reservation.bucket(), reservation.windowId(), used - reservation.reserved());
        }
    }
}
