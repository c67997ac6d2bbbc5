package ai.dyad.gateway.plugins.spawncli.run;

import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.tokens.TokenEstimator;
import ai.dyad.gateway.plugins.spawncli.output.CliFailure;
import ai.dyad.gateway.plugins.spawncli.output.OutputListener;

/**
 * One call's answer as the decoder finds it: text and reasoning go to the client at once, the rest (usage, finish
 * reason, a reported failure) is kept for the verdict. Written by the stdout reader, read by the call's thread.
 */
public final class Answer implements OutputListener {

    private final OnceSink sink;
    private final System.Logger logger;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder reasoning = new StringBuilder();
    private Usage usage;
    private Double costUsd;
    private FinishReason finishReason;
    private CliFailure failure;

    public Answer(OnceSink sink, System.Logger logger) {
        this.sink = sink;
        this.logger = logger;
    }

    @Override
    public void text(String piece) {
        synchronized (this) {
            text.append(piece);
        }
        sink.emit(ChatChunk.text(piece));
    }

    @Override
    public void reasoning(String piece) {
        synchronized (this) {
            reasoning.append(piece);
        }
        sink.emit(ChatChunk.reasoning(piece));
    }

    @Override
    public synchronized void usage(Usage reported, Double cost) {
        usage = reported;
        costUsd = cost;
    }

    @Override
    public synchronized void finish(FinishReason reason) {
        finishReason = reason;
    }

    @Override
    public synchronized void failure(CliFailure reported) {
        // The first failure is the cause; later ones are usually its echoes.
        if (failure == null) {
            failure = reported;
        }
    }

    @Override
    public void warning(String message) {
        logger.log(System.Logger.Level.DEBUG, message);
    }

    /** The usage the CLI reported, or else an estimate from the prompt's and the answer's length. */
    public synchronized Usage usageOr(int estimatedPromptTokens) {
        if (usage != null) {
            return usage;
        }
        int answerTokens = TokenEstimator.estimate(text.toString());
        int reasoningTokens = TokenEstimator.estimate(reasoning.toString());
        return new Usage(estimatedPromptTokens, answerTokens + reasoningTokens, 0, reasoningTokens);
    }

    /** The cost the CLI reported; nullable. */
    public synchronized Double costUsd() {
        return costUsd;
    }

    /** The finish reason the CLI reported; nullable. */
    public synchronized FinishReason finishReason() {
        return finishReason;
    }

    /** The failure the CLI reported; nullable. */
    public synchronized CliFailure failure() {
        return failure;
    }
}
