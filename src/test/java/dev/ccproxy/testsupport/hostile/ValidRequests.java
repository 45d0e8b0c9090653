package dev.ccproxy.testsupport.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.List;
import java.util.Optional;

/**
 * Well-formed Messages requests with every top-level field the proxy reads present often enough (system, tools,
 * tool_choice, thinking, metadata, stream, sampling, stop sequences) and every kind of content block, so that the
 * mutations of {@link HostileBodies} reach every level of a request. Unmutated, each one is a request the proxy must
 * serve.
 */
public final class ValidRequests {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** A 1×1 PNG and a PDF header: small, valid base64 media. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
            + "AAAABJRU5ErkJggg==";
    private static final String PDF = "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K";

    private ValidRequests() {
    }

    public static Arbitrary<ObjectNode> any() {
        Arbitrary<List<Optional<Field>>> optionalFields = Combinators.combine(List.of(
                optional(system()),
                optional(Arbitraries.of(true, false).map(stream -> new Field("stream", JSON.booleanNode(stream)))),
                optional(thinking()), optional(metadata()), optional(sampling()), optional(stopSequences()),
                optional(Arbitraries.of("low", "medium", "high")
                        .map(effort -> new Field("output_config", JSON.objectNode().put("effort", effort))))))
                .as(fields -> fields);
        return Combinators.combine(model(), Arbitraries.integers().between(1, 8192), conversation(), tools(),
                optionalFields).as((model, maxTokens, messages, tools, fields) -> {
                    ObjectNode request = JSON.objectNode().put("model", model).put("max_tokens", maxTokens);
                    request.set("messages", messages);
                    tools.ifPresent(tool -> {
                        request.set("tools", tool.tools());
                        request.set("tool_choice", tool.choice());
                    });
                    fields.forEach(field -> field.ifPresent(f -> request.set(f.name(), f.value())));
                    return request;
                });
    }

    private record Field(String name, JsonNode value) {
    }

    private record ToolSet(ArrayNode tools, ObjectNode choice) {
    }

    private static Arbitrary<Optional<Field>> optional(Arbitrary<Field> field) {
        return Arbitraries.frequencyOf(
                Tuple.of(2, field.map(Optional::of)),
                Tuple.of(1, Arbitraries.just(Optional.<Field>empty())));
    }

    private static Arbitrary<String> model() {
        return Arbitraries.of("claude-sonnet-4-5", "claude-haiku-4-5", "claude-opus-4-1", "claude-sonnet-4-5-20250929",
                "gpt-4o", "some-unmapped-model");
    }

    static Arbitrary<String> words() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange('a', 'z').withChars(' ', '.', '\n', 'é', '字')
                .ofMinLength(1).ofMaxLength(40);
        return Arbitraries.oneOf(plain, plain.map(words -> words + " 😀"));
    }

    /** user, then optionally an assistant turn with a tool call (and thinking) and the user's result, then user. */
    private static Arbitrary<ArrayNode> conversation() {
        Arbitrary<ArrayNode> single = userContent().map(content -> JSON.arrayNode().add(turn("user", content)));
        Arbitrary<ArrayNode> withToolCall = Combinators.combine(userContent(), words(), Arbitraries.of(true, false),
                userContent()).as((first, thought, withThinking, last) -> {
                    ArrayNode assistant = JSON.arrayNode();
                    if (withThinking) {
                        assistant.addObject().put("type", "thinking").put("thinking", thought).put("signature", "sig");
                    }
                    ObjectNode call = assistant.addObject().put("type", "tool_use").put("id", "toolu_01")
                            .put("name", "lookup");
                    call.putObject("input").put("query", thought);
                    ArrayNode result = JSON.arrayNode();
                    result.addObject().put("type", "tool_result").put("tool_use_id", "toolu_01")
                            .put("content", thought);
                    return JSON.arrayNode().add(turn("user", first)).add(turn("assistant", assistant))
                            .add(turn("user", result)).add(turn("user", last));
                });
        return Arbitraries.oneOf(single, withToolCall);
    }

    private static ObjectNode turn(String role, JsonNode content) {
        ObjectNode message = JSON.objectNode().put("role", role);
        message.set("content", content);
        return message;
    }

    private static Arbitrary<JsonNode> userContent() {
        Arbitrary<JsonNode> text = words().map(JSON::textNode);
        Arbitrary<JsonNode> blocks = block().list().ofMinSize(1).ofMaxSize(3).map(list -> {
            ArrayNode array = JSON.arrayNode();
            list.forEach(array::add);
            return array;
        });
        return Arbitraries.oneOf(text, blocks);
    }

    private static Arbitrary<ObjectNode> block() {
        Arbitrary<ObjectNode> text = words().map(words -> JSON.objectNode().put("type", "text").put("text", words));
        Arbitrary<ObjectNode> image = Arbitraries.just(0).map(ignored -> media("image", "image/png", PNG));
        Arbitrary<ObjectNode> pdf = Arbitraries.just(0).map(ignored -> media("document", "application/pdf", PDF));
        return Arbitraries.frequencyOf(Tuple.of(6, text), Tuple.of(1, image),
                Tuple.of(1, pdf));
    }

    private static ObjectNode media(String type, String mediaType, String data) {
        ObjectNode block = JSON.objectNode().put("type", type);
        block.putObject("source").put("type", "base64").put("media_type", mediaType).put("data", data);
        return block;
    }

    private static Arbitrary<Field> system() {
        Arbitrary<JsonNode> text = words().map(JSON::textNode);
        Arbitrary<JsonNode> blocks = words().map(words -> {
            ArrayNode array = JSON.arrayNode();
            array.addObject().put("type", "text").put("text", words)
                    .putObject("cache_control").put("type", "ephemeral");
            return array;
        });
        return Arbitraries.oneOf(text, blocks).map(value -> new Field("system", value));
    }

    /** The tool the conversation calls, sometimes with another one and the web-search server tool. */
    private static Arbitrary<Optional<ToolSet>> tools() {
        Arbitrary<ToolSet> some = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of(true, false),
                Arbitraries.of("auto", "any", "none", "tool")).as((second, webSearch, choice) -> {
                    ArrayNode tools = JSON.arrayNode();
                    ObjectNode lookup = tools.addObject().put("name", "lookup").put("description", "Looks things up");
                    ObjectNode schema = lookup.putObject("input_schema").put("type", "object");
                    schema.putObject("properties").putObject("query").put("type", "string");
                    schema.putArray("required").add("query");
                    if (second) {
                        tools.addObject().put("name", "read_file").putObject("input_schema").put("type", "object");
                    }
                    if (webSearch) {
                        tools.addObject().put("type", "web_search_20250305").put("name", "web_search")
                                .put("max_uses", 2);
                    }
                    ObjectNode toolChoice = JSON.objectNode().put("type", choice);
                    if (choice.equals("tool")) {
                        toolChoice.put("name", "lookup");
                    }
                    return new ToolSet(tools, toolChoice);
                });
        return Arbitraries.frequencyOf(Tuple.of(1, some.map(Optional::of)),
                Tuple.of(1, Arbitraries.just(Optional.<ToolSet>empty())));
    }

    private static Arbitrary<Field> thinking() {
        return Arbitraries.of("enabled", "disabled", "adaptive").map(type -> {
            ObjectNode thinking = JSON.objectNode().put("type", type);
            if (type.equals("enabled")) {
                thinking.put("budget_tokens", 1024);
            }
            return new Field("thinking", thinking);
        });
    }

    private static Arbitrary<Field> metadata() {
        return Arbitraries.strings().alpha().numeric().ofMaxLength(40)
                .map(user -> new Field("metadata", JSON.objectNode().put("user_id", user)));
    }

    private static Arbitrary<Field> sampling() {
        return Arbitraries.of("temperature", "top_p", "top_k").map(name -> new Field(name,
                name.equals("top_k") ? JSON.numberNode(40) : JSON.numberNode(0.5)));
    }

    private static Arbitrary<Field> stopSequences() {
        return words().list().ofMaxSize(3).map(stops -> {
            ArrayNode array = JSON.arrayNode();
            stops.forEach(array::add);
            return new Field("stop_sequences", array);
        });
    }
}
