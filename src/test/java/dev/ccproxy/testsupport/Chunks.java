package dev.ccproxy.testsupport;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Chat Completions stream chunks as OpenAI sends them (valid per its spec), for scripted upstreams. */
public final class Chunks {

    private Chunks() {
    }

    public static String role() {
        return chunk(delta().put("role", "assistant").put("content", ""), null);
    }

    public static String text(String text) {
        return chunk(delta().put("content", text), null);
    }

    public static String reasoning(String text) {
        return chunk(delta().put("reasoning_content", text), null);
    }

    public static String toolCall(int index, String id, String name, String arguments) {
        ObjectNode delta = delta();
        ObjectNode call = delta.putArray("tool_calls").addObject().put("index", index);
        if (id != null) {
            call.put("id", id).put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", arguments);
        return chunk(delta, null);
    }

    public static String finish(String reason) {
        return chunk(delta(), reason);
    }

    public static String usage(int prompt, int completion) {
        ObjectNode chunk = base();
        chunk.putArray("choices");
        chunk.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return chunk.toString();
    }

    public static String error(String message) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.putObject("error").put("message", message).put("type", "server_error");
        return error.toString();
    }

    /** A whole answer: the role chunk, the text in pieces, the finish, the usage, {@code [DONE]}. */
    public static List<String> answer(String... pieces) {
        List<String> chunks = new ArrayList<>();
        chunks.add(role());
        for (String piece : pieces) {
            chunks.add(text(piece));
        }
        chunks.add(finish("stop"));
        chunks.add(usage(12, pieces.length));
        chunks.add("[DONE]");
        return chunks;
    }

    private static ObjectNode delta() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static String chunk(ObjectNode delta, String finishReason) {
        ObjectNode chunk = base();
        ArrayNode choices = chunk.putArray("choices");
        ObjectNode choice = choices.addObject().put("index", 0);
        choice.set("delta", delta);
        choice.putNull("logprobs");
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk.toString();
    }

    private static ObjectNode base() {
        return JsonNodeFactory.instance.objectNode().put("id", "chatcmpl-scripted").put("object", "chat.completion.chunk")
                .put("created", 1741569952).put("model", "gpt-4o-2024-08-06");
    }
}
