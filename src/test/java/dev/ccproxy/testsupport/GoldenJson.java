package dev.ccproxy.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ccproxy.json.ProxyJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * JSON comparison for golden files. Expected and actual must be equal, except that an expected string of the form
 * {@code "<re:REGEX>"} matches any string that matches REGEX: for ids the proxy generates ({@code msg_…}).
 *
 * <p>Run with {@code -Dgolden.update=true} to (re)write expected files from the actual output; review the diff
 * before committing it.
 */
public final class GoldenJson {

    public static final boolean UPDATE = Boolean.getBoolean("golden.update");

    private GoldenJson() {
    }

    public static JsonNode read(Path file) {
        try {
            return ProxyJson.mapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    public static void assertMatches(Path expectedFile, JsonNode actual) {
        if (UPDATE || !Files.exists(expectedFile)) {
            write(expectedFile, actual);
            if (!UPDATE) {
                fail("No " + expectedFile + " yet: written from the actual output, review it and run again");
            }
            return;
        }
        JsonNode expected = read(expectedFile);
        List<String> differences = new ArrayList<>();
        compare("$", expected, actual, differences);
        if (!differences.isEmpty()) {
            fail(expectedFile + " differs:\n  " + String.join("\n  ", differences) + "\nactual:\n" + pretty(actual));
        }
    }

    public static String pretty(JsonNode node) {
        try {
            return ProxyJson.mapper().writer().with(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Ids the proxy makes up are random: a written golden file expects their shape, not their value. */
    private static final java.util.regex.Pattern GENERATED_ID =
            java.util.regex.Pattern.compile("\"(msg|toolu|srvtoolu|req)_[0-9A-Za-z]{24}\"");

    private static void write(Path file, JsonNode actual) {
        try {
            String json = GENERATED_ID.matcher(pretty(actual)).replaceAll("\"<re:$1_[0-9A-Za-z]{24}>\"");
            Files.writeString(file, json + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void compare(String path, JsonNode expected, JsonNode actual, List<String> differences) {
        if (expected.isTextual() && expected.textValue().startsWith("<re:") && expected.textValue().endsWith(">")) {
            String regex = expected.textValue().substring(4, expected.textValue().length() - 1);
            if (actual == null || !actual.isTextual() || !actual.textValue().matches(regex)) {
                differences.add(path + ": expected a string matching " + regex + ", got " + actual);
            }
            return;
        }
        if (actual == null || expected.getNodeType() != actual.getNodeType()) {
            differences.add(path + ": expected " + expected + ", got " + actual);
            return;
        }
        if (expected.isObject()) {
            Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                compare(path + "." + field.getKey(), field.getValue(), actual.get(field.getKey()), differences);
            }
            actual.fieldNames().forEachRemaining(name -> {
                if (!expected.has(name)) {
                    differences.add(path + "." + name + ": unexpected field, value " + actual.get(name));
                }
            });
        } else if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                differences.add(path + ": expected " + expected.size() + " elements, got " + actual.size());
                return;
            }
            for (int i = 0; i < expected.size(); i++) {
                compare(path + "[" + i + "]", expected.get(i), actual.get(i), differences);
            }
        } else if (expected.isNumber()) {
            if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
                differences.add(path + ": expected " + expected + ", got " + actual);
            }
        } else if (!expected.equals(actual)) {
            differences.add(path + ": expected " + expected + ", got " + actual);
        }
    }

    /** Used by tests of this class. */
    static List<String> differences(JsonNode expected, JsonNode actual) {
        List<String> differences = new ArrayList<>();
        compare("$", expected, actual, differences);
        return differences;
    }

    static void assertNoDifferences(JsonNode expected, JsonNode actual) {
        assertThat(differences(expected, actual)).isEmpty();
    }
}
