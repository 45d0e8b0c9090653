package dev.ccproxy.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static dev.ccproxy.testsupport.hostile.JsonTreeEdits.Step;

/**
 * Content blocks, tools, tool choices and thinking settings of types the proxy does not know (or knows with sources
 * and fields it does not expect), put where Claude Code's newer versions might put them: in a message's content, in
 * the system prompt, inside a tool result.
 */
final class UnknownBlockBodies {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Types the proxy does not know (or no type at all): never a reason to refuse a request (ContentBlock), so a
     * valid request that carries one must still be served.
     */
    private static final List<String> UNKNOWN_TYPES = List.of(
            "{\"type\":\"frobnicate\",\"payload\":{\"x\":[1,2]}}",
            "{\"type\":\"container_upload\",\"file_id\":\"file_01\"}",
            "{\"type\":\"mcp_tool_use\",\"id\":\"mcptoolu_1\",\"name\":\"n\",\"server_name\":\"s\",\"input\":{}}",
            "{\"type\":\"mcp_tool_result\",\"tool_use_id\":\"mcptoolu_1\",\"content\":[]}",
            "{\"type\":\"code_execution_tool_result\",\"tool_use_id\":\"x\",\"content\":{}}",
            "{\"type\":\"web_fetch_tool_result\",\"tool_use_id\":\"x\",\"content\":{\"type\":\"web_fetch_result\"}}",
            "{\"type\":\"\"}", "{\"type\":\"TEXT\",\"text\":\"x\"}", "{\"type\":\"text \",\"text\":\"x\"}",
            "{\"text\":\"no type\"}", "{}");

    /** Known types with sources, fields or places the proxy may not take, and types that are not strings. */
    private static final List<String> ODD_BLOCKS = List.of("{\"type\":null}", "{\"type\":[\"text\"]}",
            "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/a.png\"}}",
            "{\"type\":\"image\",\"source\":{\"type\":\"file\",\"file_id\":\"file_01\"}}",
            "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/x-nope\",\"data\":\"!!\"}}",
            "{\"type\":\"image\",\"source\":{\"type\":\"teleport\"}}", "{\"type\":\"image\"}",
            "{\"type\":\"document\",\"source\":{\"type\":\"content\",\"content\":[{\"type\":\"text\",\"text\":\"d\"}]}}",
            "{\"type\":\"document\",\"source\":{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"d\"}}",
            "{\"type\":\"document\",\"source\":{\"type\":\"content\",\"content\":\"d\"}}", "{\"type\":\"document\"}",
            "{\"type\":\"search_result\",\"source\":\"s\",\"title\":\"t\",\"content\":[{\"type\":\"text\",\"text\":\"r\"}]}",
            "{\"type\":\"tool_reference\",\"tool_name\":\"lookup\"}",
            "{\"type\":\"server_tool_use\",\"id\":\"srvtoolu_1\",\"name\":\"web_search\",\"input\":{\"query\":\"q\"}}",
            "{\"type\":\"web_search_tool_result\",\"tool_use_id\":\"srvtoolu_1\",\"content\":[]}",
            "{\"type\":\"redacted_thinking\",\"data\":\"opaque\"}", "{\"type\":\"thinking\"}",
            "{\"type\":\"tool_use\",\"id\":\"toolu_9\",\"name\":\"lookup\",\"input\":\"not an object\"}",
            "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_unknown\",\"content\":[{\"type\":\"frobnicate\"}]}",
            "{\"type\":\"text\",\"text\":\"x\",\"citations\":[{\"type\":\"char_location\"}],\"cache_control\":{\"type\":\"x\"}}");

    private static final List<String> TOOLS = List.of(
            "{\"type\":\"computer_20250124\",\"name\":\"computer\",\"display_width_px\":1024,\"display_height_px\":768}",
            "{\"type\":\"bash_20250124\",\"name\":\"bash\"}",
            "{\"type\":\"text_editor_20250429\",\"name\":\"str_replace_based_edit_tool\"}",
            "{\"type\":\"web_fetch_20250910\",\"name\":\"web_fetch\"}", "{\"type\":\"custom\",\"name\":\"c\"}",
            "{\"type\":\"frobnicate\",\"name\":\"f\",\"input_schema\":{\"type\":\"object\"}}",
            "{\"type\":\"web_search_20250305\",\"name\":\"web_search\",\"user_location\":{\"type\":\"approximate\"}}",
            "{\"name\":\"odd schema\",\"input_schema\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/nowhere\"}}}",
            "{\"name\":\"lookup\",\"input_schema\":{\"type\":\"object\"}}",
            "{\"name\":\"x\",\"input_schema\":{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"frobnicate\"}}}}");

    private static final List<String> CHOICES = List.of("{\"type\":\"frobnicate\"}", "{\"type\":\"tool\"}",
            "{\"type\":\"tool\",\"name\":\"no_such_tool\"}", "{}",
            "{\"type\":\"auto\",\"disable_parallel_tool_use\":true}");

    private static final List<String> THINKING = List.of("{\"type\":\"frobnicate\"}", "{\"type\":\"enabled\"}",
            "{\"type\":\"enabled\",\"budget_tokens\":-5}", "{\"type\":\"enabled\",\"budget_tokens\":\"lots\"}",
            "{\"budget_tokens\":1024}", "{}", "{\"type\":\"adaptive\",\"display\":\"frobnicate\"}");

    private UnknownBlockBodies() {
    }

    static Arbitrary<HostileBody> unknownBlocks() {
        return ValidRequests.any().flatMap(request -> Arbitraries.oneOf(
                Combinators.combine(contentArrays(request), Arbitraries.of(UNKNOWN_TYPES)).as((path, block) ->
                        body("unknown-block", block + " in " + JsonTreeEdits.describe(path),
                                withBlock(request, path, block), Expectation.ACCEPTED)),
                Combinators.combine(contentArrays(request), Arbitraries.of(ODD_BLOCKS)).as((path, block) ->
                        body("odd-block", block + " in " + JsonTreeEdits.describe(path),
                                withBlock(request, path, block), Expectation.ANSWERED)),
                Arbitraries.of(TOOLS).map(tool -> body("unknown-tool", tool, with(request, "tools", "[" + tool + "]"),
                        Expectation.ANSWERED)),
                Arbitraries.of(CHOICES).map(choice -> body("unknown-tool-choice", choice,
                        with(request, "tool_choice", choice), Expectation.ANSWERED)),
                Arbitraries.of(THINKING).map(thinking -> body("unknown-thinking", thinking,
                        with(request, "thinking", thinking), Expectation.ANSWERED))));
    }

    /** Every content array of the request, strings included (a string content becomes an array). */
    private static Arbitrary<List<Step>> contentArrays(ObjectNode request) {
        List<List<Step>> arrays = new ArrayList<>();
        for (List<Step> path : JsonTreeEdits.paths(request)) {
            String last = path.get(path.size() - 1).field();
            if ("content".equals(last) || "system".equals(last)) {
                arrays.add(path);
            }
        }
        arrays.add(List.of(new Step("system", -1)));
        return Arbitraries.of(arrays);
    }

    private static ObjectNode withBlock(ObjectNode request, List<Step> path, String block) {
        JsonNode current = JsonTreeEdits.get(request, path);
        ArrayNode blocks = JSON.createArrayNode();
        if (current.isTextual()) {
            blocks.addObject().put("type", "text").put("text", current.asText());
        } else if (current.isArray()) {
            blocks.addAll((ArrayNode) current.deepCopy());
        }
        blocks.add(parse(block));
        return JsonTreeEdits.replace(request, path, blocks);
    }

    private static ObjectNode with(ObjectNode request, String field, String json) {
        return JsonTreeEdits.replace(request, List.of(new Step(field, -1)), parse(json));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(json, e);
        }
    }

    private static HostileBody body(String kind, String what, ObjectNode request, Expectation expected) {
        return new HostileBody(kind, what, JsonText.utf8(JsonText.write(request)), expected, expected);
    }
}
