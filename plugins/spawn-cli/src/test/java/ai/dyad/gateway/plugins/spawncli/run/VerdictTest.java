package ai.dyad.gateway.plugins.spawncli.run;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.plugins.spawncli.RecordingSinkAccess;
import ai.dyad.gateway.plugins.spawncli.output.CliFailure;
import ai.dyad.gateway.plugins.spawncli.output.OutputFormat;
import ai.dyad.gateway.plugins.spawncli.process.Redactor;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which end an answer gets, in order of precedence: the adapter's stop, the CLI's report, the exit status. */
class VerdictTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final Verdict verdict =
            new Verdict("claude", OutputFormat.GEMINI_STREAM_JSON, new Redactor(List.of("hunter22")));

    @Test
    void aStopByTheAdapterDecidesFirst() {
        Answer answer = answer();
        answer.failure(new CliFailure(ErrorKind.UNAUTHORIZED, "cli_error", "nope"));

        assertThat(decide(new RunResult(143, StopReason.LENGTH, "", null), answer))
                .isInstanceOfSatisfying(Verdict.Outcome.Complete.class, complete -> assertThat(complete.reason())
                        .isEqualTo(FinishReason.LENGTH));
        assertThat(failure(new RunResult(143, StopReason.TIMEOUT, "", null), answer)
                        .kind())
                .isEqualTo(ErrorKind.TIMEOUT);
        assertThat(failure(new RunResult(143, StopReason.CLIENT_GONE, "", null), answer)
                        .code())
                .contains("cancelled");
    }

    @Test
    void aFailureTheCliReportedBeatsItsExitStatus() {
        Answer answer = answer();
        answer.failure(new CliFailure(ErrorKind.UNAUTHORIZED, "cli_error", "bad key hunter22"));

        var error = failure(new RunResult(1, null, "stderr says hunter22", null), answer);

        assertThat(error.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
        assertThat(error.getMessage()).isEqualTo("bad key ****: stderr says ****");
    }

    @Test
    void anExitStatusUsesTheFormatsDocumentedMeaning() {
        var error = failure(new RunResult(42, null, "", null), answer());

        assertThat(error.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
        assertThat(error.getMessage()).endsWith("(exit status 42)");
    }

    @Test
    void anExitBySignalSaysWhichSignal() {
        var error = failure(new RunResult(137, null, "", null), answer());

        assertThat(error.getMessage()).isEqualTo("command 'claude' failed with exit status 137, killed by signal 9");
    }

    @Test
    void aCleanExitCompletesWithReportedOrEstimatedUsage() {
        Answer reported = answer();
        reported.usage(Usage.of(10, 8), 0.01);
        reported.finish(FinishReason.CONTENT_FILTER);
        Answer estimated = answer();
        estimated.text("twelve chars");

        assertThat(decide(new RunResult(0, null, "", null), reported))
                .isEqualTo(new Verdict.Outcome.Complete(FinishReason.CONTENT_FILTER, Usage.of(10, 8)));
        assertThat(decide(new RunResult(0, null, "", null), estimated))
                .isEqualTo(new Verdict.Outcome.Complete(FinishReason.STOP, Usage.of(7, 3)));
    }

    private Verdict.Outcome decide(RunResult run, Answer answer) {
        return verdict.decide(run, answer, TIMEOUT, 7);
    }

    private ai.dyad.gateway.api.AdapterException failure(RunResult run, Answer answer) {
        return ((Verdict.Outcome.Fail) decide(run, answer)).error();
    }

    private static Answer answer() {
        return new Answer(new OnceSink(RecordingSinkAccess.newSink()), System.getLogger("test"));
    }
}
