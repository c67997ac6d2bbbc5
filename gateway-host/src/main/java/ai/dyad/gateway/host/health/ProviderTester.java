package ai.dyad.gateway.host.health;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Role;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.host.routing.LiveProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An operator's test of one provider, outside routing (no circuit, no fallback): either a real one-token
 * chat ({@code max_tokens: 1}, the cheapest real completion) or the adapter's health probe.
 */
final class ProviderTester {

    /** What a test found; {@code answer} for a chat, {@code error} when it failed. */
    record Outcome(boolean ok, Duration latency, String answer, AdapterException error) {}

    private final ExecutorService virtualThreads;
    private final Clock clock;

    ProviderTester(ExecutorService virtualThreads, Clock clock) {
        this.virtualThreads = virtualThreads;
        this.clock = clock;
    }

    Outcome chat(LiveProvider live, String adapterModelId, Duration timeout, String requestId)
            throws InterruptedException {
        Instant start = clock.instant();
        if (live.adapterIfReady().isEmpty()) {
            return new Outcome(false, Duration.ZERO, null, new AdapterException(ErrorKind.UNAVAILABLE, live.problem()));
        }
        ChatRequest request = ChatRequest.builder(adapterModelId, List.of(ChatMessage.of(Role.USER, "ping")))
                .maxTokens(1)
                .build();
        Collector sink = new Collector();
        CallContext context = new CallContext(requestId, start.plus(timeout), "admin-test");
        virtualThreads.execute(() -> {
            try {
                live.adapter().chat(request, context, sink);
                sink.fail(new AdapterException(ErrorKind.INTERNAL, "the adapter returned without an answer"));
            } catch (AdapterException e) {
                sink.fail(e);
            } catch (RuntimeException e) {
                sink.fail(new AdapterException(ErrorKind.INTERNAL, "the adapter failed unexpectedly", e));
            }
        });
        try {
            AdapterException error = sink.ending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration latency = Duration.between(start, clock.instant());
            return new Outcome(error == null, latency, sink.text(), error);
        } catch (TimeoutException e) {
            sink.cancel();
            return new Outcome(
                    false,
                    Duration.between(start, clock.instant()),
                    null,
                    new AdapterException(ErrorKind.TIMEOUT, "no answer within " + timeout.toMillis() + " ms"));
        } catch (ExecutionException e) {
            throw new IllegalStateException("endings never complete exceptionally", e);
        }
    }

    /** A sink that keeps the text; the ending is null for success or the error. */
    private static final class Collector implements ChatSink {
        final CompletableFuture<AdapterException> ending = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();
        private final List<Runnable> onCancel = new ArrayList<>();
        private volatile boolean cancelled;

        @Override
        public synchronized boolean emit(ChatChunk chunk) {
            if (cancelled || ending.isDone()) {
                return false;
            }
            if (chunk.content() != null) {
                text.append(chunk.content());
            }
            return true;
        }

        @Override
        public void complete(FinishReason reason, Usage usage) {
            ending.complete(null);
        }

        @Override
        public void fail(AdapterException error) {
            ending.complete(error);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public void onCancel(Runnable abortUpstream) {
            synchronized (onCancel) {
                if (!cancelled) {
                    onCancel.add(abortUpstream);
                    return;
                }
            }
            abortUpstream.run();
        }

        synchronized String text() {
            return text.toString();
        }

        void cancel() {
            List<Runnable> actions;
            synchronized (onCancel) {
                cancelled = true;
                actions = List.copyOf(onCancel);
            }
            actions.forEach(Runnable::run);
        }
    }

    static Health asHealth(Outcome outcome) {
        return outcome.ok()
                ? Health.healthy("test chat answered", outcome.latency())
                : Health.unhealthy("test chat failed: " + outcome.error().getMessage(), outcome.latency());
    }
}
