package dev.ccproxy.translate.chat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.Ids;
import dev.ccproxy.anthropic.MessagesResponse;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.anthropic.ThinkingBlock;
import dev.ccproxy.anthropic.ToolUseBlock;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.openai.chat.ChatCompletion;
import dev.ccproxy.openai.chat.ToolCall;
import dev.ccproxy.translate.common.StopReasons;
import dev.ccproxy.translate.common.StopSequences;
import dev.ccproxy.translate.common.ToolArguments;
import dev.ccproxy.translate.common.TranslationContext;

import java.util.ArrayList;
import java.util.List;

/**
 * Chat Completions answer → Anthropic message (docs/conversion.md, "Chat Completions answers"): content in the order
 * thinking → text → tool_use, tool names mapped back, arguments parsed (and repaired), stop reason and usage
 * translated, the requested model echoed.
 */
public final class ChatToAnthropicResponse {

    private ChatToAnthropicResponse() {
    }

    public static MessagesResponse map(ChatCompletion completion, TranslationContext context) {
        if (completion.choices() == null || completion.choices().isEmpty() || completion.choices().get(0) == null) {
            throw new ProxyException(AnthropicErrorType.API, 502, "The upstream answered without any choices", null,
                    null);
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        ChatCompletion.ResponseMessage message = choice.message() != null ? choice.message()
                : new ChatCompletion.ResponseMessage("assistant", null, null, null, null, null, null);
        List<ContentBlock> content = new ArrayList<>();

        String reasoning = firstNonEmpty(message.reasoningContent(), message.reasoning());
        if (reasoning != null) {
            // no signature can be made for upstream reasoning; an empty one keeps SDK parsers happy
            content.add(new ThinkingBlock(reasoning, ""));
        }

        String text = firstNonEmpty(text(message.content()), null);
        boolean refused = text == null && firstNonEmpty(message.refusal(), null) != null;
        if (refused) {
            text = message.refusal();
        }
        String stopSequence = StopSequences.matched(context.stopSequences(), text, choice.stopReason(),
                choice.matchedStop());
        if (text != null && stopSequence != null && text.endsWith(stopSequence)) {
            // Anthropic never includes the stop sequence in the text
            text = text.substring(0, text.length() - stopSequence.length());
        }
        if (text != null && !text.isEmpty()) {
            content.add(TextBlock.of(text));
        }

        List<ToolCall> calls = toolCalls(message);
        for (ToolCall call : calls) {
            content.add(new ToolUseBlock(
                    call.id() == null || call.id().isEmpty() ? Ids.toolUse() : call.id(),
                    context.toolNames().original(call.function().name()),
                    ToolArguments.parse(call.function().arguments())));
        }
        if (content.isEmpty()) {
            content.add(TextBlock.of(""));
        }

        String stopReason = refused ? StopReasons.REFUSAL
                : ChatToAnthropicStopReason.of(choice.finishReason(), !calls.isEmpty(), stopSequence);
        return MessagesResponse.of(Ids.message(), context.requestedModel(), content, stopReason,
                StopReasons.STOP_SEQUENCE.equals(stopReason) ? stopSequence : null,
                ChatToAnthropicUsage.of(completion.usage())).withContextManagement(context.contextManagement());
    }

    /** Function calls only; the legacy single {@code function_call} counts as one. */
    private static List<ToolCall> toolCalls(ChatCompletion.ResponseMessage message) {
        List<ToolCall> calls = new ArrayList<>();
        if (message.toolCalls() != null) {
            for (ToolCall call : message.toolCalls()) {
                if (call != null && call.function() != null && call.function().name() != null) {
                    calls.add(call);
                }
            }
        }
        if (calls.isEmpty() && message.functionCall() != null && message.functionCall().name() != null) {
            calls.add(new ToolCall(null, null, "function", message.functionCall()));
        }
        return calls;
    }

    /** Content is a string; a few providers send a list of parts, whose text is joined. */
    private static String text(JsonNode content) {
        if (content == null || content.isNull()) {
            return null;
        }
        if (content.isTextual()) {
            return content.textValue();
        }
        StringBuilder text = new StringBuilder();
        if (content.isArray()) {
            for (JsonNode part : content) {
                JsonNode partText = part.isTextual() ? part : part.get("text");
                if (partText != null && partText.isTextual()) {
                    text.append(partText.textValue());
                }
            }
        }
        return text.toString();
    }

    private static String firstNonEmpty(String first, String second) {
        if (first != null && !first.isEmpty()) {
            return first;
        }
        return second != null && !second.isEmpty() ? second : null;
    }
}
