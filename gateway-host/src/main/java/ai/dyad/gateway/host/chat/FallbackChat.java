package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.host.calls.CallInfo;
import ai.dyad.gateway.host.calls.CallObserver;
import ai.dyad.gateway.host.calls.CallOutcome;
import ai.dyad.gateway.host.http.AdapterErrors;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.ClientHeaders;
import ai.dyad.gateway.host.registry.Provider;
import ai.dyad.gateway.host.resilience.ProviderGuards;
import ai.dyad.gateway.host.routing.AdapterLease;
import ai.dyad.gateway.host.routing.Candidate;
import ai.dyad.gateway.host.routing.Router;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Answers a chat request from the first candidate that can: each provider is tried while its circuit
 * allows, retried with backoff after a retryable failure, and left for the next one when its retries are
 * spent. A non-retryable error, or any error once a byte reached the client, ends the request. Each attempt
 * has its own {@link ChatCall}, so only the deciding attempt's chunks reach the output.
 *
 * <p>Deadlines: each attempt ends at the provider's {@code timeoutMs} (else {@code DEFAULT_TIMEOUT_MS});
 * the whole request, retries and fallbacks included, ends at {@code DEFAULT_TIMEOUT_MS} or the longest
 * {@code timeoutMs} among its candidates, whichever is later.
 */
final class FallbackChat {

    static final HttpString PROVIDER_HEADER = HttpString.tryFromString("x-dyad-provider");
    static final HttpString FALLBACKS_HEADER = HttpString.tryFromString("x-dyad-fallbacks");

    /** Snapshots tried per request: the first, and fresh ones after registry changes during the request. */
    private static final int MAX_ROUNDS = 3;

    /** The request's facts every attempt shares. */
    record Job(
            Router router,
            HttpServerExchange exchange,
            ChatRequestParser.Parsed parsed,
            ChatOutput output,
            String requestId,
            String caller,
            Instant budgetEnd,
            List<String> passed,
            Consumer<CallOutcome> outcome,
            ClientDisconnects clients) {

        ChatRequest request() {
            return parsed.request();
        }
    }

    /** How trying one provider ended. */
    private sealed interface Verdict {
        /** The answer (or its final error) has been written, or the client left. */
        record Answered() implements Verdict {}

        /** The provider was skipped or failed; another may still answer. */
        record Passed(AdapterException reason, boolean called) implements Verdict {}

        /**
         * The provider failed after a registry change retired it (its adapter may have closed under the
         * call): not its fault, and the rest of this snapshot is retired too, so resolve again.
         */
        record Retired(AdapterException reason) implements Verdict {}
    }

    private final ChatExecution execution;
    private final ProviderGuards guards;
    private final Clock clock;
    private final Duration defaultTimeout;
    private final CallObserver attempts;

    /** @param attempts hears of each attempt (each provider call), for metrics and the access log */
    FallbackChat(
            ChatExecution execution,
            ProviderGuards guards,
            Clock clock,
            Duration defaultTimeout,
            CallObserver attempts) {
        this.execution = execution;
        this.guards = guards;
        this.clock = clock;
        this.defaultTimeout = defaultTimeout;
        this.attempts = attempts;
    }

    /**
     * Answers from the resolution's candidates. When all of them failed and the registry changed meanwhile
     * (a provider was added or replaced while the request ran), or a provider failed after a change retired
     * it, it resolves again and tries the new snapshot's candidates, so a registry change does not fail the
     * requests that straddle it, nor count against the circuits of the providers it replaced.
     */
    void run(
            HttpServerExchange exchange,
            Router router,
            Router.Resolution resolution,
            ChatRequestParser.Parsed parsed,
            ChatOutput output,
            String requestId,
            String caller,
            Consumer<CallOutcome> outcome)
            throws InterruptedException {
        Job job = new Job(
                router,
                exchange,
                parsed,
                output,
                requestId,
                caller,
                clock.instant().plus(budget(resolution.candidates())),
                new ArrayList<>(),
                outcome,
                ClientDisconnects.of(exchange));
        try {
            answer(job, resolution);
        } finally {
            job.clients().forget();
        }
    }

    private void answer(Job job, Router.Resolution resolution) throws InterruptedException {
        Router router = job.router();
        HttpServerExchange exchange = job.exchange();
        ChatRequest request = job.request();
        AdapterException failure = null;
        AdapterException skip = null;
        for (int round = 0; round < MAX_ROUNDS && clock.instant().isBefore(job.budgetEnd()); round++) {
            if (round > 0) {
                if (!resolution.outdated(router)) {
                    break;
                }
                resolution = router.resolve(resolution.requested());
            }
            for (Candidate candidate : resolution.candidates()) {
                Verdict verdict = tryProvider(job, candidate);
                if (verdict instanceof Verdict.Retired retired) {
                    job.passed().add(candidate.providerName() + "=retired");
                    failure = retired.reason();
                    break;
                }
                if (verdict instanceof Verdict.Passed passed) {
                    job.passed().add(candidate.providerName() + "=" + code(passed.reason()));
                    if (passed.called()) {
                        failure = passed.reason();
                    } else {
                        skip = passed.reason();
                    }
                    if (!clock.instant().isBefore(job.budgetEnd())) {
                        break;
                    }
                } else {
                    return;
                }
            }
        }
        // The last real failure tells the client most; a skip reason (circuit open, 429 cooldown) otherwise.
        AdapterException reason = failure != null ? failure : skip;
        if (reason == null) {
            reason = new AdapterException(ErrorKind.UNAVAILABLE, "no provider could take the request");
        }
        if (!job.passed().isEmpty()) {
            exchange.getResponseHeaders().put(FALLBACKS_HEADER, String.join(", ", job.passed()));
        }
        job.outcome().accept(new CallOutcome(request.model(), CallOutcome.Kind.FAILED, Usage.of(0, 0)));
        execution.fail(AdapterErrors.toApiError(reason), job.output(), job.requestId());
    }

    /**
     * Tries one provider under a lease on its adapter, so a plugin swap cannot unload the adapter while the
     * attempt runs. A lease fails only for an adapter a swap just retired: the request resolves again.
     */
    private Verdict tryProvider(Job job, Candidate candidate) throws InterruptedException {
        Optional<AdapterLease> lease = candidate.provider().lease();
        if (lease.isEmpty()) {
            AdapterException unavailable = new AdapterException(
                    ErrorKind.UNAVAILABLE,
                    java.util.Objects.requireNonNullElse(
                            candidate.provider().problem(), "the provider's adapter is being replaced; retry"),
                    "adapter_unavailable",
                    null,
                    null,
                    null);
            return candidate.provider().retired()
                    ? new Verdict.Retired(unavailable)
                    : new Verdict.Passed(unavailable, false);
        }
        try (AdapterLease held = lease.get()) {
            return tryLeased(job, candidate, held);
        }
    }

    private Verdict tryLeased(Job job, Candidate candidate, AdapterLease lease) throws InterruptedException {
        ModelAdapter adapter = lease.adapter();
        Provider provider = candidate.provider().provider();
        Optional<ApiError> unsupported = CapabilityCheck.problem(
                job.parsed(), adapter.capabilities(), job.request().model());
        if (unsupported.isPresent()) {
            // This provider cannot serve the request as asked; another candidate may.
            return new Verdict.Passed(asInvalidRequest(unsupported.get()), false);
        }
        ChatRequest request =
                job.request().toBuilder().model(candidate.adapterModelId()).build();
        for (int retries = 0; ; retries++) {
            if (!job.exchange().getConnection().isOpen()) {
                return new Verdict.Answered();
            }
            Instant now = clock.instant();
            if (!now.isBefore(job.budgetEnd())) {
                return new Verdict.Passed(
                        new AdapterException(
                                ErrorKind.TIMEOUT, "the request deadline passed before a provider answered"),
                        false);
            }
            ProviderGuards.Admission admission = guards.admit(provider);
            if (admission instanceof ProviderGuards.Admission.Refused refused) {
                return new Verdict.Passed(refused.reason(), false);
            }
            ProviderGuards.Permit permit = ((ProviderGuards.Admission.Granted) admission).permit();
            CallContext context = new CallContext(
                    job.requestId(), deadline(provider, now, job), job.caller(), ClientHeaders.of(job.exchange()));
            announce(job, provider);
            ChatCall call = new ChatCall(job.output());
            execution.watchClient(job.clients(), call);
            CallInfo info = new CallInfo(
                    job.requestId(),
                    job.caller(),
                    provider.name(),
                    job.request().model(),
                    job.request().stream(),
                    false);
            // The last attempt's info stays attached: it names the provider that answered.
            job.exchange().putAttachment(CallInfo.ATTACHMENT, info);
            AttemptTimer timer = AttemptTimer.start(attempts, info, call);
            Optional<ChatCall.Ending> attempted;
            try {
                attempted = execution.attempt(adapter, request, context, call, () -> {
                    // The adapter ignored its deadline's cancellation: answer in its place, with how the call
                    // stands, and let go of it (this thread, stuck in the adapter, no longer can).
                    ChatCall.Ending ending = ChatExecution.ending(call);
                    settle(permit, ending, false);
                    answerWith(ending, job, request, call, context, timer);
                    job.clients().forget();
                    lease.close();
                });
            } catch (RuntimeException | Error e) {
                timer.ended(null, null);
                throw e;
            }
            if (attempted.isEmpty()) {
                return new Verdict.Answered();
            }
            ChatCall.Ending ending = attempted.get();
            boolean retired = ending instanceof ChatCall.Ending.Failed
                    && !job.router().table().holds(candidate.provider());
            settle(permit, ending, retired);
            if (!(ending instanceof ChatCall.Ending.Failed failed)
                    || !failed.error().kind().retryable()
                    || execution.reachedClient(call, job.output())) {
                answerWith(ending, job, request, call, context, timer);
                return new Verdict.Answered();
            }
            timer.ended(ending, null);
            job.output().discardUnsent();
            if (retired) {
                return new Verdict.Retired(failed.error());
            }
            Duration left = Duration.between(clock.instant(), job.budgetEnd());
            Optional<Duration> wait = guards.retryDelay(retries, failed.error(), left);
            if (wait.isEmpty()) {
                return new Verdict.Passed(failed.error(), true);
            }
            Thread.sleep(wait.get());
        }
    }

    /** Tells the provider's circuit and concurrency limit how the call went. */
    private static void settle(ProviderGuards.Permit permit, ChatCall.Ending ending, boolean retired) {
        switch (ending) {
            case ChatCall.Ending.Completed completed -> permit.succeeded();
            case ChatCall.Ending.Failed failed when !retired -> permit.failed(failed.error());
            default -> permit.released();
        }
    }

    /** Writes {@code ending} as the request's answer. */
    private void answerWith(
            ChatCall.Ending ending,
            Job job,
            ChatRequest request,
            ChatCall call,
            CallContext context,
            AttemptTimer timer) {
        CallOutcome decided = null;
        try {
            // Both levels hear the end before it reaches the client, so a client that saw the answer can rely
            // on its usage and metrics being recorded.
            decided = execution.finish(
                    ending, request, call, job.output(), context, job.request().model(), outcome -> {
                        job.outcome().accept(outcome);
                        timer.ended(ending, outcome);
                    });
        } finally {
            timer.ended(ending, decided);
        }
    }

    /** Names the provider now answering, and those passed over, before any byte goes out. */
    private static void announce(Job job, Provider provider) {
        job.exchange().getResponseHeaders().put(PROVIDER_HEADER, provider.name());
        if (!job.passed().isEmpty()) {
            job.exchange().getResponseHeaders().put(FALLBACKS_HEADER, String.join(", ", job.passed()));
        }
    }

    private Instant deadline(Provider provider, Instant now, Job job) {
        Instant own = now.plus(timeout(provider));
        return own.isBefore(job.budgetEnd()) ? own : job.budgetEnd();
    }

    private Duration timeout(Provider provider) {
        return provider.timeoutMs() == null ? defaultTimeout : Duration.ofMillis(provider.timeoutMs());
    }

    private Duration budget(List<Candidate> candidates) {
        Duration budget = defaultTimeout;
        for (Candidate c : candidates) {
            Duration own = timeout(c.provider().provider());
            if (own.compareTo(budget) > 0) {
                budget = own;
            }
        }
        return budget;
    }

    /** The code the client would see for this reason, so headers and error bodies agree. */
    private static String code(AdapterException reason) {
        return AdapterErrors.toApiError(reason).code();
    }

    private static AdapterException asInvalidRequest(ApiError error) {
        return new AdapterException(
                ErrorKind.INVALID_REQUEST, error.message(), error.code(), error.param(), null, null);
    }
}
