package dev.ccproxy.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** application.yaml: nested keys and lists become the properties keys ProxySettings reads; bad files stop the start. */
class YamlSettingsFileTest {

    @TempDir
    Path dir;

    @Test
    void nested_keys_and_lists_become_property_keys() throws IOException {
        Path file = dir.resolve("application.yaml");
        Files.writeString(file, """
                proxy:
                  providers:
                    ollama:
                      base-url: http://127.0.0.1:11434/v1
                      api-key:
                    openrouter:
                      api-key: "{{env:OPENROUTER_API_KEY}}"
                      headers:
                        X-Title: claude-code-proxy
                  models:
                    small-provider: ollama
                    map:
                      - match: "claude-*-haiku-*"
                        provider: ollama
                        model: qwen3:8b
                      - match: claude-opus-5-5
                        model: gpt-5.1
                  profiles:
                    - match: "qwen3*"
                      max-output-tokens: 8192
                      vision: false
                """);

        Map<String, String> keys = YamlSettingsFile.read(file);

        assertThat(keys).containsOnly(
                entry("proxy.providers.ollama.base-url", "http://127.0.0.1:11434/v1"),
                entry("proxy.providers.ollama.api-key", ""),
                entry("proxy.providers.openrouter.api-key", "{{env:OPENROUTER_API_KEY}}"),
                entry("proxy.providers.openrouter.headers.X-Title", "claude-code-proxy"),
                entry("proxy.models.small-provider", "ollama"),
                entry("proxy.models.map[0].match", "claude-*-haiku-*"),
                entry("proxy.models.map[0].provider", "ollama"),
                entry("proxy.models.map[0].model", "qwen3:8b"),
                entry("proxy.models.map[1].match", "claude-opus-5-5"),
                entry("proxy.models.map[1].model", "gpt-5.1"),
                entry("proxy.profiles[0].match", "qwen3*"),
                entry("proxy.profiles[0].max-output-tokens", "8192"),
                entry("proxy.profiles[0].vision", "false"));
    }

    @Test
    void the_yaml_file_sits_between_the_environment_and_application_properties() throws IOException {
        Path file = dir.resolve("application.yaml");
        Files.writeString(file, "proxy:\n  models:\n    big: big-from-yaml\n    middle: middle-from-yaml\n");
        SeedEnvironment environment = SeedEnvironment.of(Map.of("MIDDLE_MODEL", "middle-from-env"),
                dir.resolve("no.env"));

        SeedEnvironmentPropertiesSource source =
                new SeedEnvironmentPropertiesSource(environment, YamlSettingsFile.read(file));

        assertThat(source.getProperty("proxy.models.big")).isEqualTo("big-from-yaml");
        assertThat(source.getProperty("proxy.models.middle")).isEqualTo("middle-from-env");
        assertThat(source.getProperty("proxy.models.small")).as("left to application.properties").isNull();
    }

    @Test
    void no_file_means_no_keys() {
        assertThat(YamlSettingsFile.read(dir.resolve("absent.yaml"))).isEmpty();
    }

    @Test
    void a_broken_file_stops_the_start_saying_where() throws IOException {
        Path file = dir.resolve("application.yaml");
        Files.writeString(file, "proxy:\n  models:\n    big: [unclosed\n");

        assertThatThrownBy(() -> YamlSettingsFile.read(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("application.yaml").hasMessageContaining("line");
        Files.writeString(file, "- just\n- a list\n");
        assertThatThrownBy(() -> YamlSettingsFile.read(file)).hasMessageContaining("must hold a mapping");
    }
}
