package dev.ccproxy.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Groups settings that describe lists and named things: {@code proxy.models.map[0].match} (a list entry, by index)
 * and {@code proxy.providers.ollama.base-url} (a named entry). Keys arrive without their common prefix.
 */
final class KeyedEntries {

    private KeyedEntries() {
    }

    /**
     * {@code "0].match" → "x"} becomes entry 0 with {@code match = x}, in index order.
     *
     * @param prefix the common prefix, for error messages ({@code proxy.models.map[})
     */
    static SortedMap<Integer, Map<String, String>> indexed(String prefix, Map<String, String> bySuffix) {
        SortedMap<Integer, Map<String, String>> entries = new TreeMap<>();
        bySuffix.forEach((suffix, value) -> {
            int close = suffix.indexOf("].");
            if (close <= 0) {
                throw new IllegalStateException("Setting " + prefix + suffix + " is not of the form " + prefix
                        + "<number>].<field>");
            }
            int index;
            try {
                index = Integer.parseInt(suffix.substring(0, close));
            } catch (NumberFormatException e) {
                throw new IllegalStateException("Setting " + prefix + suffix + ": the index must be a number", e);
            }
            entries.computeIfAbsent(index, ignored -> new LinkedHashMap<>()).put(suffix.substring(close + 2), value);
        });
        return entries;
    }

    /** {@code "ollama.base-url" → "x"} becomes entry {@code ollama} with {@code base-url = x}, in name order. */
    static SortedMap<String, Map<String, String>> named(String prefix, Map<String, String> bySuffix) {
        SortedMap<String, Map<String, String>> entries = new TreeMap<>();
        bySuffix.forEach((suffix, value) -> {
            int dot = suffix.indexOf('.');
            if (dot <= 0 || dot == suffix.length() - 1) {
                throw new IllegalStateException("Setting " + prefix + suffix + " is not of the form " + prefix
                        + "<name>.<field>");
            }
            entries.computeIfAbsent(suffix.substring(0, dot), ignored -> new LinkedHashMap<>())
                    .put(suffix.substring(dot + 1), value);
        });
        return entries;
    }
}
