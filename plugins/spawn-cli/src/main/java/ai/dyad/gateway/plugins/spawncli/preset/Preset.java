package ai.dyad.gateway.plugins.spawncli.preset;

import ai.dyad.gateway.plugins.spawncli.output.OutputFormat;
import ai.dyad.gateway.plugins.spawncli.prompt.InputMode;
import java.util.List;
import java.util.Map;

/**
 * A known CLI's non-interactive setup: the defaults behind the {@code preset} config key.
 *
 * @param args the argument template, in the {@code args} config key's syntax
 * @param env variables every run of this CLI needs; the provider's {@code env} adds to and overrides them
 * @param healthArgs the arguments of a cheap probe that starts the CLI without calling a model
 */
public record Preset(
        String name,
        String command,
        List<String> args,
        InputMode input,
        OutputFormat output,
        Map<String, String> env,
        List<String> healthArgs) {

    public Preset {
        args = List.copyOf(args);
        env = Map.copyOf(env);
        healthArgs = List.copyOf(healthArgs);
    }
}
