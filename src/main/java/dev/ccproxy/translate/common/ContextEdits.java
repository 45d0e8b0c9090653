package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.Message;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.RedactedThinkingBlock;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.anthropic.ThinkingBlock;
import dev.ccproxy.anthropic.ToolResultBlock;
import dev.ccproxy.anthropic.ToolUseBlock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToIntFunction;

/**
 * Anthropic's context editing ({@code context_management.edits}), applied by the proxy to the history before it is
 * converted, since no other upstream does it; deterministic, in the order the edits are given:
 *
 * <ul>
 *   <li>{@code clear_tool_uses_20250919}: once the request counts more than {@code trigger} input tokens (100,000 by
 *       default), the results of all but the {@code keep} most recent tool uses (3 by default) become a short
 *       placeholder, and with {@code clear_tool_inputs} their inputs are emptied too; tools named in
 *       {@code exclude_tools} are left alone; when fewer than {@code clear_at_least} tokens would be cleared, nothing
 *       is.</li>
 *   <li>{@code clear_thinking_20251015}: thinking in all but the {@code keep} most recent assistant turns that have
 *       some (1 by default; {@code "all"} keeps every one) is removed.</li>
 * </ul>
 *
 * Other edit types are left out with a log line, never refused. What was applied is reported as Anthropic does, in
 * {@code context_management.applied_edits} of the answer.
 */
public final class ContextEdits {

    static final String CLEAR_TOOL_USES = "clear_tool_uses_20250919";
    static final String CLEAR_THINKING = "clear_thinking_20251015";
    /** What a cleared tool result says instead. */
    static final String CLEARED = "[tool result cleared to save context]";

    private static final Logger LOG = LoggerFactory.getLogger(ContextEdits.class);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ContextEdits() {
    }

    /**
     * The request with its edits applied, and the report for the answer.
     *
     * @param report {@code {"applied_edits": [...]}}, or null when the request asked for no context management
     */
    public record Result(MessagesRequest request, JsonNode report) {
    }

    public static Result apply(MessagesRequest request, ToIntFunction<MessagesRequest> tokens) {
        JsonNode edits = request.contextManagement() == null ? null : request.contextManagement().get("edits");
        if (edits == null || !edits.isArray()) {
            return new Result(request, null);
        }
        ObjectNode report = JSON.objectNode();
        ArrayNode applied = report.putArray("applied_edits");
        MessagesRequest current = request;
        for (JsonNode edit : edits) {
            String type = edit.path("type").asText("");
            MessagesRequest edited = switch (type) {
                case CLEAR_TOOL_USES -> clearToolUses(current, edit, tokens, applied);
                case CLEAR_THINKING -> clearThinking(current, edit, tokens, applied);
                default -> {
                    LOG.info("context_management edit {} is not one the proxy applies; left out", type);
                    yield current;
                }
            };
            current = edited;
        }
        return new Result(current, report);
    }

    private static MessagesRequest clearToolUses(MessagesRequest request, JsonNode edit,
            ToIntFunction<MessagesRequest> tokens, ArrayNode applied) {
        int before = tokens.applyAsInt(request);
        if (before <= edit.path("trigger").path("value").asInt(100_000)) {
            return request;
        }
        int keep = edit.path("keep").path("value").asInt(3);
        Set<String> excluded = new HashSet<>();
        edit.path("exclude_tools").forEach(name -> excluded.add(name.asText()));
        boolean clearInputs = edit.path("clear_tool_inputs").asBoolean(false);
        List<String> uses = new ArrayList<>();
        for (Message message : request.messages()) {
            for (ContentBlock block : blocks(message)) {
                if (block instanceof ToolUseBlock use && use.id() != null && !excluded.contains(use.name())) {
                    uses.add(use.id());
                }
            }
        }
        Set<String> cleared = new HashSet<>(uses.subList(0, Math.max(0, uses.size() - keep)));
        if (cleared.isEmpty()) {
            return request;
        }
        List<Message> messages = new ArrayList<>();
        for (Message message : request.messages()) {
            List<ContentBlock> content = new ArrayList<>();
            for (ContentBlock block : blocks(message)) {
                if (block instanceof ToolResultBlock result && cleared.contains(result.toolUseId())) {
                    content.add(new ToolResultBlock(result.toolUseId(), List.of(TextBlock.of(CLEARED)),
                            result.isError()));
                } else if (clearInputs && block instanceof ToolUseBlock use && cleared.contains(use.id())) {
                    content.add(new ToolUseBlock(use.id(), use.name(), JSON.objectNode(), use.caller()));
                } else {
                    content.add(block);
                }
            }
            messages.add(new Message(message.role(), content));
        }
        MessagesRequest edited = request.withMessages(messages);
        int clearedTokens = Math.max(0, before - tokens.applyAsInt(edited));
        if (clearedTokens < edit.path("clear_at_least").path("value").asInt(0)) {
            return request;
        }
        ObjectNode done = applied.addObject();
        done.put("type", CLEAR_TOOL_USES);
        done.put("cleared_tool_uses", cleared.size());
        done.put("cleared_input_tokens", clearedTokens);
        return edited;
    }

    private static MessagesRequest clearThinking(MessagesRequest request, JsonNode edit,
            ToIntFunction<MessagesRequest> tokens, ArrayNode applied) {
        JsonNode keepSetting = edit.get("keep");
        if (keepSetting != null && keepSetting.isTextual() && keepSetting.textValue().equals("all")) {
            return request;
        }
        int keep = keepSetting == null ? 1 : keepSetting.path("value").asInt(1);
        List<Integer> turnsWithThinking = new ArrayList<>();
        for (int i = 0; i < request.messages().size(); i++) {
            Message message = request.messages().get(i);
            if (Message.ASSISTANT.equals(message.role())
                    && blocks(message).stream().anyMatch(ContextEdits::isThinking)) {
                turnsWithThinking.add(i);
            }
        }
        Set<Integer> cleared = new HashSet<>(turnsWithThinking.subList(0,
                Math.max(0, turnsWithThinking.size() - keep)));
        if (cleared.isEmpty()) {
            return request;
        }
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < request.messages().size(); i++) {
            Message message = request.messages().get(i);
            messages.add(cleared.contains(i) ? new Message(message.role(),
                    blocks(message).stream().filter(block -> !isThinking(block)).toList()) : message);
        }
        MessagesRequest edited = request.withMessages(messages);
        ObjectNode done = applied.addObject();
        done.put("type", CLEAR_THINKING);
        done.put("cleared_thinking_turns", cleared.size());
        done.put("cleared_input_tokens", Math.max(0, tokens.applyAsInt(request) - tokens.applyAsInt(edited)));
        return edited;
    }

    private static boolean isThinking(ContentBlock block) {
        return block instanceof ThinkingBlock || block instanceof RedactedThinkingBlock;
    }

    private static List<ContentBlock> blocks(Message message) {
        return message == null || message.content() == null ? List.of() : message.content();
    }
}
