package ai.dyad.gateway.wire.testing;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.testkit.RecordingSink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Contexts for driving adapters in tests the way the host does. */
public final class TestCalls {

    private TestCalls() {}

    /** A call with a generous deadline: a hang guard, not a timing assertion. */
    public static CallContext call() {
        return new CallContext("req-test-1", Instant.now().plus(Duration.ofSeconds(60)), "key-test");
    }

    /** Creates an adapter through its factory, validating the raw config against the factory's spec first. */
    public static ModelAdapter create(AdapterFactory factory, Map<String, Object> rawConfig) {
        return factory.create(new AdapterContext(
                "prov-1",
                "test-provider",
                factory.configSpec().validate(rawConfig),
                Clock.systemUTC(),
                System.getLogger("test")));
    }

    /** Starts a chat on a virtual thread, as the host does, so the test can play the client meanwhile. */
    public static Thread chatInBackground(ModelAdapter adapter, ChatRequest request, RecordingSink sink) {
        return Thread.ofVirtual().start(() -> sink.drive(s -> adapter.chat(request, call(), s)));
    }

    /** Waits until the sink holds {@code count} chunks; a hang guard with a far deadline, not a timing check. */
    public static void awaitChunks(RecordingSink sink, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (sink.chunks().size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (sink.chunks().size() < count) {
            throw new AssertionError(
                    "expected " + count + " chunks, got " + sink.chunks().size());
        }
    }
}
