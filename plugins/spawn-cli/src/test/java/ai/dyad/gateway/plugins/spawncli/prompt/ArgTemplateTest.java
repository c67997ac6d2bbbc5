package ai.dyad.gateway.plugins.spawncli.prompt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ArgTemplateTest {

    @Test
    void placeholdersExpandIntoWholeArguments() {
        ArgTemplate template = ArgTemplate.of(List.of("-m", "{model}", "--system={system}", "{prompt}"));

        List<String> args = template.expand(Map.of(
                "model", "llama3.2",
                "system", "be terse; rm -rf ~",
                "prompt", "two words\nand a line"));

        assertThat(args).containsExactly("-m", "llama3.2", "--system=be terse; rm -rf ~", "two words\nand a line");
    }

    @Test
    void valuesAreNotScannedForPlaceholdersAgain() {
        ArgTemplate template = ArgTemplate.of(List.of("{prompt}", "{system}"));

        assertThat(template.expand(Map.of("prompt", "say {system} and $1 \\1", "system", "S")))
                .containsExactly("say {system} and $1 \\1", "S");
    }

    @Test
    void anEmptyPlaceholderDropsItsArgumentAndTheFlagBeforeIt() {
        ArgTemplate template = ArgTemplate.of(List.of("-p", "--model", "{model}", "-s", "{system}", "--json"));

        assertThat(template.expand(Map.of("model", "m", "system", ""))).containsExactly("-p", "--model", "m", "--json");
    }

    @Test
    void anEmptyPlaceholderInsideAnArgumentDropsOnlyThatArgument() {
        ArgTemplate template = ArgTemplate.of(List.of("--verbose", "--system={system}"));

        assertThat(template.expand(Map.of())).containsExactly("--verbose");
    }

    @Test
    void aPlaceholderAfterANonFlagKeepsThatArgument() {
        ArgTemplate template = ArgTemplate.of(List.of("run", "{system}", "--tools", ""));

        assertThat(template.expand(Map.of())).containsExactly("run", "--tools", "");
    }

    @Test
    void refusesUnknownPlaceholders() {
        assertThatThrownBy(() -> ArgTemplate.of(List.of("--model", "{modle}")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{modle}");
    }

    @Test
    void bracesThatAreNotPlaceholdersStayLiteral() {
        ArgTemplate template = ArgTemplate.of(List.of("-c", "{\"a\": 1}", "{}"));

        assertThat(template.expand(Map.of())).containsExactly("-c", "{\"a\": 1}", "{}");
        assertThat(template.uses("model")).isFalse();
    }
}
