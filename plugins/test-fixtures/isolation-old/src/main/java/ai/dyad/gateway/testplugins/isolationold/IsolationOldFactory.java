package ai.dyad.gateway.testplugins.isolationold;

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
import org.pf4j.Extension;

/**
 * Answers with what it sees of its class path. Uses {@code CharMatcher.WHITESPACE}, a field Guava removed in
 * 26: under the host's or another plugin's newer Guava this would fail with NoSuchFieldError.
 */
@Extension
public class IsolationOldFactory implements AdapterFactory {

    @Override
    public String type() {
        return "isolation-old";
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
                String collapsed = CharMatcher.WHITESPACE.collapseFrom(prompt, ' ');
                sink.emit(ChatChunk.text(
                        Probe.report(CharMatcher.class, IsolationOldFactory.class) + "; collapsed=" + collapsed));
                sink.complete(FinishReason.STOP, null);
            }
        };
    }
}
