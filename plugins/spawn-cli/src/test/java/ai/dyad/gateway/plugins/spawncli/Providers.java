package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatMessage;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds providers the way the host does: the config validated against the factory's spec, then create. */
final class Providers {

    /** The parent environment tests give the factory: a PATH with the usual tools, and nothing secret. */
    static final Map<String, String> PARENT_ENV = Map.of(
            "PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8", "GATEWAY_SECRET", "s3cr3t");

    private Providers() {}

    static ModelAdapter create(Map<String, Object> config) {
        SpawnCliFactory factory = new SpawnCliFactory(PARENT_ENV);
        return factory.create(new AdapterContext(
                "provider-1",
                "test-provider",
                factory.configSpec().validate(config),
                Clock.systemUTC(),
                System.getLogger("spawn-cli-test")));
    }

    static ChatRequest ask(String model, String userText) {
        return ChatRequest.builder(model, List.of(ChatMessage.of(Role.USER, userText))).stream(true)
                .build();
    }

    static ChatRequest ask(String model, ChatMessage... messages) {
        return ChatRequest.builder(model, List.of(messages)).stream(true).build();
    }

    static CallContext call() {
        return new CallContext("req-1", Instant.now().plus(Duration.ofMinutes(5)), "key-1");
    }

    /**
     * Runs a chat call on a virtual thread of its own, as the host does. (The common pool would not do: on a
     * two-core machine it runs one task at a time, so a blocked call would starve the next.)
     */
    static java.util.concurrent.CompletableFuture<Void> chatAsync(
            ai.dyad.gateway.api.ModelAdapter adapter, ChatRequest request, RecordingSink sink) {
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        Thread.ofVirtual().name("test-call").start(() -> {
            try {
                adapter.chat(request, call(), sink);
                done.complete(null);
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    /** A PATH that finds the test CLIs in {@code bin} first, then the usual tools. */
    static String pathWith(java.nio.file.Path bin) {
        return bin + ":/usr/bin:/bin";
    }
}
