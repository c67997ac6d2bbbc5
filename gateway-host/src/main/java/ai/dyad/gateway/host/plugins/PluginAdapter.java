package ai.dyad.gateway.host.plugins;

import ai.dyad.gateway.api.CallContext;
import ai.dyad.gateway.api.Capabilities;
import ai.dyad.gateway.api.ChatSink;
import ai.dyad.gateway.api.Health;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.chat.ChatRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.api.embeddings.EmbeddingResult;
import ai.dyad.gateway.api.models.ModelInfo;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A plugin's adapter as the host holds it: every call runs with the plugin's class loader as context loader,
 * and closing it releases the plugin version it came from. Delegates every {@link ModelAdapter} method,
 * including default ones, so a new SPI method must be added here too.
 */
final class PluginAdapter implements ModelAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(PluginAdapter.class);

    private final ModelAdapter adapter;
    private final LoadedPlugin plugin;
    private final AtomicBoolean closed = new AtomicBoolean();

    PluginAdapter(ModelAdapter adapter, LoadedPlugin plugin) {
        this.adapter = adapter;
        this.plugin = plugin;
    }

    @Override
    public List<ModelInfo> models() {
        return plugin.call(adapter::models);
    }

    @Override
    public void chat(ChatRequest request, CallContext call, ChatSink sink) {
        plugin.call(() -> {
            adapter.chat(request, call, sink);
            return null;
        });
    }

    @Override
    public EmbeddingResult embed(EmbeddingRequest request, CallContext call) {
        return plugin.call(() -> adapter.embed(request, call));
    }

    // Every SPI method must be delegated, default methods included: a default left out here would silently
    // report the API's fallback instead of the plugin's answer.
    @Override
    public Capabilities capabilities() {
        return plugin.call(adapter::capabilities);
    }

    @Override
    public Health health() {
        return plugin.call(adapter::health);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            plugin.call(() -> {
                adapter.close();
                return null;
            });
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("an adapter of plugin {} failed to close: {}", plugin.jar().id(), LoadedPlugin.describe(e));
        } finally {
            plugin.release();
        }
    }
}
