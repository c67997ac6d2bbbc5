package ai.dyad.gateway.plugins.spawncli.run;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.plugins.spawncli.output.CliFailure;
import ai.dyad.gateway.plugins.spawncli.output.OutputFormat;
import ai.dyad.gateway.plugins.spawncli.process.Redactor;
import java.time.Duration;

/**
 * How a finished run ends the answer: complete with a finish reason and usage, or fail with an error the client
 * may see (secrets redacted). In order: a stop by the adapter decides; then a failure the CLI reported; then a
 * non-zero exit status; otherwise the answer is complete.
 */
public final class Verdict {

    /** The end of an answer. */
    public sealed interface Outcome {
        record Complete(FinishReason reason, Usage usage) implements Outcome {}

        record Fail(AdapterException error) implements Outcome {}
    }

    private final String command;
    private final OutputFormat format;
    private final Redactor redactor;

    /**
     * @param command the command as configured, for messages
     */
    public Verdict(String command, OutputFormat format, Redactor redactor) {
        this.command = command;
        this.format = format;
        this.redactor = redactor;
    }

    /**
     * @param timeout the run's time limit, for the message
     * @param estimatedPromptTokens used when the CLI reported no usage
     */
    public Outcome decide(RunResult run, Answer answer, Duration timeout, int estimatedPromptTokens) {
        Usage usage = answer.usageOr(estimatedPromptTokens);
        if (run.stopReason() != null) {
            return switch (run.stopReason()) {
                case LENGTH -> new Outcome.Complete(FinishReason.LENGTH, usage);
                case TIMEOUT ->
                    fail(
                            ErrorKind.TIMEOUT,
                            "timeout",
                            "command '" + command + "' did not finish within " + describe(timeout),
                            run);
                case CANCELLED, CLIENT_GONE ->
                    fail(
                            ErrorKind.TIMEOUT,
                            "cancelled",
                            "the call was cancelled and command '" + command + "' was stopped",
                            null);
                case CLOSED ->
                    fail(
                            ErrorKind.UNAVAILABLE,
                            "provider_closed",
                            "the provider was closed while command '" + command + "' ran",
                            null);
                case OUTPUT_FAILED ->
                    fail(
                            ErrorKind.UPSTREAM_ERROR,
                            "unreadable_output",
                            "could not read the output of command '" + command + "': " + run.outputError(),
                            run);
            };
        }
        CliFailure reported = answer.failure();
        if (reported != null) {
            return fail(reported.kind(), reported.code(), reported.message(), run);
        }
        if (run.exitStatus() != 0) {
            String status = "exit status " + run.exitStatus() + signalHint(run.exitStatus());
            return format.exitFailure(run.exitStatus())
                    .map(meaning -> fail(meaning.kind(), meaning.code(), meaning.message() + " (" + status + ")", run))
                    .orElseGet(() -> fail(
                            ErrorKind.UPSTREAM_ERROR,
                            "cli_error",
                            "command '" + command + "' failed with " + status,
                            run));
        }
        return new Outcome.Complete(answer.finishReason() == null ? FinishReason.STOP : answer.finishReason(), usage);
    }

    private Outcome fail(ErrorKind kind, String code, String message, RunResult run) {
        String stderr = run == null || run.stderrTail().isEmpty() ? "" : ": " + run.stderrTail();
        return new Outcome.Fail(new AdapterException(kind, redactor.redact(message + stderr), code, null, null, null));
    }

    private static String signalHint(int status) {
        return status > 128 && status < 160 ? ", killed by signal " + (status - 128) : "";
    }

    private static String describe(Duration timeout) {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? (millis / 1000) + " s" : millis + " ms";
    }
}
