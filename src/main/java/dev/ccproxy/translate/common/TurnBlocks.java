package dev.ccproxy.translate.common;

import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.DocumentBlock;
import dev.ccproxy.anthropic.ImageBlock;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the blocks of one Anthropic turn into what both upstream APIs are built from, so that Chat Completions and
 * the Responses API agree on what each block becomes: media and text parts, tool results, assistant text and tool
 * calls. What no upstream can take (thinking from earlier turns, blocks that do not belong in a turn) is left out
 * with a log line; blocks only Anthropic understands (earlier searches, search results, tool references) become
 * compact text.
 */
public final class TurnBlocks {

    private static final Logger LOG = LoggerFactory.getLogger(TurnBlocks.class);

    /** Some upstreams reject an empty tool result; the model still has to see that the tool said nothing. */
    static final String EMPTY_TOOL_RESULT = "(no output)";
    /** What a model without vision reads where an image was. */
    static final String IMAGE_LEFT_OUT = "[an image was here; this model cannot see images]";

    /** Receives a user turn's pieces in block order. */
    public interface UserTurn {
        void part(MediaPart part);

        void toolResult(ToolResultBlock result, String where);
    }

    /** Receives an assistant turn's pieces in block order. */
    public interface AssistantTurn {
        void text(AssistantText text);

        void toolUse(ToolUseBlock use);

        /** Earlier thinking: left out unless the upstream needs it back. */
        default void thinking(ThinkingBlock thinking, String where) {
            LOG.debug("{}: thinking from an earlier turn is not sent upstream", where);
        }
    }

    /**
     * A tool result's text (text blocks, text documents, search results and tool references, one a line) and its
     * images and files.
     */
    public record ToolOutput(String text, List<MediaPart> attachments) {

        public ToolOutput withLine(String line) {
            StringBuilder longer = new StringBuilder(text);
            appendLine(longer, line);
            return new ToolOutput(longer.toString(), attachments);
        }

        /** The text as the model sees it: {@code Error: } first when the tool failed, never empty. */
        public String body(boolean failed) {
            String body = text.isEmpty() ? EMPTY_TOOL_RESULT : text;
            return failed ? "Error: " + body : body;
        }
    }

    /**
     * An assistant turn's text. Text blocks of one answer are fragments of one text (citations split it): they are
     * joined without a separator, but a rendered earlier search starts and ends a line.
     */
    public static final class AssistantText {
        private final StringBuilder text = new StringBuilder();
        private boolean afterRendered;

        void fragment(String fragment) {
            if (afterRendered && !text.isEmpty()) {
                text.append('\n');
            }
            text.append(fragment);
            afterRendered = false;
        }

        void rendered(String line) {
            appendLine(text, line);
            afterRendered = true;
        }

        public boolean isEmpty() {
            return text.isEmpty();
        }

        /** The text so far; the next fragment starts a new text. */
        public String take() {
            String taken = text.toString();
            text.setLength(0);
            afterRendered = false;
            return taken;
        }
    }

    private TurnBlocks() {
    }

    /** @param vision whether the model sees images; otherwise each becomes a short note */
    public static void user(List<ContentBlock> blocks, String where, boolean vision, UserTurn turn) {
        for (int i = 0; i < blocks.size(); i++) {
            ContentBlock block = blocks.get(i);
            String at = where + ".content[" + i + "]";
            if (block instanceof TextBlock t) {
                text(turn, t.text());
            } else if (block instanceof ImageBlock image) {
                turn.part(image(image, at, vision));
            } else if (block instanceof DocumentBlock document) {
                MediaParts.document(document, at).forEach(turn::part);
            } else if (block instanceof ToolResultBlock result) {
                turn.toolResult(result, at);
            } else if (block instanceof SearchResultBlock result) {
                text(turn, BlockText.searchResult(result));
            } else if (block instanceof ToolReferenceBlock reference) {
                text(turn, BlockText.toolReference(reference));
            } else if (block instanceof ServerToolUseBlock call) {
                text(turn, BlockText.webSearchCall(call));
            } else if (block instanceof WebSearchToolResultBlock results) {
                text(turn, BlockText.webSearchResults(results));
            } else if (block instanceof ThinkingBlock || block instanceof RedactedThinkingBlock) {
                LOG.debug("{}: thinking is not sent upstream", at);
            } else {
                LOG.warn("{}: a {} block cannot be part of a user message; it is left out", at, typeOf(block));
            }
        }
    }

    /** The assistant's text goes to {@code turn.text} as it grows; each call to {@code turn.toolUse} in its place. */
    public static void assistant(List<ContentBlock> blocks, String where, AssistantText text, AssistantTurn turn) {
        for (int i = 0; i < blocks.size(); i++) {
            ContentBlock block = blocks.get(i);
            if (block instanceof TextBlock t && t.text() != null && !t.text().isEmpty()) {
                text.fragment(t.text());
            } else if (block instanceof ToolUseBlock use) {
                turn.text(text);
                turn.toolUse(use);
            } else if (block instanceof ServerToolUseBlock call) {
                text.rendered(BlockText.webSearchCall(call));
            } else if (block instanceof WebSearchToolResultBlock results) {
                text.rendered(BlockText.webSearchResults(results));
            } else if (block instanceof TextBlock) {
                LOG.trace("{}.content[{}]: empty text", where, i);
            } else if (block instanceof ThinkingBlock thinking) {
                turn.thinking(thinking, where);
            } else if (block instanceof RedactedThinkingBlock) {
                LOG.debug("{}: redacted thinking from an earlier turn is not sent upstream", where);
            } else {
                LOG.warn("{}.content[{}]: a {} block cannot be part of an assistant message; it is left out", where,
                        i, typeOf(block));
            }
        }
        turn.text(text);
    }

    public static ToolOutput toolOutput(ToolResultBlock result, String where, boolean vision) {
        StringBuilder text = new StringBuilder();
        List<MediaPart> attachments = new ArrayList<>();
        List<ContentBlock> content = result.content() == null ? List.of() : result.content();
        for (int i = 0; i < content.size(); i++) {
            ContentBlock block = content.get(i);
            String at = where + ".content[" + i + "]";
            if (block instanceof TextBlock t) {
                appendLine(text, t.text());
            } else if (block instanceof ImageBlock image) {
                MediaPart part = image(image, at, vision);
                if (part instanceof MediaPart.Text note) {
                    appendLine(text, note.text());
                } else {
                    attachments.add(part);
                }
            } else if (block instanceof DocumentBlock document) {
                for (MediaPart part : MediaParts.document(document, at)) {
                    if (part instanceof MediaPart.Text textPart) {
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
        return new ToolOutput(text.toString(), List.copyOf(attachments));
    }

    /** The image, or a note saying it was left out when the model cannot see images. */
    private static MediaPart image(ImageBlock image, String where, boolean vision) {
        MediaPart part = MediaParts.image(image, where);
        if (vision) {
            return part;
        }
        LOG.info("{}: the upstream model cannot read images (its profile says vision = false); a note is sent instead",
                where);
        return new MediaPart.Text(IMAGE_LEFT_OUT);
    }

    /** A tool call's arguments as the JSON text both APIs carry. */
    public static String arguments(ToolUseBlock use) {
        return use.input() == null || use.input().isNull() ? "{}" : use.input().toString();
    }

    static void appendLine(StringBuilder text, String line) {
        if (line == null || line.isEmpty()) {
            return;
        }
        if (!text.isEmpty()) {
            text.append('\n');
        }
        text.append(line);
    }

    public static String typeOf(ContentBlock block) {
        return block instanceof UnknownBlock unknown ? unknown.type() : block.getClass().getSimpleName();
    }

    private static void text(UserTurn turn, String text) {
        if (text != null && !text.isEmpty()) {
            turn.part(new MediaPart.Text(text));
        }
    }
}
