package ai.dyad.gateway.wire.testing;

import static org.assertj.core.api.Assertions.assertThat;

import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Comparator;

/** Compares JSON trees the way JSON means them: member order and number representation do not matter. */
public final class JsonAssertions {

    private static final Comparator<JsonNode> BY_VALUE = (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
    };

    private JsonAssertions() {}

    public static void assertSameJson(JsonNode expected, JsonNode actual) {
        if (!expected.equals(BY_VALUE, actual)) {
            assertThat(Json.text(actual)).isEqualTo(Json.text(expected)); // fails, showing both
        }
    }
}
