package ai.dyad.gateway.host.chat;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.tokens.TokenEstimator;
import ai.dyad.gateway.host.http.AdapterErrors;
import ai.dyad.gateway.host.http.ApiError;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one adapter call on its own virtual thread and waits for it on the request's thread, so a deadline
 * holds even for an adapter that ignores cancellation, then writes how the answer ended.
 */
final class ChatExecution {

    private static final Logger LOG = LoggerFactory.getLogger(ChatExecution.class);

    private final ExecutorService adapterThreads;
    private final Clock clock;
    private final CallObserver observer;

    ChatExecution(ExecutorService adapterThreads, Clock clock, CallObserver observer) {
        this.adapterThreads = adapterThreads;
        this.clock = clock;
        this.observer = observer;
    }

    /** Calls the adapter, writes the answer to {@code output}, and returns when the response is written. */
    void run(
            ModelAdapter adapter,
            ChatRequest request,
            CallContext context,
            ChatCall call,
            ChatOutput output,
            CallInfo info)
            throws InterruptedException {
        long started = System.nanoTime();
        AtomicReference<Duration> firstChunk = new AtomicReference<>();
        observer.onStart(info);
        call.onFirstChunk(() -> {
            firstChunk.set(Duration.ofNanos(System.nanoTime() - started));
            observer.onFirstChunk(info, firstChunk.get());
        });
        Usage[] written = new Usage[1];
        ChatCall.Ending ending = null;
        try {
            adapterThreads.execute(() -> callAdapter(adapter, request, context, call));
            ending = call.awaitEnding(context.remaining(clock.instant()).toMillis());
            ChatCall.Ending end = ending;
            call.whileHoldingOutput(() -> written[0] = writeEnding(end, request, call, output, context));
        } finally {
            observer.onEnd(info, result(ending, written[0], Duration.ofNanos(System.nanoTime() - started), firstChunk));
        }
    }

    private static CallResult result(
            ChatCall.Ending ending, Usage usage, Duration duration, AtomicReference<Duration> firstChunk) {
        return switch (ending) {
            case ChatCall.Ending.Completed done ->
                new CallResult(CallResult.Outcome.COMPLETED, usage, null, duration, firstChunk.get());
            case ChatCall.Ending.Failed failed ->
                new CallResult(CallResult.Outcome.FAILED, null, failed.error().kind(), duration, firstChunk.get());
            case ChatCall.Ending.TimedOut timedOut ->
                new CallResult(CallResult.Outcome.TIMED_OUT, null, ErrorKind.TIMEOUT, duration, firstChunk.get());
            case ChatCall.Ending.Cancelled cancelled ->
                new CallResult(CallResult.Outcome.CANCELLED, null, null, duration, firstChunk.get());
            case null -> new CallResult(CallResult.Outcome.FAILED, null, ErrorKind.INTERNAL, duration, null);
        };
    }

    private static void callAdapter(ModelAdapter adapter, ChatRequest request, CallContext context, ChatCall call) {
        try {
            adapter.chat(request, context, call);
            call.fail(new AdapterException(ErrorKind.INTERNAL, "the adapter returned without finishing its answer"));
        } catch (AdapterException e) {
            call.fail(e);
        } catch (RuntimeException | Error e) {
            LOG.error("adapter failed on request {}", context.requestId(), e);
            call.fail(new AdapterException(ErrorKind.INTERNAL, "the adapter failed unexpectedly", e));
        }
    }

    /** Writes the ending; returns the usage sent with a completed answer, else null. */
    private static Usage writeEnding(
            ChatCall.Ending ending, ChatRequest request, ChatCall call, ChatOutput output, CallContext context) {
        try {
            switch (ending) {
                case ChatCall.Ending.Completed done -> {
                    Usage usage = usage(done.usage(), request, call);
                    output.finish(done.reason(), usage);
                    return usage;
                }
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
        return null;
    }

    private static Usage usage(Usage reported, ChatRequest request, ChatCall call) {
        if (reported != null) {
            return reported;
        }
        int completion = (int) Math.min(Integer.MAX_VALUE, (call.generatedCodePoints() + 3) / 4);
        return Usage.of(TokenEstimator.estimate(request.messages()), completion);
    }

    static Duration stallLimit() {
        return Duration.ofSeconds(60);
    }
}
