package ai.dyad.gateway.wire.testing;

import ai.dyad.gateway.wire.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds and reads the fixture files of table-driven tests under {@code src/test/resources}. */
public final class Fixtures {

    private Fixtures() {}

    /** The files in a class-path folder whose names end with {@code suffix}, sorted by name. */
    public static List<Path> list(String folder, String suffix) {
        URL url = Fixtures.class.getClassLoader().getResource(folder);
        if (url == null) {
            throw new IllegalArgumentException("no fixture folder " + folder);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode json(Path file) {
        try {
            return Json.parse(text(file));
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not valid JSON", e);
        }
    }

    /** A sibling of a fixture with another suffix: {@code x.sse} → {@code x.expected.json}. */
    public static Path sibling(Path file, String oldSuffix, String newSuffix) {
        String name = file.getFileName().toString();
        return file.resolveSibling(name.substring(0, name.length() - oldSuffix.length()) + newSuffix);
    }

    /** A class-path resource as text; works from a folder and from the test-jar alike. */
    public static String resource(String path) {
        try (var in = Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
