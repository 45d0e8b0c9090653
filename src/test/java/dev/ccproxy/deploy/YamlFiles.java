package dev.ccproxy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** YAML files as Jackson trees (read with snakeyaml-engine, the proxy's own YAML parser), for {@code at("/a/b")}. */
final class YamlFiles {

    private static final ObjectMapper JSON = new ObjectMapper();

    private YamlFiles() {
    }

    /** Every document of the file (Kubernetes files may hold several, separated by {@code ---}). */
    static List<JsonNode> documents(Path file) {
        try {
            List<JsonNode> documents = new ArrayList<>();
            for (Object document : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file))) {
                if (document != null) {
                    documents.add(JSON.valueToTree(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's only document. */
    static JsonNode document(Path file) {
        List<JsonNode> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + " holds " + documents.size() + " documents, not one");
        }
        return Objects.requireNonNull(documents.getFirst());
    }
}
