package dev.ccproxy.translate.responses;

import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.Message;
import dev.ccproxy.anthropic.ThinkingBlock;
import dev.ccproxy.anthropic.ToolResultBlock;
import dev.ccproxy.anthropic.ToolUseBlock;
import dev.ccproxy.openai.responses.ResponsesInputItem;
import dev.ccproxy.openai.responses.ResponsesInputItem.Content;
import dev.ccproxy.openai.responses.ResponsesInputItem.Part;
import dev.ccproxy.translate.common.BlockText;
import dev.ccproxy.translate.common.MediaPart;
import dev.ccproxy.translate.common.ToolCallIds;
import dev.ccproxy.translate.common.ToolNames;
import dev.ccproxy.translate.common.TurnBlocks;

import java.util.ArrayList;
import java.util.List;

/**
 * Anthropic messages → Responses {@code input} items (docs/conversion.md, "Requests to the Responses API"), keeping the
 * links between calls and results:
 *
 * <ul>
 *   <li>{@code role: "system"} entries stay where they are, as system messages.</li>
 *   <li>A user turn becomes its {@code function_call_output} items first (in block order), then one user message
 *       with the rest: text, {@code input_image}, {@code input_file}. A tool result that carries images or files
 *       keeps them in its output, which the Responses API accepts as parts.</li>
 *   <li>An assistant turn becomes its text (one message per run of text) and a {@code function_call} item per
 *       {@code tool_use}, in their order.</li>
 *   <li>Thinking from earlier turns is dropped: there is no valid encrypted reasoning to replay.</li>
 * </ul>
 */
final class AnthropicToResponsesInput {

    private final ToolNames toolNames;
    private final boolean vision;
    /** Only a reasoning model takes reasoning items back (a conversation may have moved to another model). */
    private final boolean reasoning;
    private final List<ResponsesInputItem> items = new ArrayList<>();

    private AnthropicToResponsesInput(ToolNames toolNames, boolean vision, boolean reasoning) {
        this.reasoning = reasoning;
        this.toolNames = toolNames;
        this.vision = vision;
    }

    /** @param vision whether the upstream model sees images (its profile's) */
    static List<ResponsesInputItem> map(List<Message> messages, ToolNames toolNames, boolean vision,
            boolean reasoning) {
        AnthropicToResponsesInput mapper = new AnthropicToResponsesInput(toolNames, vision, reasoning);
        for (int i = 0; i < messages.size(); i++) {
            Message message = messages.get(i);
            String where = "messages[" + i + "]";
            if (Message.SYSTEM.equals(message.role())) {
                String text = BlockText.join(message.content(), "\n\n");
                if (!text.isEmpty()) {
                    mapper.items.add(ResponsesInputItem.message("system", Content.text(text)));
                }
            } else if (Message.ASSISTANT.equals(message.role())) {
                mapper.addAssistant(message.content(), where);
            } else {
                mapper.addUser(message.content(), where);
            }
        }
        return List.copyOf(mapper.items);
    }

    private void addAssistant(List<ContentBlock> blocks, String where) {
        TurnBlocks.AssistantText assistantText = new TurnBlocks.AssistantText();
        TurnBlocks.assistant(blocks, where, assistantText, new TurnBlocks.AssistantTurn() {
            /** Our own reasoning items go back in their place; other thinking (Anthropic's, another provider's) not. */
            @Override
            public void thinking(ThinkingBlock thinking, String at) {
                ReasoningSignature.read(reasoning ? thinking.signature() : null).ifPresentOrElse(item -> {
                    text(assistantText);
                    items.add(ResponsesInputItem.reasoning(item.id(), thinking.thinking(), item.encryptedContent()));
                }, () -> TurnBlocks.AssistantTurn.super.thinking(thinking, at));
            }

            @Override
            public void text(TurnBlocks.AssistantText text) {
                // each run of text is its own message, so that calls stay between the words around them
                if (!text.isEmpty()) {
                    items.add(ResponsesInputItem.message("assistant", Content.text(text.take())));
                }
            }

            @Override
            public void toolUse(ToolUseBlock use) {
                items.add(ResponsesInputItem.functionCall(ToolCallIds.fit(use.id(), ToolCallIds.RESPONSES_MAX),
                        toolNames.upstream(use.name()), TurnBlocks.arguments(use)));
            }
        });
    }

    private void addUser(List<ContentBlock> blocks, String where) {
        List<Part> parts = new ArrayList<>();
        TurnBlocks.user(blocks, where, vision, new TurnBlocks.UserTurn() {
            @Override
            public void part(MediaPart part) {
                parts.add(AnthropicToResponsesInput.part(part));
            }

            @Override
            public void toolResult(ToolResultBlock result, String at) {
                items.add(ResponsesInputItem.functionCallOutput(
                        ToolCallIds.fit(result.toolUseId(), ToolCallIds.RESPONSES_MAX),
                        toolOutput(result, at, vision)));
            }
        });
        if (!parts.isEmpty()) {
            items.add(ResponsesInputItem.message("user", Content.parts(parts)));
        }
    }

    /** The result's text ({@code Error: } first when the tool failed), with its images and files as parts. */
    private static Content toolOutput(ToolResultBlock result, String where, boolean vision) {
        TurnBlocks.ToolOutput output = TurnBlocks.toolOutput(result, where, vision);
        String text = output.body(result.failed());
        if (output.attachments().isEmpty()) {
            return Content.text(text);
        }
        List<Part> parts = new ArrayList<>();
        parts.add(Part.text(text));
        output.attachments().forEach(part -> parts.add(part(part)));
        return Content.parts(parts);
    }

    private static Part part(MediaPart part) {
        if (part instanceof MediaPart.Text text) {
            return Part.text(text.text());
        }
        if (part instanceof MediaPart.Image image) {
            return Part.image(image.url());
        }
        if (part instanceof MediaPart.File file) {
            return Part.file(file.filename(), file.dataUrl());
        }
        return Part.fileUrl(((MediaPart.FileUrl) part).url());
    }
}
