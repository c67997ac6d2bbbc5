package ai.dyad.gateway.host.testing.vault;

import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatChunk;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.chat.FinishReason;
import ai.dyad.gateway.api.chat.Usage;
import ai.dyad.gateway.api.config.ProviderSettings;
import java.util.TreeMap;

/** Answers every chat with the settings it holds, secrets in clear: a window into what the host handed over. */
final class VaultAdapter implements ModelAdapter {

    private final ProviderSettings settings;

    VaultAdapter(ProviderSettings settings) {
        this.settings = settings;
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        sink.emit(ChatChunk.text("apiKey=" + settings.string("apiKey").orElse("")
                + " headers=" + new TreeMap<>(settings.stringMap("headers"))
                + " region=" + settings.string("region").orElse("")));
        sink.complete(FinishReason.STOP, Usage.of(1, 1));
    }
}
