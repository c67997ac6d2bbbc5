package ai.dyad.gateway.host.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AllowedModelsTest {

    @ParameterizedTest
    @CsvSource({
        "gpt-4o, gpt-4o, true",
        "gpt-4o, gpt-4o-mini, false",
        "gpt-*, gpt-4o-mini, true",
        "gpt-*, gpt-, true",
        "gpt-*, claude-3, false",
        "*, anything/at:all, true",
        "anthropic/*, anthropic/claude-sonnet, true",
        "anthropic/*, openai/gpt-4o, false",
        "*-mini, gpt-4o-mini, true",
        "*-mini, gpt-4o-mini-2, false",
        "gpt-*-mini, gpt-4o-mini, true",
        "gpt-*-mini, gpt-mini, false",
        "a*b*c, abc, true",
        "a*b*c, aXbYc, true",
        "a*b*c, acb, false"
    })
    void matchesExactIdsAndStarPatterns(String pattern, String model, boolean expected) {
        assertThat(AllowedModels.permits(List.of(pattern), model)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"echo", "gpt-4o", "x"})
    void anEmptyListAllowsEveryModel(String model) {
        assertThat(AllowedModels.permits(List.of(), model)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"echo, true", "gpt-4o, true", "claude, false"})
    void anyPatternOfTheListIsEnough(String model, boolean expected) {
        assertThat(AllowedModels.permits(List.of("echo", "gpt-*"), model)).isEqualTo(expected);
    }
}
