package ai.dyad.gateway.api.chat;

/** One part of a message's content, as in OpenAI's content-part arrays. */
public sealed interface ContentPart {

    /** Plain text. */
    record Text(String text) implements ContentPart {}

    /**
     * An image by URL: an {@code https:} address or a {@code data:} URL.
     *
     * @param detail {@code auto}, {@code low} or {@code high}; nullable
     */
    record ImageUrl(String url, String detail) implements ContentPart {}

    /**
     * Base64 audio.
     *
     * @param format {@code wav} or {@code mp3}
     */
    record InputAudio(String data, String format) implements ContentPart {}

    /**
     * A file, by id or inline as base64 data.
     *
     * @param fileId nullable
     * @param filename nullable
     * @param fileData nullable
     */
    record File(String fileId, String filename, String fileData) implements ContentPart {}

    /** The OpenAI {@code type} of the part. */
    default String wireType() {
        return switch (this) {
            case Text t -> "text";
            case ImageUrl i -> "image_url";
            case InputAudio a -> "input_audio";
            case File f -> "file";
        };
    }
}
