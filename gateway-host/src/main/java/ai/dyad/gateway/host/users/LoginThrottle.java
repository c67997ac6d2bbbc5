package ai.dyad.gateway.host.users;

import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.ratelimit.Admission;
import ai.dyad.gateway.host.ratelimit.LimitStore;
import ai.dyad.gateway.host.ratelimit.WindowLimit;
import ai.dyad.gateway.host.ratelimit.WindowState;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Slows password guessing: at most 10 login attempts per account and 50 per client address in 15 minutes,
 * counted in the same store as the rate limits (so across instances when Redis is there). Every attempt
 * counts, successful or not; beyond the limit the answer is 429 without checking the password at all.
 */
public final class LoginThrottle {

    static final Duration WINDOW = Duration.ofMinutes(15);
    static final int PER_ACCOUNT = 10;
    static final int PER_ADDRESS = 50;

    private final LimitStore store;

    public LoginThrottle(LimitStore store) {
        this.store = store;
    }

    /** Counts an attempt; 429 when the account or the address has used up its attempts. */
    void attempt(String email, String address) {
        // The address is checked (and charged) first and alone, so spraying many accounts from one address
        // stops at the address limit, and one account attacked from many addresses at the account limit.
        charge(new WindowLimit("dyad:login:{addr:" + address + "}", WINDOW, PER_ADDRESS, 1));
        charge(new WindowLimit("dyad:login:{acct:" + accountId(email) + "}", WINDOW, PER_ACCOUNT, 1));
    }

    private void charge(WindowLimit limit) {
        Admission admission = store.admit(List.of(limit));
        if (!admission.admitted()) {
            WindowState state = admission.states().getFirst();
            throw new ApiError(
                            429,
                            "rate_limit_error",
                            "too_many_login_attempts",
                            null,
                            "too many login attempts; try again later",
                            state.resetIn())
                    .exception();
        }
    }

    // Hashed so counter names in Redis do not list admin emails.
    private static String accountId(String email) {
        return HexFormat.of()
                .formatHex(AdminTokens.sha256(
                        email.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8)))
                .substring(0, 32);
    }
}
