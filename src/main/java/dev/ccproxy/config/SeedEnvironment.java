package dev.ccproxy.config;

import io.github.cdimascio.dotenv.Dotenv;
import io.github.cdimascio.dotenv.DotenvEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The environment variables of the seed proxy, read from the real environment and from a {@code .env} file in the
 * working directory (the real environment wins), and the namespaced property key each one sets.
 *
 * <p>This table is the single place where a seed variable meets its {@code application.properties} key; the README's
 * configuration table lists the same pairs.
 */
public final class SeedEnvironment {

    /** Seed variable → namespaced property key. */
    public static final Map<String, String> KEYS = orderedKeys();

    /** {@code CUSTOM_HEADER_X_API_KEY=v} becomes the property {@code proxy.upstream.headers.X-API-KEY=v}. */
    public static final String CUSTOM_HEADER_PREFIX = "CUSTOM_HEADER_";
    public static final String HEADER_KEY_PREFIX = "proxy.upstream.headers.";

    /** Points the {@code .env} lookup elsewhere (tests use it to keep a developer's own {@code .env} out). */
    public static final String DOTENV_PATH_PROPERTY = "ccproxy.dotenv";

    private final Map<String, String> values;

    private SeedEnvironment(Map<String, String> values) {
        this.values = values;
    }

    /** The process environment, then the {@code .env} file named by {@value #DOTENV_PATH_PROPERTY} or ./.env. */
    public static SeedEnvironment load() {
        return of(System.getenv(), Path.of(System.getProperty(DOTENV_PATH_PROPERTY, ".env")));
    }

    public static SeedEnvironment of(Map<String, String> environment, Path dotenvFile) {
        Map<String, String> merged = new LinkedHashMap<>(readDotenv(dotenvFile));
        merged.putAll(environment);
        return new SeedEnvironment(Collections.unmodifiableMap(merged));
    }

    /** The value of a seed variable, or null when it is unset or blank. */
    public String get(String variable) {
        String value = values.get(variable);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.trim();
        // the seed's OpenAI SDK accepted "https://host/v1/"; the routes append "/chat/completions" themselves
        if (variable.equals("OPENAI_BASE_URL")) {
            while (value.endsWith("/")) {
                value = value.substring(0, value.length() - 1);
            }
        }
        return value;
    }

    /** The namespaced properties the seed variables set, custom headers included. */
    public Map<String, String> properties() {
        Map<String, String> properties = new TreeMap<>();
        KEYS.forEach((variable, key) -> {
            String value = get(variable);
            if (value != null) {
                properties.put(key, value);
            }
        });
        values.forEach((variable, value) -> {
            if (variable.startsWith(CUSTOM_HEADER_PREFIX) && variable.length() > CUSTOM_HEADER_PREFIX.length()
                    && value != null) {
                properties.put(HEADER_KEY_PREFIX + headerName(variable), value);
            }
        });
        return properties;
    }

    /** {@code CUSTOM_HEADER_X_API_KEY} → {@code X-API-KEY}, as the seed did. */
    static String headerName(String variable) {
        return variable.substring(CUSTOM_HEADER_PREFIX.length()).replace('_', '-').toUpperCase(Locale.ROOT);
    }

    private static Map<String, String> readDotenv(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        Path absolute = file.toAbsolutePath();
        Dotenv dotenv = Dotenv.configure()
                .directory(absolute.getParent().toString())
                .filename(absolute.getFileName().toString())
                .ignoreIfMalformed()
                .load();
        Map<String, String> entries = new LinkedHashMap<>();
        // entries(IN_ENV_FILE) keeps the process environment out: precedence is decided in of()
        for (DotenvEntry entry : dotenv.entries(Dotenv.Filter.DECLARED_IN_ENV_FILE)) {
            entries.put(entry.getKey(), entry.getValue());
        }
        return entries;
    }

    private static Map<String, String> orderedKeys() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("OPENAI_API_KEY", "proxy.upstream.api-key");
        keys.put("OPENAI_BASE_URL", "proxy.upstream.base-url");
        keys.put("AZURE_API_VERSION", "proxy.upstream.azure-api-version");
        keys.put("REQUEST_TIMEOUT", "proxy.upstream.timeout-seconds");
        keys.put("MAX_RETRIES", "proxy.upstream.max-retries");
        keys.put("ANTHROPIC_API_KEY", "proxy.client.api-key");
        keys.put("BIG_MODEL", "proxy.models.big");
        keys.put("MIDDLE_MODEL", "proxy.models.middle");
        keys.put("SMALL_MODEL", "proxy.models.small");
        keys.put("MAX_TOKENS_LIMIT", "proxy.tokens.max-limit");
        keys.put("MIN_TOKENS_LIMIT", "proxy.tokens.min-limit");
        keys.put("HOST", "proxy.server.host");
        keys.put("PORT", "proxy.server.port");
        keys.put("LOG_LEVEL", "proxy.log.level");
        keys.put("LOG_FORMAT", "proxy.log.format");
        return Collections.unmodifiableMap(keys);
    }
}
