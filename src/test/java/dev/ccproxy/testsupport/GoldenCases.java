package dev.ccproxy.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.MessagesRequestReader;
import dev.ccproxy.config.ProxySettings;
import dev.ccproxy.config.TokenLimits;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.routing.ModelResolver;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Golden cases on disk: {@code src/test/resources/golden/<direction>/<case>/}, one folder per case. Adding a case is
 * adding a folder; a bug fix adds the case that shows it.
 */
public final class GoldenCases {

    public static final Path ROOT = Path.of("src/test/resources/golden");

    private GoldenCases() {
    }

    public static Stream<Path> of(String direction) {
        try {
            return Files.list(ROOT.resolve(direction)).filter(Files::isDirectory).sorted();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case's {@code request.json}, read as the proxy reads a client's request; {@code defaultJson} without one. */
    public static MessagesRequest request(Path dir, String defaultJson) {
        Path file = dir.resolve("request.json");
        try {
            return MessagesRequestReader.read(Files.exists(file) ? Files.readAllBytes(file)
                    : defaultJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The case's {@code settings.properties}: big, middle, small, max-limit, min-limit; defaults otherwise. */
    public static Properties settings(Path dir) {
        Properties properties = new Properties();
        Path file = dir.resolve("settings.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    /**
     * The proxy's settings for a case: the defaults of a plain installation (OpenAI, gpt-4o / gpt-4o-mini, the
     * built-in profiles), with the case's short keys ({@code big}, {@code middle}, {@code small}, {@code max-limit},
     * {@code min-limit}) and any full {@code proxy.*} key from its {@code settings.properties} on top.
     */
    public static ProxySettings proxySettings(Properties settings) {
        Map<String, String> values = new HashMap<>();
        values.put("proxy.upstream.base-url", "https://api.openai.com/v1");
        values.put("proxy.models.big", settings.getProperty("big", "gpt-4o"));
        values.put("proxy.models.middle", settings.getProperty("middle", settings.getProperty("big", "gpt-4o")));
        values.put("proxy.models.small", settings.getProperty("small", "gpt-4o-mini"));
        if (settings.containsKey("max-limit")) {
            values.put("proxy.tokens.max-limit", settings.getProperty("max-limit"));
        }
        if (settings.containsKey("min-limit")) {
            values.put("proxy.tokens.min-limit", settings.getProperty("min-limit"));
        }
        settings.stringPropertyNames().stream().filter(key -> key.startsWith("proxy."))
                .forEach(key -> values.put(key, settings.getProperty(key)));
        return ProxySettings.load(values);
    }

    public static ModelResolver resolver(Properties settings) {
        return new ModelResolver(proxySettings(settings));
    }

    public static TokenLimits tokenLimits(Properties settings) {
        return proxySettings(settings).tokens();
    }

    /** {@code error.json}: {@code {"status":400,"type":"invalid_request_error","message":"…"}}. */
    /**
     * When the case has an {@code error.json}, runs the mapping, asserts it fails with that error and returns true;
     * otherwise returns false and the caller checks the case's expected output.
     */
    public static boolean failsAsExpected(Path dir, ThrowableAssert.ThrowingCallable mapping) {
        Path errorFile = dir.resolve("error.json");
        if (!Files.exists(errorFile)) {
            return false;
        }
        ProxyException error = catchThrowableOfType(ProxyException.class, mapping);
        assertThat(error).as("mapping %s must fail", dir.getFileName()).isNotNull();
        assertError(errorFile, error);
        return true;
    }

    public static void assertError(Path errorFile, ProxyException error) {
        JsonNode expected = GoldenJson.read(errorFile);
        assertThat(error.status()).as("status").isEqualTo(expected.path("status").asInt());
        assertThat(error.type().wireName()).as("error type").isEqualTo(expected.path("type").asText());
        assertThat(error.getMessage()).as("message").isEqualTo(expected.path("message").asText());
    }

    /**
     * The JSON pointers a fixture deliberately breaks OpenAI's spec at, from {@code provider-quirk.json}
     * ({@code {"provider": "who sends this", "deviations": ["/choices/0/message/content"]}}); none when absent.
     */
    public static List<String> quirkPaths(Path dir) {
        Path file = dir.resolve("provider-quirk.json");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        GoldenJson.read(file).path("deviations").forEach(path -> paths.add(path.asText()));
        return paths;
    }
}
