package ai.dyad.gateway.api.testkit.selftest;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;
import java.util.concurrent.CountDownLatch;

/**
 * An in-memory adapter that honours the SPI: it answers with the last message, word by word. Its {@code mode}
 * config makes it fail or hang, and its {@code flaw} config breaks one rule, so the kit's own tests can show
 * that each check passes a good adapter and fails a bad one.
 */
class ReferenceAdapter implements ModelAdapter {

    /** Rules the adapter can be told to break. */
    enum Flaw {
        NONE,
        NEVER_ENDS,
        EMITS_AFTER_END,
        THROWS_RAW_EXCEPTION,
        IGNORES_CANCEL,
        KEEPS_EMITTING
    }

    static final class Factory implements AdapterFactory {
        @Override
        public String type() {
            return "reference";
        }

        @Override
        public ConfigSpec configSpec() {
            return ConfigSpec.of(
                    ConfigField.string("mode", "answer, fail or hang")
                            .oneOf("answer", "fail", "hang")
                            .withDefault("answer"),
                    ConfigField.string("flaw", "a rule to break, for the kit's own tests")
                            .withDefault("NONE"));
        }

        @Override
        public ModelAdapter create(AdapterContext context) {
            return new ReferenceAdapter(
                    context.settings().string("mode").orElseThrow(),
                    Flaw.valueOf(context.settings().string("flaw").orElseThrow()));
        }
    }

    private final String mode;
    private final Flaw flaw;

    ReferenceAdapter(String mode, Flaw flaw) {
        this.mode = mode;
        this.flaw = flaw;
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        switch (mode) {
            case "fail" -> fail(sink);
            case "hang" -> hang(sink);
            default -> answer(request.messages().getLast().text(), sink);
        }
    }

    private void answer(String text, ChatSink sink) {
        int start = 0;
        while (start < text.length()) {
            int space = text.indexOf(' ', start);
            int end = space < 0 ? text.length() : space + 1;
            boolean accepted = sink.emit(ChatChunk.text(text.substring(start, end)));
            if (!accepted && flaw != Flaw.KEEPS_EMITTING) {
                return;
            }
            start = end;
        }
        if (flaw == Flaw.NEVER_ENDS) {
            return;
        }
        sink.complete(FinishReason.STOP, null);
        if (flaw == Flaw.EMITS_AFTER_END) {
            sink.emit(ChatChunk.text("late"));
        }
    }

    private void fail(ChatSink sink) {
        if (flaw == Flaw.THROWS_RAW_EXCEPTION) {
            throw new IllegalStateException("backend said no");
        }
        sink.fail(new AdapterException(ErrorKind.UNAVAILABLE, "the reference backend is down"));
    }

    private void hang(ChatSink sink) {
        CountDownLatch cancelled = new CountDownLatch(1);
        if (flaw != Flaw.IGNORES_CANCEL) {
            sink.onCancel(cancelled::countDown);
        }
        try {
            cancelled.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
