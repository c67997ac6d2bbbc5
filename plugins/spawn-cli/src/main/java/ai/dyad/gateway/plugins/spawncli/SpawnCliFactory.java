package ai.dyad.gateway.plugins.spawncli;

import ai.dyad.gateway.api.AdapterContext;
import ai.dyad.gateway.api.AdapterFactory;
import ai.dyad.gateway.api.ModelAdapter;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.ConfigSpec;
import org.pf4j.Extension;

/** The {@code spawn-cli} adapter type: one child process per request, its stdout as the answer. */
@Extension
public class SpawnCliFactory implements AdapterFactory {

    static final ConfigSpec SPEC = ConfigSpec.of(
            ConfigField.string("command", "The program to run, looked up on PATH; never run through a shell")
                    .asRequired(),
            ConfigField.stringList("args", "Arguments, each passed as one argument"),
            ConfigField.string("workingDirectory", "The directory the program runs in"),
            ConfigField.stringMap("env", "Environment variables added for the program"),
            ConfigField.stringList("inheritEnv", "Gateway environment variables the program may see")
                    .withDefault(java.util.List.of("PATH", "HOME", "LANG")));

    @Override
    public String type() {
        return "spawn-cli";
    }

    @Override
    public ConfigSpec configSpec() {
        return SPEC;
    }

    @Override
    public ModelAdapter create(AdapterContext context) {
        return new SpawnCliAdapter(CommandSpec.from(context.settings()));
    }
}
