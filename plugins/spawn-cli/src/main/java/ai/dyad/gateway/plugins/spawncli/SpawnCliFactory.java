package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigSpec;
import ai.dyad.gateway.plugins.spawncli.config.SpawnConfigSpec;
import ai.dyad.gateway.plugins.spawncli.config.SpawnSettings;
import java.util.Map;
import org.pf4j.Extension;

/**
 * The {@code spawn-cli} adapter type: one child process per request (Claude Code, Gemini CLI, Codex, Ollama, llm
 * or any program), its output streamed back as OpenAI chunks.
 */
@Extension
public class SpawnCliFactory implements AdapterFactory {

    private final Map<String, String> parentEnvironment;

    /** The factory PF4J creates: children inherit (the allowed part of) the gateway's real environment. */
    public SpawnCliFactory() {
        this(System.getenv());
    }

    /** A factory with a given parent environment; for tests. */
    SpawnCliFactory(Map<String, String> parentEnvironment) {
        this.parentEnvironment = Map.copyOf(parentEnvironment);
    }

    @Override
    public String type() {
        return "spawn-cli";
    }

    @Override
    public ConfigSpec configSpec() {
        return SpawnConfigSpec.SPEC;
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        return new SpawnCliAdapter(
                context.providerName(),
                SpawnSettings.from(context.settings()),
                parentEnvironment,
                context.clock(),
                context.logger());
    }
}
