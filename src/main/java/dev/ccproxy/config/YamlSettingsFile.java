package dev.ccproxy.config;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code application.yaml} beside {@code application.properties}: the same keys, nested. Providers, the model map and
 * profiles read better as YAML than as {@code proxy.models.map[3].match} lines, so either file may hold them:
 * <pre>
 * proxy:
 *   providers:
 *     ollama:
 *       base-url: http://127.0.0.1:11434/v1
 *   models:
 *     map:
 *       - match: "claude-*-haiku-*"
 *         provider: ollama
 *         model: qwen3:8b
 * </pre>
 * becomes {@code proxy.providers.ollama.base-url}, {@code proxy.models.map[0].match}, … Values keep Camel placeholders
 * ({@code {{env:OLLAMA_KEY}}}), resolved when read. A file that is not valid YAML stops the start with its position.
 */
public final class YamlSettingsFile {

    /** The file's location: this system property, else {@code application.yaml} in the working directory. */
    public static final String PATH_PROPERTY = "ccproxy.yaml";

    private YamlSettingsFile() {
    }

    /** The flattened keys of the configured file; empty when there is none. */
    public static Map<String, String> load() {
        return read(Path.of(System.getProperty(PATH_PROPERTY, "application.yaml")));
    }

    public static Map<String, String> read(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Object document;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            document = new Load(LoadSettings.builder().setLabel(file.toString()).build()).loadFromReader(reader);
        } catch (IOException | YamlEngineException e) {
            throw new IllegalStateException("Cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        if (document != null) {
            if (!(document instanceof Map)) {
                throw new IllegalStateException(file.toAbsolutePath() + " must hold a mapping of settings (proxy: …)");
            }
            flatten("", document, flat);
        }
        return flat;
    }

    private static void flatten(String key, Object value, Map<String, String> flat) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((name, child) -> flatten(key.isEmpty() ? String.valueOf(name) : key + "." + name, child, flat));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                flatten(key + "[" + i + "]", list.get(i), flat);
            }
        } else {
            flat.put(key, value == null ? "" : String.valueOf(value));
        }
    }
}
