package dev.ccproxy.deploy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code application.properties}, and a key's value as a deployment sets it through the environment. */
final class ApplicationProperties {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([\\w.-]+)}}");

    private final Properties properties;

    private ApplicationProperties(Properties properties) {
        this.properties = properties;
    }

    static ApplicationProperties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return new ApplicationProperties(properties);
    }

    Optional<String> find(String key) {
        return Optional.ofNullable(properties.getProperty(key)).map(String::strip).filter(value -> !value.isEmpty());
    }

    /** The key's value in the file, a value that is only a placeholder ({@code {{other.key}}}) followed. */
    String resolved(String key) {
        String value = find(key).orElseThrow(() -> new AssertionError("application.properties does not set " + key));
        Matcher placeholder = PLACEHOLDER.matcher(value);
        return placeholder.matches() ? resolved(placeholder.group(1)) : value;
    }

    /**
     * The value in force when the process gets {@code environment}: the key's upper-case variable
     * ({@code proxy.server.drain-seconds} → {@code PROXY_SERVER_DRAIN_SECONDS}, the README's rule) wins over the file.
     */
    long effectiveLong(String key, Map<String, String> environment) {
        String variable = key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
        String value = environment.containsKey(variable) ? environment.get(variable) : find(key)
                .orElseThrow(() -> new AssertionError("application.properties does not set " + key));
        return Long.parseLong(value.strip());
    }
}
