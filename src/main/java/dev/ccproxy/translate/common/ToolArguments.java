package dev.ccproxy.translate.common;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.json.ProxyJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns a model's tool-call {@code arguments} string into the JSON object Anthropic's {@code tool_use.input} must be,
 * repairing what models commonly get wrong, and never failing: an unrecoverable string becomes {@code {}} with a
 * warning, so the client sees a tool call it can answer with an error rather than a broken response.
 *
 * <p>Repairs, in order: surrounding Markdown code fences; JSON encoded twice (a string holding the object); JSON5-style
 * leniency (single quotes, unquoted names, trailing commas, comments, raw control characters), through Jackson's own
 * read features; and a cut-off document (an answer stopped by {@code max_tokens}), by closing the open string, object
 * and array.
 */
public final class ToolArguments {

    private static final Logger LOG = LoggerFactory.getLogger(ToolArguments.class);

    private static final ObjectReader STRICT = ProxyJson.mapper().reader();
    private static final ObjectReader LENIENT = ProxyJson.mapper().reader()
            .with(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .with(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
            .with(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .with(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .with(JsonReadFeature.ALLOW_YAML_COMMENTS)
            .with(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .with(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .with(JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .with(JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS)
            .with(JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS)
            .with(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS);

    private ToolArguments() {
    }

    /** The arguments as a JSON object; {@code {}} when absent or beyond repair. */
    public static ObjectNode parse(String arguments) {
        if (arguments == null || arguments.isBlank()) {
            return JsonNodeFactory.instance.objectNode();
        }
        String text = stripCodeFence(arguments.trim());
        ObjectNode parsed = asObject(tryRead(STRICT, text));
        if (parsed == null) {
            parsed = asObject(tryRead(LENIENT, text));
        }
        if (parsed == null) {
            parsed = asObject(tryRead(LENIENT, closeTruncated(text)));
        }
        if (parsed == null) {
            LOG.warn("Tool arguments are not a JSON object even after repair ({} characters); sending {} instead",
                    text.length(), "{}");
            LOG.debug("Unrepairable tool arguments: {}", text);
            return JsonNodeFactory.instance.objectNode();
        }
        return parsed;
    }

    /** Whether the text already is a JSON object as it stands, without any repair. */
    public static boolean isJsonObject(String text) {
        return tryRead(STRICT, text) instanceof ObjectNode;
    }

    private static JsonNode tryRead(ObjectReader reader, String text) {
        try {
            return reader.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    /** An object as is; a string that holds an object (arguments encoded twice) unwrapped; anything else null. */
    private static ObjectNode asObject(JsonNode node) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        if (node != null && node.isTextual()) {
            JsonNode inner = tryRead(LENIENT, node.textValue().trim());
            return inner instanceof ObjectNode object ? object : null;
        }
        return null;
    }

    private static String stripCodeFence(String text) {
        if (!text.startsWith("```")) {
            return text;
        }
        int firstNewline = text.indexOf('\n');
        int lastFence = text.lastIndexOf("```");
        if (firstNewline < 0 || lastFence <= firstNewline) {
            return text;
        }
        return text.substring(firstNewline + 1, lastFence).trim();
    }

    /**
     * Closes what a cut-off document left open: the string being written, then every open array and object, innermost
     * first. A dangling comma or colon at the cut is dropped or given a null value so the result can parse.
     */
    public static String closeTruncated(String text) {
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{' -> open.push('}');
                case '[' -> open.push(']');
                case '}', ']' -> {
                    if (!open.isEmpty()) {
                        open.pop();
                    }
                }
                default -> {
                    // other characters do not change the nesting
                }
            }
        }
        StringBuilder repaired = new StringBuilder(text);
        if (inString) {
            if (escaped) {
                repaired.setLength(repaired.length() - 1);
            }
            repaired.append('"');
        }
        String trimmed = repaired.toString().stripTrailing();
        repaired.setLength(0);
        repaired.append(trimmed);
        if (trimmed.endsWith(",")) {
            repaired.setLength(repaired.length() - 1);
        } else if (trimmed.endsWith(":")) {
            repaired.append("null");
        }
        while (!open.isEmpty()) {
            repaired.append(open.pop());
        }
        return repaired.toString();
    }
}
