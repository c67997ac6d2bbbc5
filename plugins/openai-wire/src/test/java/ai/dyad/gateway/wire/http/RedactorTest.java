package ai.dyad.gateway.wire.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void removesTheProvidersSecretsAndKeyShapedWords() {
        Redactor redactor = Redactor.of("s3cr3t-token", null, "");
        assertThat(redactor.redact("bad token s3cr3t-token and sk-ant-api03-AbC_d-12 here"))
                .isEqualTo("bad token [redacted] and [redacted] here");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        assertThat(Redactor.of("k").redact(null)).isNull();
        assertThat(Redactor.of().redact("task-based risk-free")).isEqualTo("task-based risk-free");
    }
}
