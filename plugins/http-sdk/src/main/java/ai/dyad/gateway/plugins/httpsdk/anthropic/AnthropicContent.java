package ai.dyad.gateway.plugins.httpsdk.anthropic;

import ai.dyad.gateway.api.AdapterException;
import ai.dyad.gateway.api.ErrorKind;
import ai.dyad.gateway.api.chat.ContentPart;
import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** OpenAI content parts as Anthropic content blocks. */
final class AnthropicContent {

    private static final Pattern DATA_URL = Pattern.compile("data:([^;,]+)((?:;[^;,]+)*);base64,(.*)", Pattern.DOTALL);

    private AnthropicContent() {}

    /**
     * The block for one part, or {@code null} for an empty text (Anthropic rejects empty text blocks).
     *
     * @param param where the part sits in the request, for error messages
     */
    static ObjectNode block(ContentPart part, String param) {
        return switch (part) {
            case ContentPart.Text text -> text.text().isEmpty() ? null : text(text.text());
            case ContentPart.ImageUrl image -> image(image.url(), param);
            case ContentPart.File file -> document(file, param);
            case ContentPart.InputAudio audio -> throw unsupported("audio input", param);
        };
    }

    static ObjectNode text(String text) {
        ObjectNode block = Json.object();
        block.put("type", "text");
        block.put("text", text);
        return block;
    }

    /** A {@code data:} URL becomes a base64 source, an http(s) URL a url source (Anthropic fetches it). */
    private static ObjectNode image(String url, String param) {
        ObjectNode block = Json.object();
        block.put("type", "image");
        ObjectNode source = block.putObject("source");
        Matcher data = DATA_URL.matcher(url);
        if (data.matches()) {
            source.put("type", "base64");
            source.put("media_type", data.group(1).toLowerCase(Locale.ROOT));
            source.put("data", data.group(3));
        } else if (url.startsWith("https://") || url.startsWith("http://")) {
            source.put("type", "url");
            source.put("url", url);
        } else {
            throw new AdapterException(
                    ErrorKind.INVALID_REQUEST,
                    "an image must be an http(s) URL or a base64 data: URL",
                    "invalid_image_url",
                    param,
                    null,
                    null);
        }
        return block;
    }

    /** Inline files (PDF or plain text, as base64 data URLs) become document blocks. */
    private static ObjectNode document(ContentPart.File file, String param) {
        Matcher data = file.fileData() == null ? null : DATA_URL.matcher(file.fileData());
        if (data == null || !data.matches()) {
            throw unsupported("files by id or without a base64 data: URL", param);
        }
        ObjectNode block = Json.object();
        block.put("type", "document");
        ObjectNode source = block.putObject("source");
        source.put("type", "base64");
        source.put("media_type", data.group(1).toLowerCase(Locale.ROOT));
        source.put("data", data.group(3));
        if (file.filename() != null) {
            block.put("title", file.filename());
        }
        return block;
    }

    static AdapterException unsupported(String what, String param) {
        return new AdapterException(
                ErrorKind.INVALID_REQUEST,
                "Anthropic's Messages API does not accept " + what,
                "unsupported_content",
                param,
                null,
                null);
    }
}
