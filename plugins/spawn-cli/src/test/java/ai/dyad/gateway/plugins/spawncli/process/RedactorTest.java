package ai.dyad.gateway.plugins.spawncli.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void masksEverySecretLongestFirst() {
        Redactor redactor = new Redactor(List.of("sk-abc", "sk-abcdef", "1"));

        assertThat(redactor.redact("keys sk-abcdef and sk-abc, retry 1 time"))
                .isEqualTo("keys **** and ****, retry 1 time");
    }

    @Test
    void leavesShortValuesAlone() {
        assertThat(new Redactor(List.of("on", "1")).redact("on 1")).isEqualTo("on 1");
    }
}
