package ai.dyad.gateway.plugins.spawncli.prompt;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What one call hands the CLI: its arguments and its standard input.
 *
 * @param args the expanded arguments, without the command
 * @param stdin the bytes written to standard input before it is closed; empty in {@code arg} mode
 */
public record Invocation(List<String> args, byte[] stdin) {

    /**
     * Linux refuses a single argument over 128 KiB ({@code MAX_ARG_STRLEN}); staying below it turns an obscure
     * start failure into a clear error about the request.
     */
    public static final int MAX_ARG_BYTES = 100_000;

    public Invocation {
        args = List.copyOf(args);
    }

    /**
     * @throws AdapterException INVALID_REQUEST when the model or prompt cannot travel as an argument
     */
    public static Invocation of(ArgTemplate template, InputMode input, String model, Prompt prompt) {
        if (model.startsWith("-")) {
            // A model id is passed as an argument and must never be read as a flag.
            throw invalid("model '" + model + "' is not a valid model id", "invalid_model", "model");
        }
        ArgTemplate effective = template;
        String promptValue = "";
        if (input == InputMode.ARG) {
            promptValue = prompt.body();
            if (!template.uses(ArgTemplate.PROMPT)) {
                effective = template.plus(List.of("{" + ArgTemplate.PROMPT + "}"));
            }
        }
        List<String> args = effective.expand(Map.of(
                ArgTemplate.MODEL, model,
                ArgTemplate.SYSTEM, prompt.system(),
                ArgTemplate.PROMPT, promptValue));
        for (String arg : args) {
            if (arg.indexOf('\0') >= 0) {
                throw invalid(
                        "the prompt contains a NUL character, which a process argument cannot hold",
                        "invalid_content",
                        "messages");
            }
            if (arg.getBytes(StandardCharsets.UTF_8).length > MAX_ARG_BYTES) {
                throw invalid(
                        "the prompt is too long to pass as a process argument (over " + MAX_ARG_BYTES + " bytes)",
                        "prompt_too_long",
                        "messages");
            }
        }
        byte[] stdin = input == InputMode.STDIN ? prompt.body().getBytes(StandardCharsets.UTF_8) : new byte[0];
        return new Invocation(args, stdin);
    }

    private static AdapterException invalid(String message, String code, String param) {
        return new AdapterException(ErrorKind.INVALID_REQUEST, message, code, param, null, null);
    }
}
