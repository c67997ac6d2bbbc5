package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.tokens.TokenEstimator;
import ai.dyad.gateway.host.calls.CallOutcome;
import ai.dyad.gateway.host.deadlines.Deadlines;
import ai.dyad.gateway.host.http.AdapterErrors;
import ai.dyad.gateway.host.http.ApiError;
import ai.dyad.gateway.host.http.RequestIds;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one adapter call (an attempt) on the request's own thread, and writes how the answer ended when the
 * attempt is the last one.
 *
 * <p>Deadlines are enforced from outside the call: when one passes, a thread of its own ends the call as
 * timed out and cancels it (the adapter aborts its upstream and returns). An adapter that ignores that and
 * has not returned {@link #ABANDON_GRACE} later is abandoned: the request is answered without it, so a
 * deadline holds even for an adapter that never returns. The adapter runs on the request's thread, not a
 * thread of its own, because a second virtual thread per call cost two hand-offs and a context switch per
 * request at low load, for the sake of a misbehaving adapter.
 */
final class ChatExecution {

    /** How long a timed-out adapter gets to return after its cancellation before it is abandoned. */
    static final Duration ABANDON_GRACE = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(ChatExecution.class);

    private final Deadlines deadlines;
    private final Clock clock;

    ChatExecution(Deadlines deadlines, Clock clock) {
        this.deadlines = deadlines;
        this.clock = clock;
    }

    /**
     * Calls the adapter and returns how the attempt ended; a deadline that passed first ends it as a {@link
     * ErrorKind#TIMEOUT} failure. Returns empty when the adapter was abandoned: {@code answerWithout} (run on
     * another thread, with the call's ending as it then stood) answered the request, and this thread must
     * leave the request alone.
     */
    Optional<ChatCall.Ending> attempt(
            ModelAdapter adapter, ChatRequest request, CallContext context, ChatCall call, Runnable answerWithout) {
        Deadlines.Watch deadline = deadlines.watch(
                context.remaining(clock.instant()),
                () -> Thread.startVirtualThread(() -> enforceDeadline(call, context.requestId(), answerWithout)));
        try {
            callAdapter(adapter, request, context, call);
        } finally {
            deadline.cancel();
        }
        return call.adapterReturned() ? Optional.of(ending(call)) : Optional.empty();
    }

    /** The call's ending as the attempt reports it: a passed deadline is a timeout failure. */
    static ChatCall.Ending ending(ChatCall call) {
        ChatCall.Ending ending = call.ending();
        if (ending instanceof ChatCall.Ending.TimedOut) {
            return new ChatCall.Ending.Failed(new AdapterException(
                    ErrorKind.TIMEOUT,
                    "the provider did not finish within the request deadline",
                    "timeout",
                    null,
                    null,
                    null));
        }
        return ending;
    }

    private static void enforceDeadline(ChatCall call, String requestId, Runnable answerWithout) {
        RequestIds.withLogContext(requestId, () -> {
            call.timeOut();
            try {
                if (!call.awaitReturn(ABANDON_GRACE) && call.abandon()) {
                    LOG.warn("the adapter ignored the cancellation of request {}; answering without it", requestId);
                    answerWithout.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Cancels {@code call} when the client hangs up while it runs. */
    void watchClient(ClientDisconnects clients, ChatCall call) {
        clients.watch(call, deadlines);
    }

    /** Whether any byte of the attempt reached the client; asked with chunks held back, so none slips in. */
    boolean reachedClient(ChatCall call, ChatOutput output) {
        AtomicBoolean started = new AtomicBoolean();
        call.whileHoldingOutput(() -> started.set(output.started()));
        return started.get();
    }

    /**
     * Writes the ending of the attempt that decides the answer; {@code outcome} hears how the call ended
     * (with its usage) just before the ending is written. Returns that outcome.
     */
    CallOutcome finish(
            ChatCall.Ending ending,
            ChatRequest request,
            ChatCall call,
            ChatOutput output,
            CallContext context,
            String clientModel,
            Consumer<CallOutcome> outcome) {
        AtomicReference<CallOutcome> ended = new AtomicReference<>();
        call.whileHoldingOutput(() -> {
            ended.set(outcome(ending, request, call, clientModel));
            outcome.accept(ended.get());
            writeEnding(ending, request, call, output, context);
        });
        return ended.get();
    }

    private static CallOutcome outcome(ChatCall.Ending ending, ChatRequest request, ChatCall call, String model) {
        return switch (ending) {
            case ChatCall.Ending.Completed done ->
                new CallOutcome(model, CallOutcome.Kind.COMPLETED, usage(done.usage(), request, call));
            case ChatCall.Ending.Failed failed ->
                new CallOutcome(model, CallOutcome.Kind.FAILED, partial(request, call));
            case ChatCall.Ending.Cancelled cancelled ->
                new CallOutcome(model, CallOutcome.Kind.CANCELLED, partial(request, call));
            case ChatCall.Ending.TimedOut timedOut ->
                new CallOutcome(model, CallOutcome.Kind.TIMED_OUT, partial(request, call));
        };
    }

    /** What an unfinished call used: nothing if nothing was generated, else an estimate of both sides. */
    private static Usage partial(ChatRequest request, ChatCall call) {
        return call.generatedCodePoints() == 0 ? Usage.of(0, 0) : usage(null, request, call);
    }

    /** Answers with an error when no attempt decided the answer (every provider was skipped or failed). */
    void fail(ApiError error, ChatOutput output, String requestId) {
        try {
            output.error(error);
        } catch (IOException e) {
            LOG.debug("client gone before the error of request {}: {}", requestId, e.getMessage());
        }
    }

    private static void callAdapter(ModelAdapter adapter, ChatRequest request, CallContext context, ChatCall call) {
        try {
            adapter.chat(request, context, call);
            if (!call.ended()) {
                call.fail(
                        new AdapterException(ErrorKind.INTERNAL, "the adapter returned without finishing its answer"));
            }
        } catch (AdapterException e) {
            call.fail(e);
        } catch (RuntimeException | Error e) {
            LOG.error("adapter failed on request {}", context.requestId(), e);
            call.fail(new AdapterException(ErrorKind.INTERNAL, "the adapter failed unexpectedly", e));
        }
    }

    private static void writeEnding(
            ChatCall.Ending ending, ChatRequest request, ChatCall call, ChatOutput output, CallContext context) {
        try {
            switch (ending) {
                case ChatCall.Ending.Completed done -> output.finish(done.reason(), usage(done.usage(), request, call));
                case ChatCall.Ending.Failed failed -> output.error(AdapterErrors.toApiError(failed.error()));
                case ChatCall.Ending.TimedOut timedOut ->
                    output.error(new ApiError(
                            504,
                            "timeout_error",
                            "timeout",
                            null,
                            "the provider did not finish within the request deadline",
                            null));
                case ChatCall.Ending.Cancelled cancelled ->
                    LOG.debug("request {} cancelled by the client", context.requestId());
            }
        } catch (IOException e) {
            LOG.debug("client gone before the end of request {}: {}", context.requestId(), e.getMessage());
        }
    }

    private static Usage usage(Usage reported, ChatRequest request, ChatCall call) {
        if (reported != null) {
            return reported;
        }
        int completion = (int) Math.min(Integer.MAX_VALUE, (call.generatedCodePoints() + 3) / 4);
        return Usage.of(TokenEstimator.estimate(request.messages()), completion);
    }
}
