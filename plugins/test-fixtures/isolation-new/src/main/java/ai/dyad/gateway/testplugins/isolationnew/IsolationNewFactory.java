package ai.dyad.gateway.testplugins.isolationnew;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.config.ConfigSpec;
import com.google.common.base.CharMatcher;
import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import java.util.List;
import org.pf4j.Extension;

/**
 * Answers with what it sees of its class path. Uses {@code ImmutableList.toImmutableList()} and
 * {@code CharMatcher.whitespace()}, which Guava 19 lacks: under an older Guava this would fail with
 * NoSuchMethodError.
 */
@Extension
public class IsolationNewFactory implements AdapterFactory {

    @Override
    public String type() {
        return "isolation-new";
    }

    @Override
    public ConfigSpec configSpec() {
        return ConfigSpec.of();
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        return new ModelAdapter() {
            @Override
            public void chat(ChatRequest request, CallContext call, ChatSink sink) {
                String prompt = request.messages().getLast().text();
                List<String> words = Splitter.on(CharMatcher.whitespace())
                        .omitEmptyStrings()
                        .splitToStream(prompt)
                        .collect(ImmutableList.toImmutableList());
                sink.emit(ChatChunk.text(Probe.report(CharMatcher.class, IsolationNewFactory.class) + "; collapsed="
                        + String.join(" ", words)));
                sink.complete(FinishReason.STOP, null);
            }
        };
    }
}
