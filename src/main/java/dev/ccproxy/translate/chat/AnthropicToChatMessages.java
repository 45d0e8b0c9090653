package dev.ccproxy.translate.chat;

import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.Message;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.anthropic.ThinkingBlock;
import dev.ccproxy.anthropic.ToolResultBlock;
import dev.ccproxy.anthropic.ToolUseBlock;
import dev.ccproxy.config.ModelProfile;
import dev.ccproxy.error.InvalidRequestException;
import dev.ccproxy.openai.chat.ChatContent;
import dev.ccproxy.openai.chat.ChatContentPart;
import dev.ccproxy.openai.chat.ChatMessage;
import dev.ccproxy.openai.chat.ToolCall;
import dev.ccproxy.translate.common.BlockText;
import dev.ccproxy.translate.common.MediaPart;
import dev.ccproxy.translate.common.ToolCallIds;
import dev.ccproxy.translate.common.ToolNames;
import dev.ccproxy.translate.common.TurnBlocks;
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
final class AnthropicToChatMessages {

    private static final Logger LOG = LoggerFactory.getLogger(AnthropicToChatMessages.class);

    private final ToolNames toolNames;
    private final ModelProfile profile;
    private final Map<String, String> toolNameById = new HashMap<>();
    private final List<ChatMessage> out = new ArrayList<>();

    private AnthropicToChatMessages(ToolNames toolNames, ModelProfile profile) {
        this.toolNames = toolNames;
        this.profile = profile;
    }

    /** @param profile the upstream model's: vision, and whether earlier reasoning goes back */
    static List<ChatMessage> map(List<ContentBlock> system, List<Message> messages, ToolNames toolNames,
            ModelProfile profile) {
        AnthropicToChatMessages mapper = new AnthropicToChatMessages(toolNames, profile);
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
                LOG.warn("{}: a {} block cannot be part of a system prompt; it is left out", where, TurnBlocks.typeOf(block));
            }
        }
        String text = BlockText.join(blocks, "\n\n");
        if (!text.isEmpty()) {
            out.add(ChatMessage.system(text));
        }
    }

    private void addAssistant(List<ContentBlock> blocks, String where) {
        TurnBlocks.AssistantText text = new TurnBlocks.AssistantText();
        List<ToolCall> toolCalls = new ArrayList<>();
        StringBuilder reasoning = new StringBuilder();
        TurnBlocks.assistant(blocks, where, text, new TurnBlocks.AssistantTurn() {
            @Override
            public void text(TurnBlocks.AssistantText soFar) {
                // one message holds the whole turn: the text is taken once, at the end
            }

            @Override
            public void thinking(ThinkingBlock thinking, String at) {
                if (profile.reasoningHistory() && thinking.thinking() != null) {
                    reasoning.append(thinking.thinking());
                } else {
                    TurnBlocks.AssistantTurn.super.thinking(thinking, at);
                }
            }

            @Override
            public void toolUse(ToolUseBlock use) {
                toolNameById.put(use.id(), use.name());
                toolCalls.add(ToolCall.function(ToolCallIds.fit(use.id(), ToolCallIds.CHAT_MAX),
                        toolNames.upstream(use.name()), TurnBlocks.arguments(use)));
            }
        });
        if (text.isEmpty() && toolCalls.isEmpty()) {
            LOG.debug("{}: nothing to send for this assistant turn (thinking only)", where);
            return;
        }
        // DeepSeek wants the reasoning of a turn with tool calls back, and ignores it elsewhere
        out.add(ChatMessage.assistant(text.isEmpty() ? null : text.take(),
                reasoning.isEmpty() ? null : reasoning.toString(), toolCalls));
    }

    private void addUser(List<ContentBlock> blocks, String where) {
        List<ChatContentPart> parts = new ArrayList<>();
        TurnBlocks.user(blocks, where, profile.vision(), new TurnBlocks.UserTurn() {
            @Override
            public void part(MediaPart part) {
                parts.add(chatPart(part));
            }

            @Override
            public void toolResult(ToolResultBlock result, String at) {
                addToolResult(result, parts, at);
            }
        });
        if (!parts.isEmpty()) {
            out.add(ChatMessage.user(userContent(parts)));
        }
    }

    /**
     * One {@code tool} message with the result's text ({@code Error: } first when the tool failed); images and PDFs it
     * returned go into the user message that follows, introduced by a line naming the tool.
     */
    private void addToolResult(ToolResultBlock result, List<ChatContentPart> followUp, String where) {
        TurnBlocks.ToolOutput output = TurnBlocks.toolOutput(result, where, profile.vision());
        if (!output.attachments().isEmpty()) {
            String tool = toolNameById.getOrDefault(result.toolUseId(), "tool");
            followUp.add(ChatContentPart.text("Returned by the " + tool + " tool (call " + result.toolUseId() + "):"));
            output.attachments().forEach(part -> followUp.add(chatPart(part)));
            output = output.withLine(
                    "[" + output.attachments().size() + " attachment(s) follow in the next user message]");
        }
        out.add(ChatMessage.tool(ToolCallIds.fit(result.toolUseId(), ToolCallIds.CHAT_MAX),
                output.body(result.failed())));
    }

    /** Chat Completions has no way to hand the model a document by URL: that is a 400, said plainly. */
    private static ChatContentPart chatPart(MediaPart part) {
        if (part instanceof MediaPart.Text text) {
            return ChatContentPart.text(text.text());
        }
        if (part instanceof MediaPart.Image image) {
            return ChatContentPart.imageUrl(image.url());
        }
        if (part instanceof MediaPart.File file) {
            return ChatContentPart.file(file.filename(), file.dataUrl());
        }
        MediaPart.FileUrl url = (MediaPart.FileUrl) part;
        throw new InvalidRequestException(url.where() + ".source: document URLs cannot be read by a Chat Completions "
                + "upstream; send the PDF as base64 (source.type \"base64\")");
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

    private static void appendParagraph(StringBuilder text, String paragraph) {
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append(paragraph);
    }
}
