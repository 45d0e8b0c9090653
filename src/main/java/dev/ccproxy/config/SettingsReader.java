package dev.ccproxy.config;

import org.apache.camel.spi.PropertiesComponent;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Typed reads of {@code proxy.*} keys from Camel's properties (file, seed environment, system properties), failing at
 * start-up with the key's name when a value is malformed rather than at the first request.
 */
final class SettingsReader {

    /** Where values come from: Camel's properties when running, a plain map in tests. */
    interface Source {
        Optional<String> resolve(String key);

        /** Every key starting with {@code prefix} that the source knows of. */
        Set<String> keysStartingWith(String prefix);
    }

    private final Source source;

    SettingsReader(Source source) {
        this.source = source;
    }

    /** Camel's properties: the files, the seed environment, {@code PROXY_*} variables and system properties. */
    static SettingsReader of(PropertiesComponent properties) {
        return new SettingsReader(new Source() {
            @Override
            public Optional<String> resolve(String key) {
                return properties.resolveProperty(key);
            }

            @Override
            public Set<String> keysStartingWith(String prefix) {
                Set<String> keys = new TreeSet<>(properties.loadPropertiesAsMap(key -> key.startsWith(prefix)).keySet());
                System.getProperties().stringPropertyNames().stream().filter(key -> key.startsWith(prefix))
                        .forEach(keys::add);
                return keys;
            }
        });
    }

    /** A plain map of keys to values (placeholders are not resolved). */
    static SettingsReader of(Map<String, String> values) {
        return new SettingsReader(new Source() {
            @Override
            public Optional<String> resolve(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Set<String> keysStartingWith(String prefix) {
                Set<String> keys = new TreeSet<>();
                values.keySet().stream().filter(key -> key.startsWith(prefix)).forEach(keys::add);
                return keys;
            }
        });
    }

    /** The trimmed value, or null when the key is absent or blank. */
    String optional(String key) {
        return source.resolve(key).map(String::trim).filter(value -> !value.isEmpty()).orElse(null);
    }

    String required(String key) {
        String value = optional(key);
        if (value == null) {
            throw new IllegalStateException("Missing setting " + key + " (see application.properties)");
        }
        return value;
    }

    /** A comma-separated list, each entry trimmed, blanks dropped; empty when the key is absent or blank. */
    List<String> list(String key) {
        String value = optional(key);
        if (value == null) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(entry -> !entry.isEmpty()).toList();
    }

    OptionalInt optionalInt(String key) {
        String value = optional(key);
        return value == null ? OptionalInt.empty() : OptionalInt.of(parseInt(key, value));
    }

    int intValue(String key, int defaultValue) {
        return optionalInt(key).orElse(defaultValue);
    }

    long longValue(String key, long defaultValue) {
        String value = optional(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key + " must be a whole number, got: " + value, e);
        }
    }

    /** A non-negative number of seconds, fractions allowed. */
    java.time.Duration seconds(String key, java.time.Duration defaultValue) {
        String value = optional(key);
        if (value == null) {
            return defaultValue;
        }
        try {
            double seconds = Double.parseDouble(value);
            if (!(seconds >= 0) || Double.isInfinite(seconds)) {
                throw new NumberFormatException("negative");
            }
            return java.time.Duration.ofMillis(Math.round(seconds * 1000));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key + " must be a number of seconds, got: " + value, e);
        }
    }

    boolean booleanValue(String key, boolean defaultValue) {
        return parseBoolean(key, optional(key), defaultValue);
    }

    /** {@code true/yes/1/on} or {@code false/no/0/off}; {@code defaultValue} when unset. */
    static boolean parseBoolean(String key, String value, boolean defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalStateException("Setting " + key + " must be true or false, got: " + value);
        };
    }

    Pattern pattern(String key, String defaultValue) {
        String value = optional(key);
        try {
            return Pattern.compile(value == null ? defaultValue : value, Pattern.CASE_INSENSITIVE);
        } catch (PatternSyntaxException e) {
            throw new IllegalStateException("Setting " + key + " is not a valid regular expression: " + value, e);
        }
    }

    /** Every {@code prefix + name = value} from the files, the environment and system properties, keyed by name. */
    Map<String, String> prefixed(String prefix) {
        Map<String, String> result = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String key : source.keysStartingWith(prefix)) {
            String name = key.substring(prefix.length());
            String value = optional(key);
            if (!name.isEmpty() && value != null) {
                result.put(name, value);
            }
        }
        return result;
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("Setting " + key + " must be a whole number, got: " + value, e);
        }
    }
}
