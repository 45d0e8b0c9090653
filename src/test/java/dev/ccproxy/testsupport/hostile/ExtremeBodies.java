package dev.ccproxy.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.util.ArrayList;
import java.util.List;

import static dev.ccproxy.testsupport.hostile.JsonTreeEdits.Step;

/**
 * Requests at the edges of size and shape, each within the body limit: one huge string (in JSON escapes a tree cannot
 * hold, lone surrogates included), thousands of messages, blocks, tools or fields, and nesting thousands of levels
 * deep anywhere in the request.
 */
final class ExtremeBodies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Units of a huge string as they stand between the quotes: plain, multi-byte, escaped, lone surrogates. */
    private static final List<String> STRING_UNITS = List.of("a", "é", "字", "😀", "\\n", "\\u0000", "\\\"", "\\\\",
            "\\ud800", "\\udfff\\ud800", "\\ud83d\\ude00", "<script>", "%s%n", "${jndi:ldap://x/a}", "\\u202e", " ");

    /** How a level of nesting opens and closes. */
    private record Nesting(String open, String close, String innermost) {
    }

    private static final List<Nesting> NESTINGS = List.of(new Nesting("[", "]", "1"),
            new Nesting("{\"a\":", "}", "1"), new Nesting("[{\"type\":\"text\",\"text\":", "}]", "\"x\""),
            new Nesting("{\"properties\":{\"p\":", "}}", "{}"));

    private ExtremeBodies() {
    }

    static Arbitrary<HostileBody> hugeStrings(int maxBodyBytes) {
        return ValidRequests.any().flatMap(request -> Combinators.combine(textPaths(request),
                Arbitraries.of(STRING_UNITS).list().ofMinSize(1).ofMaxSize(3),
                Arbitraries.integers().between(1, 100)).as((path, units, percent) -> {
                    String unit = String.join("", units);
                    int room = maxBodyBytes - JsonText.utf8(JsonText.write(request)).length - 16;
                    int repeats = Math.max(1, room * percent / 100 / JsonText.utf8(unit).length);
                    ObjectNode marked = JsonTreeEdits.replace(request, path, JSON.textNode(JsonText.SPLICE));
                    byte[] body = JsonText.utf8(JsonText.splice(marked, "\"" + unit.repeat(repeats) + "\""));
                    return answered("huge-string", JsonTreeEdits.describe(path) + " = '" + unit + "' × " + repeats,
                            body);
                }));
    }

    /** Paths of the request's strings, and of fields that usually hold one. */
    private static Arbitrary<List<Step>> textPaths(ObjectNode request) {
        List<List<Step>> paths = new ArrayList<>();
        for (List<Step> path : JsonTreeEdits.paths(request)) {
            if (JsonTreeEdits.get(request, path).isTextual()) {
                paths.add(path);
            }
        }
        paths.add(List.of(new Step("system", -1)));
        paths.add(List.of(new Step("model", -1)));
        return Arbitraries.of(paths);
    }

    /** Up to thousands of messages, blocks, tools, stop sequences or fields: both sides of the count limits. */
    static Arbitrary<HostileBody> hugeCollections(FuzzLimits limits) {
        Arbitrary<String> what = Arbitraries.of("messages", "blocks", "tools", "stop_sequences", "metadata-fields",
                "schema-properties");
        return Combinators.combine(ValidRequests.any(), what, Arbitraries.integers().between(1, 100))
                .as((request, collection, percent) -> {
                    int room = limits.maxBodyBytes() - JsonText.utf8(JsonText.write(request)).length - 64;
                    int count = Math.max(2, room * percent / 100 / 48);
                    ObjectNode grown = request.deepCopy();
                    grow(grown, collection, count);
                    boolean tooMany = grown.path("messages").size() > limits.maxMessages()
                            || grown.path("tools").size() > limits.maxTools();
                    Expectation expected = tooMany ? Expectation.REJECTED : Expectation.ANSWERED;
                    return new HostileBody("huge-collection", count + " " + collection,
                            JsonText.utf8(JsonText.write(grown)), expected, expected);
                });
    }

    private static void grow(ObjectNode request, String collection, int count) {
        switch (collection) {
            case "messages" -> {
                ArrayNode messages = request.putArray("messages");
                for (int i = 0; i < count; i++) {
                    messages.addObject().put("role", i % 2 == 0 ? "user" : "assistant").put("content", "m" + i);
                }
                messages.addObject().put("role", "user").put("content", "last");
            }
            case "blocks" -> {
                ArrayNode blocks = JSON.arrayNode();
                for (int i = 0; i < count; i++) {
                    blocks.addObject().put("type", "text").put("text", "b" + i);
                }
                ((ObjectNode) request.withArray("messages").get(0)).set("content", blocks);
            }
            case "tools" -> {
                ArrayNode tools = request.putArray("tools");
                for (int i = 0; i < count; i++) {
                    tools.addObject().put("name", "tool_" + i).putObject("input_schema").put("type", "object");
                }
                request.remove("tool_choice");
            }
            case "stop_sequences" -> {
                ArrayNode stops = request.putArray("stop_sequences");
                for (int i = 0; i < count; i++) {
                    stops.add("stop " + i);
                }
            }
            case "metadata-fields" -> {
                ObjectNode metadata = request.putObject("metadata");
                for (int i = 0; i < count; i++) {
                    metadata.put("field_" + i, i);
                }
            }
            default -> {
                ObjectNode schema = request.putArray("tools").addObject().put("name", "wide")
                        .putObject("input_schema").put("type", "object");
                ObjectNode properties = schema.putObject("properties");
                for (int i = 0; i < count; i++) {
                    properties.putObject("p" + i).put("type", "string");
                }
                request.remove("tool_choice");
            }
        }
    }

    /** Nesting within the depth limit, and up to tens of thousands of levels past it (as far as the body allows). */
    static Arbitrary<HostileBody> deepNesting(FuzzLimits limits) {
        Arbitrary<Integer> depths = Arbitraries.oneOf(Arbitraries.integers().between(1, limits.maxJsonDepth()),
                Arbitraries.integers().between(50, 50_000));
        return ValidRequests.any().flatMap(request -> Combinators.combine(nestingSites(request),
                Arbitraries.of(NESTINGS), depths, Arbitraries.of(true, true, false))
                .as((path, nesting, wanted, balanced) -> {
                    int base = JsonText.utf8(JsonText.write(request)).length;
                    int perLevel = nesting.open().length() + (balanced ? nesting.close().length() : 0);
                    int depth = Math.max(1, Math.min(wanted, (limits.maxBodyBytes() - base - 16) / perLevel));
                    String deep = nesting.open().repeat(depth) + nesting.innermost()
                            + (balanced ? nesting.close().repeat(depth) : "");
                    byte[] body;
                    int levels = depth * (nesting.open().length() - nesting.open().replace("[", "").replace("{", "")
                            .length());
                    if (path.isEmpty()) {
                        body = JsonText.utf8(deep);
                    } else {
                        ObjectNode marked = JsonTreeEdits.replace(request, path, JSON.textNode(JsonText.SPLICE));
                        body = JsonText.utf8(JsonText.splice(marked, deep));
                        levels += path.size();
                    }
                    // a level or two either side of the parser's limit may go either way: only clear cases must fail
                    boolean unreadable = !balanced || path.isEmpty() || levels > limits.maxJsonDepth() + 2;
                    Expectation expected = unreadable ? Expectation.REJECTED : Expectation.ANSWERED;
                    String what = depth + " × " + nesting.open() + (balanced ? "" : " unclosed") + " at "
                            + JsonTreeEdits.describe(path) + " (" + levels + " levels)";
                    return new HostileBody("deep-nesting", what, body, expected, expected);
                }));
    }

    /** The body itself, the fields that take any JSON, and any existing node. */
    private static Arbitrary<List<Step>> nestingSites(ObjectNode request) {
        List<List<Step>> sites = new ArrayList<>(JsonTreeEdits.paths(request));
        sites.add(List.of());
        for (String field : List.of("thinking", "metadata", "system", "output_config", "context_management")) {
            sites.add(List.of(new Step(field, -1)));
        }
        JsonNode tools = request.path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            sites.add(List.of(new Step("tools", -1), new Step(null, 0), new Step("input_schema", -1)));
        }
        return Arbitraries.of(sites);
    }

    private static HostileBody answered(String kind, String what, byte[] body) {
        return new HostileBody(kind, what, body, Expectation.ANSWERED, Expectation.ANSWERED);
    }
}
