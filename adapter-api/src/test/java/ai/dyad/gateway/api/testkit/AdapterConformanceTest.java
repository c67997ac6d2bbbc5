package ai.dyad.gateway.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.config.ConfigSpec;
import ai.dyad.gateway.api.config.ProviderSettings;
import ai.dyad.gateway.api.embeddings.EmbeddingInput;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every adapter plugin runs: extend it in the plugin's tests, say how to build the
 * adapter's factory and how to make its backend answer, fail and hang, and JUnit runs each check against the
 * real adapter, with no gateway around it.
 *
 * <pre>{@code
 * class MyAdapterConformanceTest extends AdapterConformanceTest {
 *     protected AdapterFactory factory() { return new MyAdapterFactory(); }
 *     protected Scenario answering(String text) { ... a config + request whose answer is exactly text ... }
 *     protected Scenario failing() { ... a config + request the backend refuses ... }
 *     protected Scenario hanging() { ... a config + request the backend never answers ... }
 * }
 * }</pre>
 *
 * <p>What it proves: the type and config spec are usable; streamed and non-streamed calls give the same
 * content; every answer ends exactly once and nothing is emitted after the end; concurrent calls on one
 * adapter stay apart; backend failures arrive as {@link AdapterException}s of a meaningful kind; cancellation
 * stops the work; an adapter stops emitting once the client is gone; unsupported operations say so with an
 * {@link AdapterException}; {@code health()} and {@code close()} never throw.
 *
 * <p>The only timeouts are hang guards ({@link #hangGuard()}), never speed checks.
 */
public abstract class AdapterConformanceTest {

    private static final Pattern TYPE_NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    private final List<ModelAdapter> adapters = new ArrayList<>();
    private ExecutorService calls;

    /** The factory under test, as the plugin's {@code @Extension} would be instantiated. */
    protected abstract AdapterFactory factory();

    /**
     * A config and request under which the backend answers with exactly {@code text} (in one chunk or many). The
     * kit calls this with short and long texts of plain words, including non-ASCII letters.
     */
    protected abstract Scenario answering(String text);

    /** A config and request under which the backend reports an error (refuses, is down, answers garbage). */
    protected abstract Scenario failing();

    /** A config and request under which the backend never answers until the call is cancelled. */
    protected abstract Scenario hanging();

    /** The kind {@link #failing()} must produce, when the plugin knows it; any kind but INTERNAL otherwise. */
    protected Optional<ErrorKind> expectedFailureKind() {
        return Optional.empty();
    }

    /** How long one call may run before the kit declares it hung. A guard against hangs, not a speed check. */
    protected Duration hangGuard() {
        return Duration.ofSeconds(30);
    }

    @BeforeEach
    void startCallThreads() {
        calls = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterEach
    void closeAdapters() {
        adapters.forEach(ModelAdapter::close);
        adapters.clear();
        calls.shutdownNow();
    }

    @Test
    void declaresAUsableTypeAndConfigSpec() {
        AdapterFactory factory = factory();
        assertNotNull(factory.type(), "type()");
        assertTrue(
                TYPE_NAME.matcher(factory.type()).matches(),
                "type '" + factory.type() + "' must be lower-case letters, digits, '.', '_' or '-'");
        ConfigSpec spec = factory.configSpec();
        assertNotNull(spec, "configSpec()");
        spec.fields()
                .forEach(field -> assertFalse(field.description().isBlank(), field.name() + " lacks a description"));
        spec.validate(answering("hello").config());
        spec.validate(failing().config());
        spec.validate(hanging().config());
    }

    @Test
    void streamsTheAnswerAndEndsItOnce() throws Exception {
        String text = "The quick brown fox jumps over the lazy dog";
        ConformanceSink sink = call(answering(text), true, ConformanceSink.accepting());
        assertCompleted(sink);
        assertEquals(text, sink.content(), "streamed content");
    }

    @Test
    void answersTheSameWithAndWithoutStreaming() throws Exception {
        String text = "Grüße aus Köln: ein Satz mit Umlauten und 42 Zahlen";
        ConformanceSink streamed = call(answering(text), true, ConformanceSink.accepting());
        ConformanceSink whole = call(answering(text), false, ConformanceSink.accepting());
        assertCompleted(streamed);
        assertCompleted(whole);
        assertEquals(streamed.content(), whole.content(), "content with and without streaming");
        assertEquals(completion(streamed).reason(), completion(whole).reason(), "finish reason");
    }

    @Test
    void keepsConcurrentCallsApart() throws Exception {
        List<String> texts = List.of("alpha one", "bravo two", "charlie three", "delta four");
        List<Scenario> scenarios = texts.stream().map(this::answering).toList();
        ModelAdapter shared = adapter(scenarios.getFirst());
        List<Future<ConformanceSink>> running = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            // Calls whose config differs need their own adapter; most backends answer all on one.
            ModelAdapter adapter = scenario.config().equals(scenarios.getFirst().config()) ? shared : adapter(scenario);
            running.add(calls.submit(() -> run(adapter, scenario.request(), true, ConformanceSink.accepting())));
        }
        for (int i = 0; i < texts.size(); i++) {
            ConformanceSink sink = running.get(i).get(hangGuard().toMillis(), TimeUnit.MILLISECONDS);
            assertCompleted(sink);
            assertEquals(texts.get(i), sink.content(), "content of concurrent call " + i);
        }
    }

    @Test
    void reportsBackendFailuresAsAdapterErrors() throws Exception {
        ConformanceSink sink = call(failing(), true, ConformanceSink.accepting());
        assertEquals(List.of(), sink.violations(), "sink contract breaches");
        ConformanceSink.Ending ending =
                sink.ending().orElseThrow(() -> new AssertionError("the failing call never ended its answer"));
        ConformanceSink.Ending.Failed failed = assertInstanceOf(
                ConformanceSink.Ending.Failed.class, ending, "a failing backend must end the answer with an error");
        AdapterException error = failed.error();
        assertNotNull(error.kind(), "error kind");
        assertNotNull(error.getMessage(), "error message");
        assertFalse(error.getMessage().isBlank(), "error message");
        expectedFailureKind()
                .ifPresentOrElse(
                        kind -> assertEquals(kind, error.kind(), "error kind"),
                        () -> assertNotEquals(
                                ErrorKind.INTERNAL,
                                error.kind(),
                                "a backend failure is not an adapter bug: map it to a specific kind"));
    }

    @Test
    void stopsWorkingWhenTheCallIsCancelled() throws Exception {
        Scenario scenario = hanging();
        ModelAdapter adapter = adapter(scenario);
        ConformanceSink sink = ConformanceSink.accepting();
        Future<ConformanceSink> running = calls.submit(() -> run(adapter, scenario.request(), true, sink));
        // Give the adapter the chance to start its backend call; most register an abort action when they do.
        sink.awaitCancelHook(2_000);
        assertFalse(running.isDone(), "the hanging scenario ended by itself: " + sink.ending());
        sink.cancel();
        awaitReturn(running, "chat() did not return after the call was cancelled");
        assertEquals(List.of(), sink.violations(), "sink contract breaches");
        assertFalse(
                sink.ending().orElse(null) instanceof ConformanceSink.Ending.Completed,
                "a cancelled call must not report a completed answer");
    }

    @Test
    void stopsEmittingOnceTheClientIsGone() throws Exception {
        String text = "word ".repeat(4_000).strip();
        ConformanceSink sink = call(answering(text), true, ConformanceSink.leavingAtFirstChunk());
        assertEquals(List.of(), sink.violations(), "sink contract breaches");
        assertEquals(0, sink.chunksAfterCancel(), "chunks offered after emit() returned false");
    }

    @Test
    void saysSoWhenItCannotEmbed() {
        ModelAdapter adapter = adapter(answering("x"));
        EmbeddingRequest request = new EmbeddingRequest(
                answering("x").request().model(), List.of(new EmbeddingInput.Text("hello")), null, null, Map.of());
        try {
            EmbeddingResult result = adapter.embed(request, callContext());
            assertNotNull(result, "embed() returned null");
            assertEquals(1, result.vectors().size(), "one vector per input");
        } catch (AdapterException e) {
            assertNotEquals(ErrorKind.INTERNAL, e.kind(), "embed() failed as an adapter bug: " + e.getMessage());
        } catch (RuntimeException e) {
            fail("embed() must report an unsupported operation as AdapterException(UNSUPPORTED), not " + e, e);
        }
    }

    @Test
    void probesHealthAndClosesWithoutThrowing() {
        ModelAdapter adapter = adapter(answering("x"));
        Health health = adapter.health();
        assertNotNull(health, "health()");
        assertNotNull(health.status(), "health().status()");
        adapter.close();
        adapter.close();
    }

    /** Creates an adapter the way the host does: the config validated against the spec, a fresh context. */
    protected final ModelAdapter adapter(Scenario scenario) {
        AdapterFactory factory = factory();
        ProviderSettings settings = factory.configSpec().validate(scenario.config());
        ModelAdapter adapter = factory.create(new AdapterContext(
                "conformance",
                "conformance-" + factory.type(),
                settings,
                Clock.systemUTC(),
                System.getLogger("conformance." + factory.type())));
        adapters.add(adapter);
        return adapter;
    }

    /** Runs one call of a scenario on a fresh adapter and returns the sink once {@code chat} returned. */
    protected final ConformanceSink call(Scenario scenario, boolean stream, ConformanceSink sink) throws Exception {
        ModelAdapter adapter = adapter(scenario);
        Future<ConformanceSink> running = calls.submit(() -> run(adapter, scenario.request(), stream, sink));
        return awaitReturn(running, "chat() did not return");
    }

    private ConformanceSink run(ModelAdapter adapter, ChatRequest request, boolean stream, ConformanceSink sink) {
        try {
            adapter.chat(request.toBuilder().stream(stream).build(), callContext(), sink);
        } catch (AdapterException e) {
            sink.thrown(e);
        } catch (RuntimeException e) {
            sink.violation("chat() threw " + e + "; adapters report failures as AdapterException");
        }
        return sink;
    }

    private ConformanceSink awaitReturn(Future<ConformanceSink> running, String hangMessage) throws Exception {
        try {
            return running.get(hangGuard().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            throw new AssertionError(hangMessage + " within the hang guard of " + hangGuard(), e);
        } catch (ExecutionException e) {
            throw new AssertionError("the call failed unexpectedly", e.getCause());
        }
    }

    private CallContext callContext() {
        return new CallContext(
                "conformance-request", Clock.systemUTC().instant().plus(hangGuard()), "conformance");
    }

    private static void assertCompleted(ConformanceSink sink) {
        assertEquals(List.of(), sink.violations(), "sink contract breaches");
        completion(sink);
    }

    private static ConformanceSink.Ending.Completed completion(ConformanceSink sink) {
        ConformanceSink.Ending ending =
                sink.ending().orElseThrow(() -> new AssertionError("chat() returned without ending the answer"));
        if (ending instanceof ConformanceSink.Ending.Failed failed) {
            throw new AssertionError("the answer failed: " + failed.error().getMessage(), failed.error());
        }
        ConformanceSink.Ending.Completed completed = (ConformanceSink.Ending.Completed) ending;
        assertNotNull(completed.reason(), "finish reason");
        return completed;
    }
}
