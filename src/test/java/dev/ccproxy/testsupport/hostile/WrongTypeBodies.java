package dev.ccproxy.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.ccproxy.testsupport.hostile.JsonTreeEdits.Step;

/**
 * A valid request with one value of the wrong JSON type, at a field the reader types (model, max_tokens, messages,
 * a message, its role and content, stream, tools, tool_choice, system, metadata, thinking, …) or at any node of the
 * tree; or with one node missing.
 */
final class WrongTypeBodies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The JSON kinds a typed field accepts; any other kind must be refused (null = absent, where optional). */
    private static final Map<String, Set<String>> TYPED = Map.ofEntries(
            Map.entry("model", Set.of("string")),
            Map.entry("max_tokens", Set.of("integer")),
            Map.entry("messages", Set.of("array")),
            Map.entry("messages[*]", Set.of("object")),
            Map.entry("messages[*].role", Set.of("string")),
            Map.entry("messages[*].content", Set.of("string", "array")),
            Map.entry("stream", Set.of("boolean", "null")),
            Map.entry("tools", Set.of("array", "null")),
            Map.entry("tools[*]", Set.of("object")),
            Map.entry("system", Set.of("string", "array", "null")),
            Map.entry("metadata", Set.of("object", "null")),
            Map.entry("tool_choice", Set.of("object", "null")),
            Map.entry("stop_sequences", Set.of("array", "null")),
            Map.entry("top_k", Set.of("integer", "null")),
            Map.entry("temperature", Set.of("integer", "float", "null")),
            Map.entry("top_p", Set.of("integer", "float", "null")));

    /** The top-level fields, present or not: each one is struck as often as any node deep inside. */
    private static final List<String> TOP_LEVEL = List.of("model", "max_tokens", "messages", "system", "tools",
            "tool_choice", "thinking", "metadata", "stream", "temperature", "top_p", "top_k", "stop_sequences",
            "output_config", "context_management");

    private WrongTypeBodies() {
    }

    static Arbitrary<HostileBody> wrongTypes() {
        return ValidRequests.any().flatMap(request -> target(request).flatMap(path -> {
            String current = kind(JsonTreeEdits.get(request, path));
            return wrongValue().filter(value -> !kind(value).equals(current)).map(value -> {
                String where = JsonTreeEdits.describe(path);
                Expectation onMessages = rejects(where, value) ? Expectation.REJECTED : Expectation.ANSWERED;
                return new HostileBody("wrong-type", where + " = " + shorten(value), 
                        JsonText.utf8(JsonText.write(JsonTreeEdits.replace(request, path, value))), onMessages,
                        where.equals("max_tokens") ? Expectation.ANSWERED : onMessages);
            });
        }));
    }

    static Arbitrary<HostileBody> missingNodes() {
        return ValidRequests.any().flatMap(request -> Arbitraries.of(JsonTreeEdits.paths(request)).map(path -> {
            String where = JsonTreeEdits.describe(path);
            boolean required = List.of("model", "max_tokens", "messages").contains(where);
            return new HostileBody("missing-node", "without " + where,
                    JsonText.utf8(JsonText.write(JsonTreeEdits.remove(request, path))),
                    required ? Expectation.REJECTED : Expectation.ANSWERED,
                    required && !where.equals("max_tokens") ? Expectation.REJECTED : Expectation.ANSWERED);
        }));
    }

    private static Arbitrary<List<Step>> target(ObjectNode request) {
        Arbitrary<List<Step>> topLevel = Arbitraries.of(TOP_LEVEL).map(field -> List.of(new Step(field, -1)));
        Arbitrary<List<Step>> anywhere = Arbitraries.of(JsonTreeEdits.paths(request));
        return Arbitraries.frequencyOf(Tuple.of(1, topLevel), Tuple.of(2, anywhere));
    }

    private static boolean rejects(String where, JsonNode value) {
        Set<String> accepted = TYPED.get(where.replaceAll("\\[\\d+]", "[*]"));
        return accepted != null && !accepted.contains(kind(value));
    }

    private static Arbitrary<JsonNode> wrongValue() {
        return Arbitraries.of(
                JSON.numberNode(0), JSON.numberNode(-1), JSON.numberNode(1.5), JSON.numberNode(1e308),
                JSON.numberNode(new BigInteger("99999999999999999999999")), JSON.textNode(""),
                JSON.textNode("x"), JSON.textNode("null"), JSON.booleanNode(true), JSON.booleanNode(false),
                JSON.nullNode(), JSON.arrayNode(), JSON.arrayNode().add(1), JSON.arrayNode().add(JSON.objectNode()),
                JSON.arrayNode().add(JSON.nullNode()), JSON.objectNode(), JSON.objectNode().put("type", "text"),
                JSON.objectNode().put("type", 7));
    }

    /** The JSON kind as a reader tells them apart: an integer and a fraction are different kinds. */
    static String kind(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "null";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "float";
        }
        if (node.isTextual()) {
            return "string";
        }
        return node.isBoolean() ? "boolean" : node.isArray() ? "array" : "object";
    }

    private static String shorten(JsonNode value) {
        String text = value.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
