package dev.ccproxy.mapping;

import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.Message;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.anthropic.ToolResultBlock;
import dev.ccproxy.anthropic.ToolUseBlock;

import java.util.List;

/**
 * A quick estimate of a request's input tokens (about four characters a token) for {@code message_start}, which is
 * sent before the upstream has counted anything. The final {@code message_delta} carries the upstream's real count.
 */
public final class InputTokenEstimate {

    private static final int CHARACTERS_PER_TOKEN = 4;
    private static final int PER_IMAGE_OR_DOCUMENT = 1500;

    private InputTokenEstimate() {
    }

    public static int of(MessagesRequest request) {
        long characters = characters(request.system());
        for (Message message : request.messages()) {
            characters += characters(message.content());
        }
        if (request.tools() != null) {
            for (Tool tool : request.tools()) {
                characters += length(tool.name()) + length(tool.description())
                        + (tool.inputSchema() == null ? 0 : tool.inputSchema().toString().length());
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, characters / CHARACTERS_PER_TOKEN));
    }

    private static long characters(List<ContentBlock> blocks) {
        if (blocks == null) {
            return 0;
        }
        long characters = 0;
        for (ContentBlock block : blocks) {
            if (block instanceof TextBlock text) {
                characters += length(text.text());
            } else if (block instanceof ToolUseBlock use) {
                characters += length(use.name()) + (use.input() == null ? 0 : use.input().toString().length());
            } else if (block instanceof ToolResultBlock result) {
                characters += characters(result.content());
            } else if (block instanceof dev.ccproxy.anthropic.ImageBlock
                    || block instanceof dev.ccproxy.anthropic.DocumentBlock) {
                characters += (long) PER_IMAGE_OR_DOCUMENT * CHARACTERS_PER_TOKEN;
            }
        }
        return characters;
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }
}
