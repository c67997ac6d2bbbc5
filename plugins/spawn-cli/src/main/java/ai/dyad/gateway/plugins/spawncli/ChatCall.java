package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.tokens.TokenEstimator;
import ai.dyad.gateway.plugins.spawncli.config.SpawnSettings;
import ai.dyad.gateway.plugins.spawncli.process.ChildEnvironment;
import ai.dyad.gateway.plugins.spawncli.process.CommandResolver;
import ai.dyad.gateway.plugins.spawncli.process.ConcurrencyGate;
import ai.dyad.gateway.plugins.spawncli.prompt.ArgTemplate;
import ai.dyad.gateway.plugins.spawncli.prompt.Invocation;
import ai.dyad.gateway.plugins.spawncli.prompt.Prompt;
import ai.dyad.gateway.plugins.spawncli.prompt.PromptRenderer;
import ai.dyad.gateway.plugins.spawncli.prompt.RequestSupport;
import ai.dyad.gateway.plugins.spawncli.run.Answer;
import ai.dyad.gateway.plugins.spawncli.run.Cancellation;
import ai.dyad.gateway.plugins.spawncli.run.CliRun;
import ai.dyad.gateway.plugins.spawncli.run.OnceSink;
import ai.dyad.gateway.plugins.spawncli.run.RunResult;
import ai.dyad.gateway.plugins.spawncli.run.StopReason;
import ai.dyad.gateway.plugins.spawncli.run.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One chat call, in the order it happens: check and render the request, find the program, wait for a process slot,
 * run the CLI while streaming its answer, then end the answer from how the run ended.
 */
final class ChatCall {

    private final SpawnCliAdapter adapter;
    private final SpawnSettings settings;
    private final ChatRequest request;
    private final CallContext call;
    private final ChatSink sink;
    private final OnceSink answerSink;

    ChatCall(SpawnCliAdapter adapter, ChatRequest request, CallContext call, ChatSink sink) {
        this.adapter = adapter;
        this.settings = adapter.settings();
        this.request = request;
        this.call = call;
        this.sink = sink;
        this.answerSink = new OnceSink(sink);
    }

    /** Runs the call; always ends the answer exactly once, never throws. */
    void run() {
        try {
            execute();
        } catch (AdapterException e) {
            answerSink.fail(e);
        } catch (RuntimeException e) {
            // A bug of ours must still end the answer, or the client would wait for nothing.
            adapter.logger().log(System.Logger.Level.ERROR, "spawn-cli call " + call.requestId() + " failed", e);
            answerSink.fail(new AdapterException(
                    ErrorKind.INTERNAL, "the spawn-cli adapter failed unexpectedly", "internal_error", null, null, e));
        }
    }

    private void execute() {
        RequestSupport.check(request);
        Prompt prompt =
                PromptRenderer.render(request.messages(), settings.args().uses(ArgTemplate.SYSTEM));
        Invocation invocation = Invocation.of(settings.args(), settings.input(), request.model(), prompt);
        Map<String, String> environment =
                ChildEnvironment.build(adapter.parentEnvironment(), settings.inheritEnv(), settings.env());
        Path executable = CommandResolver.resolve(settings.command(), environment, settings.workingDirectory());

        Cancellation cancellation = new Cancellation();
        sink.onCancel(cancellation::fire);
        ConcurrencyGate gate = adapter.gate();
        cancellation.onFire(gate::wakeAll);
        ConcurrencyGate.Permit permit = gate.acquire(remaining(), cancellation::isFired);
        try {
            runProcess(executable, invocation, environment, cancellation);
        } finally {
            permit.close();
        }
    }

    private void runProcess(
            Path executable, Invocation invocation, Map<String, String> environment, Cancellation cancellation) {
        if (cancellation.isFired()) {
            // Cancelled before a slot was needed (the gate grants a free one without waiting): start nothing.
            throw new AdapterException(
                    ErrorKind.TIMEOUT,
                    "the call was cancelled before the command started",
                    "cancelled",
                    null,
                    null,
                    null);
        }
        Duration timeout = min(settings.timeout(), remaining());
        if (timeout.isZero()) {
            throw new AdapterException(
                    ErrorKind.TIMEOUT,
                    "the call's deadline passed before the command started",
                    "timeout",
                    null,
                    null,
                    null);
        }
        CliRun run = CliRun.start(
                executable,
                invocation.args(),
                environment,
                settings.workingDirectory(),
                adapter.threads(),
                SpawnCliAdapter.KILL_GRACE);
        adapter.track(run);
        try {
            cancellation.onFire(() -> run.stop(StopReason.CANCELLED));
            streamAnswer(run, invocation, timeout);
        } finally {
            adapter.untrack(run);
        }
    }

    private void streamAnswer(CliRun run, Invocation invocation, Duration timeout) {
        Answer answer = new Answer(answerSink, adapter.logger());
        RunResult result = run.await(
                invocation.stdin(),
                settings.output().decoder(answer),
                answerSink::clientGone,
                settings.maxOutputBytes(),
                timeout);
        Verdict.Outcome outcome =
                adapter.verdict().decide(result, answer, timeout, TokenEstimator.estimate(request.messages()));
        switch (outcome) {
            case Verdict.Outcome.Complete complete -> {
                adapter.logger()
                        .log(
                                System.Logger.Level.DEBUG,
                                () -> "call " + call.requestId() + " finished ("
                                        + complete.reason().wireName() + ", " + complete.usage() + ", cost "
                                        + answer.costUsd() + " USD)");
                answerSink.complete(complete.reason(), complete.usage());
            }
            case Verdict.Outcome.Fail fail -> answerSink.fail(fail.error());
        }
    }

    private Duration remaining() {
        return call.remaining(adapter.clock().instant());
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
