package ai.dyad.gateway.plugins.spawncli.output.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for one NDJSON line. The plugin may depend on the JDK only (anything else would be
 * shaded into its jar), and the CLI events are small, so a recursive-descent parser is enough.
 *
 * <p>Objects become {@link LinkedHashMap}, arrays {@link ArrayList}, numbers {@link Long} when integral and in range
 * and {@link Double} otherwise; nesting is limited so hostile input cannot exhaust the stack.
 */
public final class JsonParser {

    private static final int MAX_DEPTH = 128;

    private final String text;
    private int pos;
    private int depth;

    private JsonParser(String text) {
        this.text = text;
    }

    /** Parses one complete JSON value; whitespace around it is allowed, anything else is not. */
    public static Object parse(String text) {
        JsonParser parser = new JsonParser(text);
        parser.skipWhitespace();
        Object value = parser.value();
        parser.skipWhitespace();
        if (parser.pos != text.length()) {
            throw parser.error("unexpected text after the value");
        }
        return value;
    }

    /** Parses a line that must hold a JSON object. */
    public static JsonObject parseObject(String text) {
        if (parse(text) instanceof Map<?, ?> map) {
            return JsonObject.wrap(map);
        }
        throw new JsonException("expected a JSON object");
    }

    private Object value() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield number();
                }
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private Map<String, Object> object() {
        enter();
        pos++;
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek('}')) {
            pos++;
            depth--;
            return map;
        }
        while (true) {
            skipWhitespace();
            if (!peek('"')) {
                throw error("expected a member name");
            }
            String key = string();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, value());
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else {
                expect('}');
                depth--;
                return map;
            }
        }
    }

    private List<Object> array() {
        enter();
        pos++;
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek(']')) {
            pos++;
            depth--;
            return list;
        }
        while (true) {
            skipWhitespace();
            list.add(value());
            skipWhitespace();
            if (peek(',')) {
                pos++;
            } else {
                expect(']');
                depth--;
                return list;
            }
        }
    }

    private String string() {
        pos++;
        StringBuilder out = null;
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                String result = out == null
                        ? text.substring(start, pos)
                        : out.append(text, start, pos).toString();
                pos++;
                return result;
            }
            if (c == '\\') {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(text, start, pos);
                pos++;
                out.append(escape());
                start = pos;
            } else if (c < 0x20) {
                throw error("control character in a string");
            } else {
                pos++;
            }
        }
        throw error("unterminated string");
    }

    private char escape() {
        if (pos >= text.length()) {
            throw error("unterminated escape");
        }
        char c = text.charAt(pos++);
        return switch (c) {
            case '"', '\\', '/' -> c;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'u' -> unicode();
            default -> throw error("bad escape '\\" + c + "'");
        };
    }

    // Surrogate pairs arrive as two escapes; each becomes one char, so the pair reassembles by itself.
    private char unicode() {
        if (pos + 4 > text.length()) {
            throw error("short unicode escape");
        }
        int value = 0;
        for (int i = 0; i < 4; i++) {
            int digit = Character.digit(text.charAt(pos++), 16);
            if (digit < 0) {
                throw error("bad unicode escape");
            }
            value = value * 16 + digit;
        }
        return (char) value;
    }

    private Object number() {
        int start = pos;
        if (peek('-')) {
            pos++;
        }
        int intStart = pos;
        skipDigits();
        if (pos == intStart || (text.charAt(intStart) == '0' && pos - intStart > 1)) {
            throw error("bad number");
        }
        boolean integral = true;
        if (peek('.')) {
            integral = false;
            pos++;
            requireDigits();
        }
        if (peek('e') || peek('E')) {
            integral = false;
            pos++;
            if (peek('+') || peek('-')) {
                pos++;
            }
            requireDigits();
        }
        String literal = text.substring(start, pos);
        if (integral && pos - intStart <= 18) {
            return Long.parseLong(literal);
        }
        return new BigDecimal(literal).doubleValue();
    }

    private void requireDigits() {
        int start = pos;
        skipDigits();
        if (pos == start) {
            throw error("bad number");
        }
    }

    private void skipDigits() {
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected literal");
        }
        pos += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private boolean peek(char c) {
        return pos < text.length() && text.charAt(pos) == c;
    }

    private void expect(char c) {
        if (!peek(c)) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private JsonException error(String message) {
        return new JsonException(message + " at offset " + pos);
    }
}
