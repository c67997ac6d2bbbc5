package ai.dyad.gateway.plugins.spawncli.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvocationTest {

    private static final ArgTemplate TEMPLATE = ArgTemplate.of(List.of("--model", "{model}", "-s", "{system}"));

    @Test
    void stdinModeSendsThePromptOnStdinOnly() {
        Invocation invocation = Invocation.of(TEMPLATE, InputMode.STDIN, "m1", new Prompt("sys", "héllo"));

        assertThat(invocation.args()).containsExactly("--model", "m1", "-s", "sys");
        assertThat(new String(invocation.stdin(), StandardCharsets.UTF_8)).isEqualTo("héllo");
    }

    @Test
    void argModeAppendsThePromptWhenArgsHaveNoSlot() {
        Invocation invocation = Invocation.of(TEMPLATE, InputMode.ARG, "m1", new Prompt("", "-rf hello"));

        assertThat(invocation.args()).containsExactly("--model", "m1", "-rf hello");
        assertThat(invocation.stdin()).isEmpty();
    }

    @Test
    void argModeUsesThePromptSlot() {
        ArgTemplate template = ArgTemplate.of(List.of("--prompt={prompt}", "-m", "{model}"));

        Invocation invocation = Invocation.of(template, InputMode.ARG, "m1", new Prompt("", "hi"));

        assertThat(invocation.args()).containsExactly("--prompt=hi", "-m", "m1");
    }

    @Test
    void refusesAModelThatLooksLikeAFlag() {
        assertThatThrownBy(() -> Invocation.of(TEMPLATE, InputMode.STDIN, "--help", new Prompt("", "x")))
                .isInstanceOfSatisfying(AdapterException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST);
                    assertThat(e.param()).contains("model");
                });
    }

    @Test
    void refusesAnArgumentPromptOverTheLimit() {
        String big = "x".repeat(Invocation.MAX_ARG_BYTES + 1);

        assertThatThrownBy(() -> Invocation.of(TEMPLATE, InputMode.ARG, "m", new Prompt("", big)))
                .isInstanceOfSatisfying(AdapterException.class, e -> {
                    assertThat(e.code()).contains("prompt_too_long");
                    assertThat(e.param()).contains("messages");
                });
        // The same prompt is fine on stdin.
        assertThat(Invocation.of(TEMPLATE, InputMode.STDIN, "m", new Prompt("", big))
                        .stdin())
                .hasSize(big.length());
    }

    @Test
    void refusesANulCharacterInAnArgument() {
        assertThatThrownBy(() -> Invocation.of(TEMPLATE, InputMode.ARG, "m", new Prompt("", "a\0b")))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
    }
}
