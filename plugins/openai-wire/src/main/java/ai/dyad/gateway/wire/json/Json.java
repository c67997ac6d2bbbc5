package ai.dyad.gateway.wire.json;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one Jackson configuration of the wire codecs, and the conversions between JSON trees and the plain
 * Java values ({@code Map}, {@code List}, …) that the adapter API carries for free-form JSON.
 */
public final class Json {

    /**
     * Configured once and never changed afterwards, so sharing it between threads is safe. Its parsers and
     * generators borrow buffers from a shared pool rather than Jackson's default pool per thread: adapters
     * run on a virtual thread per call, so buffers kept per thread were kept per open stream.
     */
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedBoundedPool())
                    .build())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** The code of errors where an upstream sent something that is not the JSON it should have. */
    public static final String BAD_RESPONSE = "provider_bad_response";

    private Json() {}

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /** A plain Java value (maps, lists, strings, numbers, booleans, null) as a JSON tree. */
    public static JsonNode toNode(Object plain) {
        return MAPPER.valueToTree(plain);
    }

    /** A JSON tree as plain Java values. */
    public static Object toPlain(JsonNode node) {
        return MAPPER.convertValue(node, Object.class);
    }

    /** Serialises a tree to UTF-8 bytes. */
    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serialises a tree to compact text. */
    public static String text(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses JSON text; throws {@link IOException} subclasses for bad input. */
    public static JsonNode parse(String text) throws IOException {
        return MAPPER.readTree(text);
    }

    /** Parses JSON bytes; throws {@link IOException} subclasses for bad input. */
    public static JsonNode parse(byte[] bytes) throws IOException {
        return MAPPER.readTree(bytes);
    }

    /**
     * Parses what an upstream sent; a body that is not JSON is the upstream's fault.
     *
     * @param what how to name the body in the error, such as {@code stream event}
     */
    public static JsonNode parseUpstream(String text, String what) {
        return parseUpstream(() -> MAPPER.readTree(text), what);
    }

    /** As {@link #parseUpstream(String, String)} for bytes. */
    public static JsonNode parseUpstream(byte[] bytes, String what) {
        return parseUpstream(() -> MAPPER.readTree(bytes), what);
    }

    private interface Reading {
        JsonNode read() throws IOException;
    }

    private static JsonNode parseUpstream(Reading reading, String what) {
        try {
            JsonNode node = reading.read();
            if (node == null || node.isMissingNode()) {
                throw new IOException("empty");
            }
            return node;
        } catch (IOException e) {
            throw new AdapterException(
                    ErrorKind.UPSTREAM_ERROR,
                    "the upstream sent a " + what + " that is not valid JSON",
                    BAD_RESPONSE,
                    null,
                    null,
                    e);
        }
    }

    /**
     * A tool call's JSON arguments as an object, for vendors that take arguments as JSON rather than as text.
     * An empty text stands for no arguments.
     *
     * @param param the request parameter to name when the text is not a JSON object
     */
    public static JsonNode parseArguments(String arguments, String param) {
        if (arguments == null || arguments.isBlank()) {
            return object();
        }
        try {
            JsonNode node = MAPPER.readTree(arguments);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (IOException e) {
            // Reported below with the parameter named.
        }
        throw new AdapterException(
                ErrorKind.INVALID_REQUEST,
                "tool call arguments must be a JSON object",
                "invalid_tool_arguments",
                param,
                null,
                null);
    }

    /** The text of a field, or {@code null} when it is absent, null or not a scalar. */
    public static String string(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    /** The int value of a field, or 0 when it is absent or not a number. */
    public static int integer(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || !value.isNumber() ? 0 : value.asInt();
    }

    /** Whether the node has a non-null value at the field. */
    public static boolean has(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && !value.isNull();
    }
}
