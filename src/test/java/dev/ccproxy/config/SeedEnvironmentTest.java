package dev.ccproxy.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SeedEnvironmentTest {

    @Test
    void maps_seed_variables_to_namespaced_keys_and_the_real_environment_beats_dotenv(@TempDir Path dir)
            throws IOException {
        Path dotenv = dir.resolve(".env");
        Files.writeString(dotenv, """
                OPENAI_API_KEY=sk-from-file
                BIG_MODEL="gpt-4.1"
                # comments and blank lines are fine

                MIDDLE_MODEL=from-file
                CUSTOM_HEADER_X_FROM_FILE=yes
                """);
        SeedEnvironment environment = SeedEnvironment.of(
                Map.of("MIDDLE_MODEL", "from-env", "PORT", "9000", "CUSTOM_HEADER_X_API_KEY", "abc",
                        "OPENAI_BASE_URL", "https://example.com/v1//", "UNRELATED", "x", "SMALL_MODEL", "  "),
                dotenv);

        assertThat(environment.properties()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "proxy.upstream.api-key", "sk-from-file",
                "proxy.upstream.base-url", "https://example.com/v1",
                "proxy.models.big", "gpt-4.1",
                "proxy.models.middle", "from-env",
                "proxy.server.port", "9000",
                "proxy.upstream.headers.X-API-KEY", "abc",
                "proxy.upstream.headers.X-FROM-FILE", "yes"));
    }

    @Test
    void a_missing_dotenv_file_is_no_error(@TempDir Path dir) {
        assertThat(SeedEnvironment.of(Map.of("HOST", "::1"), dir.resolve("absent.env")).properties())
                .containsExactly(Map.entry("proxy.server.host", "::1"));
    }

    @Test
    void the_properties_source_derives_the_timeout_in_milliseconds_and_the_bind_host() {
        SeedEnvironmentPropertiesSource open = new SeedEnvironmentPropertiesSource(
                SeedEnvironment.of(Map.of("REQUEST_TIMEOUT", "1.5"), Path.of("absent")));
        SeedEnvironmentPropertiesSource keyed = new SeedEnvironmentPropertiesSource(
                SeedEnvironment.of(Map.of("ANTHROPIC_API_KEY", "k"), Path.of("absent")));
        SeedEnvironmentPropertiesSource hosted = new SeedEnvironmentPropertiesSource(
                SeedEnvironment.of(Map.of("ANTHROPIC_API_KEY", "k", "HOST", "10.0.0.5"), Path.of("absent")));

        assertThat(open.getProperty("proxy.upstream.timeout-millis")).isEqualTo("1500");
        assertThat(open.getProperty("proxy.server.bind-host")).isEqualTo("127.0.0.1");
        assertThat(keyed.getProperty("proxy.server.bind-host")).isEqualTo("0.0.0.0");
        assertThat(hosted.getProperty("proxy.server.bind-host")).isEqualTo("10.0.0.5");
        assertThat(open.getProperty("proxy.unrelated")).isNull();
    }

    @Test
    void log_levels_include_the_seeds_python_names() {
        assertThat(LogLevelConfigurer.parse("warning").name()).isEqualTo("WARN");
        assertThat(LogLevelConfigurer.parse("CRITICAL").name()).isEqualTo("FATAL");
        assertThat(LogLevelConfigurer.parse("debug").name()).isEqualTo("DEBUG");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LogLevelConfigurer.parse("loud"))
                .hasMessageContaining("LOG_LEVEL");
    }
}
