package ai.dyad.gateway.host.embeddings;

import static ai.dyad.gateway.host.http.JsonFields.absent;
import static ai.dyad.gateway.host.http.JsonFields.emptyArray;
import static ai.dyad.gateway.host.http.JsonFields.invalid;
import static ai.dyad.gateway.host.http.JsonFields.invalidType;
import static ai.dyad.gateway.host.http.JsonFields.missing;
import static ai.dyad.gateway.host.http.JsonFields.tooMany;

import ai.dyad.gateway.api.embeddings.EmbeddingInput;
import ai.dyad.gateway.api.embeddings.EmbeddingRequest;
import ai.dyad.gateway.host.http.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads and validates a {@code /v1/embeddings} body: {@code input} as a string, an array of strings, an array
 * of token ids or an array of token arrays; {@code encoding_format}; {@code dimensions}; {@code user}.
 * Unknown fields are kept in {@link EmbeddingRequest#extra()}.
 */
final class EmbeddingRequestParser {

    /** The request (its model still the client's name) and whether to answer in base64. */
    record Parsed(EmbeddingRequest request, boolean base64) {}

    /** OpenAI's limit on inputs per request. */
    static final int MAX_INPUTS = 2048;

    private static final Set<String> KNOWN = Set.of("model", "input", "encoding_format", "dimensions", "user");

    private final JsonFields fields;

    EmbeddingRequestParser(JsonFields fields) {
        this.fields = fields;
    }

    Parsed parse(JsonNode body) {
        String model = fields.requiredString(body, "model", "model");
        if (model.isBlank()) {
            throw invalid("model", "'model' must not be empty");
        }
        List<EmbeddingInput> inputs = inputs(body.get("input"));
        String format = fields.string(body, "encoding_format", "encoding_format");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw invalid("encoding_format", "'" + format + "' is not an encoding format; use 'float' or 'base64'");
        }
        EmbeddingRequest request = new EmbeddingRequest(
                model,
                inputs,
                fields.integer(body, "dimensions", "dimensions", 1, 65_536),
                fields.string(body, "user", "user"),
                fields.unknownFields(body, KNOWN));
        return new Parsed(request, "base64".equals(format));
    }

    private List<EmbeddingInput> inputs(JsonNode input) {
        if (absent(input)) {
            throw missing("input");
        }
        if (input.isTextual()) {
            return List.of(text(input, "input"));
        }
        if (!input.isArray()) {
            throw invalidType(
                    "input", "a string, an array of strings, an array of token ids or an array of token arrays");
        }
        if (input.isEmpty()) {
            throw emptyArray("input");
        }
        if (input.get(0).isIntegralNumber()) {
            return List.of(new EmbeddingInput.Tokens(tokens(input, "input")));
        }
        if (input.size() > MAX_INPUTS) {
            throw tooMany("input", MAX_INPUTS);
        }
        boolean texts = input.get(0).isTextual();
        List<EmbeddingInput> inputs = new ArrayList<>(input.size());
        for (int i = 0; i < input.size(); i++) {
            JsonNode item = input.get(i);
            String param = "input[" + i + "]";
            if (texts) {
                if (!item.isTextual()) {
                    throw invalidType(param, "a string, like the other inputs");
                }
                inputs.add(text(item, param));
            } else {
                if (!item.isArray()) {
                    throw invalidType(param, "an array of token ids");
                }
                inputs.add(new EmbeddingInput.Tokens(tokens(item, param)));
            }
        }
        return inputs;
    }

    private static EmbeddingInput text(JsonNode text, String param) {
        if (text.textValue().isEmpty()) {
            throw invalid(param, "'" + param + "' must not be an empty string");
        }
        return new EmbeddingInput.Text(text.textValue());
    }

    private static List<Integer> tokens(JsonNode array, String param) {
        if (array.isEmpty()) {
            throw emptyArray(param);
        }
        List<Integer> tokens = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode token = array.get(i);
            if (!token.isIntegralNumber() || !token.canConvertToInt() || token.intValue() < 0) {
                throw invalidType(param + "[" + i + "]", "a token id (a non-negative integer)");
            }
            tokens.add(token.intValue());
        }
        return tokens;
    }
}
