package dev.ccproxy.mapping;

import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.DocumentBlock;
import dev.ccproxy.anthropic.ImageBlock;
import dev.ccproxy.anthropic.Message;
import dev.ccproxy.anthropic.RedactedThinkingBlock;
import dev.ccproxy.anthropic.SearchResultBlock;
import dev.ccproxy.anthropic.ServerToolUseBlock;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.anthropic.ThinkingBlock;
import dev.ccproxy.anthropic.ToolReferenceBlock;
import dev.ccproxy.anthropic.ToolResultBlock;
import dev.ccproxy.anthropic.ToolUseBlock;
import dev.ccproxy.anthropic.UnknownBlock;
import dev.ccproxy.anthropic.WebSearchToolResultBlock;
import dev.ccproxy.openai.chat.ChatContent;
import dev.ccproxy.openai.chat.ChatContentPart;
import dev.ccproxy.openai.chat.ChatMessage;
import dev.ccproxy.openai.chat.ToolCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Anthropic system prompt and messages → Chat Completions messages, without losing the links between tool calls and
 * their results.
 *
 * <ul>
 *   <li>The system prompt (string or blocks) becomes the first {@code system} message; {@code role: "system"} entries
 *       inside {@code messages} stay where they are.</li>
 *   <li>A user turn becomes its {@code tool} messages first (in block order, as OpenAI requires them right after the
 *       assistant's calls), then one {@code user} message with the rest: text, images, documents, and any images the
 *       tools returned (a tool message can only hold text).</li>
 *   <li>An assistant turn becomes one message: its text joined, its {@code tool_use} blocks as {@code tool_calls}.</li>
 *   <li>Thinking from earlier turns is dropped: an OpenAI-compatible model cannot verify or reuse it.</li>
 * </ul>
 * Text-only content is sent as a string: every provider accepts that, not every one accepts an array of parts.
 */
final class ChatMessagesMapper {

    private static final Logger LOG = LoggerFactory.getLogger(ChatMessagesMapper.class);

    /** Some upstreams reject an empty tool message; the model still has to see that the tool said nothing. */
    static final String EMPTY_TOOL_RESULT = "(no output)";

    private final ToolNames toolNames;
    private final Map<String, String> toolNameById = new HashMap<>();
    private final List<ChatMessage> out = new ArrayList<>();

    private ChatMessagesMapper(ToolNames toolNames) {
        this.toolNames = toolNames;
    }

    static List<ChatMessage> map(List<ContentBlock> system, List<Message> messages, ToolNames toolNames) {
        ChatMessagesMapper mapper = new ChatMessagesMapper(toolNames);
        mapper.addSystem(system, "system");
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String where = "messages[" + i + "]";
            if (Message.SYSTEM.equals(message.role())) {
                mapper.addSystem(message.content(), where + ".content");
            } else if (Message.ASSISTANT.equals(message.role())) {
                mapper.addAssistant(message.content(), where);
            } else {
                mapper.addUser(message.content(), where);
            }
        }
        return List.copyOf(mapper.out);
    }

    private void addSystem(List<ContentBlock> blocks, String where) {
        if (blocks == null) {
            return;
        }
        for (ContentBlock block : blocks) {
            if (!(block instanceof TextBlock)) {
                LOG.warn("{}: a {} block cannot be part of a system prompt; it is left out", where, typeOf(block));
            }
        }
        String text = BlockText.join(blocks, "\n\n");
        if (!text.isEmpty()) {
            out.add(ChatMessage.system(text));
        }
    }

    private void addAssistant(List<ContentBlock> blocks, String where) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> toolCalls = new ArrayList<>();
        boolean afterRendered = false;
        for (int i = 0; i < blocks.size(); i++) {
            ContentBlock block = blocks.get(i);
            if (block instanceof TextBlock t && t.text() != null && !t.text().isEmpty()) {
                // text blocks of one answer are fragments of one text (citations split it): no separator between
                // them, but a new line after a rendered search
                if (afterRendered) {
                    text.append('\n');
                }
                text.append(t.text());
                afterRendered = false;
            } else if (block instanceof ToolUseBlock use) {
                toolNameById.put(use.id(), use.name());
                toolCalls.add(ToolCall.function(use.id(), toolNames.upstream(use.name()), arguments(use)));
            } else if (block instanceof ServerToolUseBlock call) {
                appendLine(text, BlockText.webSearchCall(call));
                afterRendered = true;
            } else if (block instanceof WebSearchToolResultBlock results) {
                appendLine(text, BlockText.webSearchResults(results));
                afterRendered = true;
            } else if (block instanceof TextBlock) {
                LOG.trace("{}.content[{}]: empty text", where, i);
            } else if (block instanceof ThinkingBlock || block instanceof RedactedThinkingBlock) {
                LOG.debug("{}: thinking from an earlier turn is not sent upstream", where);
            } else {
                LOG.warn("{}.content[{}]: a {} block cannot be part of an assistant message; it is left out", where,
                        i, typeOf(block));
            }
        }
        if (text.isEmpty() && toolCalls.isEmpty()) {
            LOG.debug("{}: nothing to send for this assistant turn (thinking only)", where);
            return;
        }
        out.add(ChatMessage.assistant(text.isEmpty() ? null : text.toString(), toolCalls));
    }

    private void addUser(List<ContentBlock> blocks, String where) {
        List<ChatContentPart> parts = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            ContentBlock block = blocks.get(i);
            String at = where + ".content[" + i + "]";
            if (block instanceof TextBlock t) {
                addText(parts, t.text());
            } else if (block instanceof ImageBlock image) {
                parts.add(ChatMediaParts.image(image, at));
            } else if (block instanceof DocumentBlock document) {
                parts.addAll(ChatMediaParts.document(document, at));
            } else if (block instanceof ToolResultBlock result) {
                addToolResult(result, parts, at);
            } else if (block instanceof SearchResultBlock result) {
                addText(parts, BlockText.searchResult(result));
            } else if (block instanceof ToolReferenceBlock reference) {
                addText(parts, BlockText.toolReference(reference));
            } else if (block instanceof ServerToolUseBlock call) {
                addText(parts, BlockText.webSearchCall(call));
            } else if (block instanceof WebSearchToolResultBlock results) {
                addText(parts, BlockText.webSearchResults(results));
            } else if (block instanceof ThinkingBlock || block instanceof RedactedThinkingBlock) {
                LOG.debug("{}: thinking is not sent upstream", at);
            } else {
                LOG.warn("{}: a {} block cannot be part of a user message; it is left out", at, typeOf(block));
            }
        }
        if (!parts.isEmpty()) {
            out.add(ChatMessage.user(userContent(parts)));
        }
    }

    /**
     * One {@code tool} message with the result's text ({@code Error: } first when the tool failed); images and PDFs it
     * returned go into the user message that follows, introduced by a line naming the tool.
     */
    private void addToolResult(ToolResultBlock result, List<ChatContentPart> followUp, String where) {
        StringBuilder text = new StringBuilder();
        List<ChatContentPart> attachments = new ArrayList<>();
        List<ContentBlock> content = result.content() == null ? List.of() : result.content();
        for (int i = 0; i < content.size(); i++) {
            ContentBlock block = content.get(i);
            String at = where + ".content[" + i + "]";
            if (block instanceof TextBlock t) {
                appendLine(text, t.text());
            } else if (block instanceof ImageBlock image) {
                attachments.add(ChatMediaParts.image(image, at));
            } else if (block instanceof DocumentBlock document) {
                for (ChatContentPart part : ChatMediaParts.document(document, at)) {
                    if (part instanceof ChatContentPart.TextPart textPart) {
                        appendLine(text, textPart.text());
                    } else {
                        attachments.add(part);
                    }
                }
            } else if (block instanceof SearchResultBlock search) {
                appendLine(text, BlockText.searchResult(search));
            } else if (block instanceof ToolReferenceBlock reference) {
                appendLine(text, BlockText.toolReference(reference));
            } else {
                LOG.warn("{}: a {} block inside a tool result is left out", at, typeOf(block));
            }
        }
        if (!attachments.isEmpty()) {
            appendLine(text, "[" + attachments.size() + " attachment(s) follow in the next user message]");
            String tool = toolNameById.getOrDefault(result.toolUseId(), "tool");
            followUp.add(ChatContentPart.text("Returned by the " + tool + " tool (call " + result.toolUseId() + "):"));
            followUp.addAll(attachments);
        }
        String body = text.isEmpty() ? EMPTY_TOOL_RESULT : text.toString();
        out.add(ChatMessage.tool(result.toolUseId(), result.failed() ? "Error: " + body : body));
    }

    private static ChatContent userContent(List<ChatContentPart> parts) {
        boolean textOnly = parts.stream().allMatch(part -> part instanceof ChatContentPart.TextPart);
        if (!textOnly) {
            return ChatContent.parts(parts);
        }
        StringBuilder text = new StringBuilder();
        for (ChatContentPart part : parts) {
            appendParagraph(text, ((ChatContentPart.TextPart) part).text());
        }
        return ChatContent.text(text.toString());
    }

    private static void addText(List<ChatContentPart> parts, String text) {
        if (text != null && !text.isEmpty()) {
            parts.add(ChatContentPart.text(text));
        }
    }

    private static String arguments(ToolUseBlock use) {
        return use.input() == null || use.input().isNull() ? "{}" : use.input().toString();
    }

    private static void appendLine(StringBuilder text, String line) {
        if (line == null || line.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(line);
    }

    private static void appendParagraph(StringBuilder text, String paragraph) {
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append(paragraph);
    }

    private static String typeOf(ContentBlock block) {
        return block instanceof UnknownBlock unknown ? unknown.type() : block.getClass().getSimpleName();
    }
}
