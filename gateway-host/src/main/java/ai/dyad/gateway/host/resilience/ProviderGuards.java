package ai.dyad.gateway.host.resilience;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.host.registry.Provider;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Guards each call to a provider: admits it only when the provider's circuit is closed (or half-open with a
 * probe free) and it is not cooling down after a 429; then records how the call ended in the circuit, the
 * cooldowns and the health statistics. Every admitted call ends in exactly one of the permit's methods.
 */
public final class ProviderGuards {

    /** Whether a call may go to a provider now. */
    public sealed interface Admission {
        /** Go ahead; end the call with one of the permit's methods. */
        record Granted(Permit permit) implements Admission {}

        /** Skip the provider without calling it; {@code reason} says why, as the client would see it. */
        record Refused(AdapterException reason) implements Admission {}
    }

    private final CircuitBreakers breakers;
    private final Cooldowns cooldowns = new Cooldowns();
    private final RetryPolicy retries;
    private final CallObserver observer;
    private final Clock clock;

    public ProviderGuards(CircuitBreakers breakers, RetryPolicy retries, CallObserver observer, Clock clock) {
        this.breakers = breakers;
        this.retries = retries;
        this.observer = observer;
        this.clock = clock;
    }

    public Admission admit(Provider provider) {
        Optional<Duration> cooling = cooldowns.remaining(provider.id(), clock.instant());
        if (cooling.isPresent()) {
            return new Admission.Refused(new AdapterException(
                    ErrorKind.RATE_LIMITED,
                    "provider '" + provider.name() + "' asked to wait before it is called again",
                    "provider_rate_limited",
                    null,
                    cooling.get(),
                    null));
        }
        CircuitBreaker breaker = breakers.of(provider);
        if (!breaker.tryAcquirePermission()) {
            return new Admission.Refused(new AdapterException(
                    ErrorKind.UNAVAILABLE,
                    "provider '" + provider.name() + "' is paused after repeated failures (circuit open)",
                    "circuit_open",
                    null,
                    null,
                    null));
        }
        return new Admission.Granted(new Permit(provider, breaker, clock.instant()));
    }

    /** The wait before retrying the same provider, or empty to move on (see {@link RetryPolicy}). */
    public Optional<Duration> retryDelay(int retriesSoFar, AdapterException failure, Duration remaining) {
        return retries.delay(retriesSoFar, failure, remaining);
    }

    /** One admitted call to a provider. */
    public final class Permit {

        private final Provider provider;
        private final CircuitBreaker breaker;
        private final Instant start;
        private boolean ended;

        private Permit(Provider provider, CircuitBreaker breaker, Instant start) {
            this.provider = provider;
            this.breaker = breaker;
            this.start = start;
        }

        /** The provider answered. */
        public void succeeded() {
            Duration latency = end();
            breaker.onSuccess(latency.toNanos(), TimeUnit.NANOSECONDS);
            observer.called(provider.id(), true, latency);
        }

        /** The call failed; counts against the circuit when the kind says the provider is in trouble. */
        public void failed(AdapterException failure) {
            Duration latency = end();
            ErrorKind kind = failure.kind();
            if (kind == ErrorKind.RATE_LIMITED) {
                // Busy is not broken: no circuit count, but no calls until its retry-after has passed.
                breaker.releasePermission();
                failure.retryAfter()
                        .ifPresent(wait -> cooldowns.coolDown(
                                provider.id(), clock.instant().plus(wait)));
            } else if (kind.retryable()) {
                breaker.onError(latency.toNanos(), TimeUnit.NANOSECONDS, failure);
            } else {
                // The provider answered; the request itself was at fault (or unsupported).
                breaker.onSuccess(latency.toNanos(), TimeUnit.NANOSECONDS);
            }
            boolean providerFault = kind != ErrorKind.INVALID_REQUEST && kind != ErrorKind.UNSUPPORTED;
            observer.called(provider.id(), !providerFault, latency);
        }

        /** The call was abandoned (the client left): it says nothing about the provider. */
        public void released() {
            end();
            breaker.releasePermission();
        }

        private Duration end() {
            if (ended) {
                throw new IllegalStateException("a permit ends once");
            }
            ended = true;
            return Duration.between(start, clock.instant());
        }
    }
}
