package ai.dyad.gateway.plugins.spawncli.output.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonParserTest {

    @Test
    void readsEveryKindOfValue() {
        Object value = JsonParser.parse(
                " {\"s\":\"x\",\"i\":-12,\"big\":12345678901234567890,\"f\":1.5e2,\"t\":true,\"n\":null,"
                        + "\"a\":[1,{\"b\":false}],\"o\":{}} ");

        assertThat(value)
                .isEqualTo(
                        new java.util.LinkedHashMap<>(Map.of(
                                "s",
                                "x",
                                "i",
                                -12L,
                                "big",
                                1.2345678901234567e19,
                                "f",
                                150.0,
                                "t",
                                true,
                                "a",
                                List.of(1L, Map.of("b", false)),
                                "o",
                                Map.of())) {
                            {
                                put("n", null);
                            }
                        });
    }

    @Test
    void decodesEscapesAndSurrogatePairs() {
        assertThat(JsonParser.parse("\"a\\\"b\\\\c\\/d\\n\\t\\u00e9\\ud83d\\ude00\""))
                .isEqualTo("a\"b\\c/d\n\té😀");
    }

    @Test
    void objectAccessIsNullSafe() {
        JsonObject event = JsonParser.parseObject("{\"a\":{\"b\":\"c\",\"n\":3,\"d\":2.0},\"l\":[{\"x\":1},2]}");

        assertThat(event.object("a").string("b")).isEqualTo("c");
        assertThat(event.object("a").integer("n")).isEqualTo(3L);
        assertThat(event.object("a").integer("d")).isEqualTo(2L);
        assertThat(event.object("missing").object("deeper").string("b")).isNull();
        assertThat(event.object("a").string("n")).isNull();
        assertThat(event.objects("l")).hasSize(1);
        assertThat(event.objects("a")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{\"a\":}", "[1,]", "\"open", "01", "1.", "tru", "{} x", "\"\u0001\"", "\"\\x\""})
    void refusesMalformedInput(String text) {
        assertThatThrownBy(() -> JsonParser.parse(text)).isInstanceOf(JsonException.class);
    }

    @Test
    void refusesDeepNestingInsteadOfOverflowingTheStack() {
        assertThatThrownBy(() -> JsonParser.parse("[".repeat(100_000))).isInstanceOf(JsonException.class);
    }

    @Test
    void parseObjectRefusesOtherValues() {
        assertThatThrownBy(() -> JsonParser.parseObject("[1]")).isInstanceOf(JsonException.class);
    }
}
