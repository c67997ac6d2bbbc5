package ai.dyad.gateway.plugins.httpsdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.config.ConfigField;
import ai.dyad.gateway.api.config.InvalidConfigException;
import ai.dyad.gateway.plugins.httpsdk.anthropic.AnthropicAdapter;
import ai.dyad.gateway.wire.openai.OpenAiCompatibleAdapter;
import ai.dyad.gateway.wire.testing.TestCalls;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpSdkFactoryTest {

    private final HttpSdkFactory factory = new HttpSdkFactory();

    @Test
    void declaresACompleteSpecWithTheKeyAsARequiredSecret() {
        assertThat(factory.type()).isEqualTo("http-sdk");
        assertThat(factory.configSpec().fields())
                .extracting(ConfigField::name)
                .containsExactly(
                        "vendor",
                        "baseUrl",
                        "apiKey",
                        "anthropicVersion",
                        "defaultMaxTokens",
                        "maxTokensField",
                        "includeUsage",
                        "discoverModels",
                        "timeoutMs",
                        "connectTimeoutMs",
                        "headers");
        ConfigField apiKey = field("apiKey");
        assertThat(apiKey.required()).isTrue();
        assertThat(apiKey.secret()).isTrue();
        assertThat(field("headers").secret()).isTrue();
        assertThat(field("vendor").allowedValues()).containsExactly("openai", "anthropic");
        assertThat(factory.configSpec().fields())
                .allSatisfy(f -> assertThat(f.description()).isNotBlank());
    }

    @Test
    void neverShowsTheKeyInTheSettings() {
        var settings = factory.configSpec().validate(Map.of("apiKey", "sk-live-secret"));
        assertThat(settings.toString()).doesNotContain("sk-live-secret");
        assertThat(settings.integer("defaultMaxTokens")).contains(4096L);
        assertThat(settings.string("vendor")).contains("openai");
    }

    @Test
    void refusesAConfigWithoutKeyOrWithAnUnknownVendor() {
        assertThatThrownBy(() -> factory.configSpec().validate(Map.of()))
                .isInstanceOfSatisfying(
                        InvalidConfigException.class, e -> assertThat(e.field()).isEqualTo("apiKey"));
        assertThatThrownBy(() -> factory.configSpec().validate(Map.of("apiKey", "k", "vendor", "gemini")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void createsTheAdapterOfTheVendor() {
        try (var openai = TestCalls.create(factory, Map.of("apiKey", "k"));
                var anthropic = TestCalls.create(factory, Map.of("apiKey", "k", "vendor", "anthropic"))) {
            assertThat(openai).isInstanceOf(OpenAiCompatibleAdapter.class);
            assertThat(anthropic).isInstanceOf(AnthropicAdapter.class);
        }
    }

    @Test
    void refusesSettingsThatMakeNoSense() {
        assertThatThrownBy(() -> TestCalls.create(factory, Map.of("apiKey", "k", "baseUrl", "ftp://x")))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_REQUEST));
        assertThatThrownBy(() -> TestCalls.create(factory, Map.of("apiKey", "k", "timeoutMs", 0)))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.param()).contains("timeoutMs"));
        assertThatThrownBy(() ->
                        TestCalls.create(factory, Map.of("apiKey", "k", "vendor", "anthropic", "defaultMaxTokens", -1)))
                .isInstanceOfSatisfying(
                        AdapterException.class, e -> assertThat(e.param()).contains("defaultMaxTokens"));
    }

    private ConfigField field(String name) {
        return factory.configSpec().fields().stream()
                .filter(f -> f.name().equals(name))
                .findFirst()
                .orElseThrow();
    }
}
