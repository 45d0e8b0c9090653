package dev.ccproxy.tokens;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.DocumentBlock;
import dev.ccproxy.anthropic.ImageBlock;
import dev.ccproxy.anthropic.MediaSource;
import dev.ccproxy.anthropic.Message;
import dev.ccproxy.anthropic.MessagesRequest;
import dev.ccproxy.anthropic.SearchResultBlock;
import dev.ccproxy.anthropic.ServerToolUseBlock;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.anthropic.Tool;
import dev.ccproxy.anthropic.ToolReferenceBlock;
import dev.ccproxy.anthropic.ToolResultBlock;
import dev.ccproxy.anthropic.ToolUseBlock;
import dev.ccproxy.anthropic.WebSearchToolResultBlock;
import dev.ccproxy.translate.common.BlockText;
import dev.ccproxy.translate.common.LoadedTools;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The input tokens of a Messages request, for {@code POST /v1/messages/count_tokens}: every text the model reads
 * (system, messages, tool calls with their input, tool results, earlier searches), an allowance for each image and
 * document page, and the tool definitions with the prompt that introduces them. Earlier thinking is not counted
 * (Anthropic drops it from the input too).
 */
public final class RequestTokens {

    /** Role markers and separators around each message. */
    static final int PER_MESSAGE = 3;
    /** The prompt that introduces tools: Anthropic's published sizes for tool_choice auto/none and any/tool. */
    static final int TOOLS_PROMPT_AUTO = 346;
    static final int TOOLS_PROMPT_FORCED = 313;
    /** Names, descriptions and schema framing per tool. */
    static final int PER_TOOL = 8;
    /** A PDF page: its text and its image, as Anthropic reads both. */
    static final int PER_PDF_PAGE = 2000;
    /** Without a readable page count, one page per this many bytes of PDF. */
    static final int PDF_BYTES_PER_PAGE = 50_000;

    private final TextTokens text;

    public RequestTokens(TextTokens text) {
        this.text = text;
    }

    public int count(MessagesRequest request) {
        Tally tally = new Tally();
        blocks(request.system(), tally);
        for (Message message : request.messages()) {
            tally.add(PER_MESSAGE);
            blocks(message.content(), tally);
        }
        tools(request, tally);
        return tally.fixed + text.countAll(tally.texts);
    }

    /**
     * What a request is made of: fixed allowances, and the texts to count, gathered first so that the ones never
     * seen before can be counted side by side.
     */
    private static final class Tally {
        private final List<String> texts = new ArrayList<>();
        private int fixed;

        void add(int tokens) {
            fixed += tokens;
        }

        void text(String text) {
            if (text != null && !text.isEmpty()) {
                texts.add(text);
            }
        }
    }

    /** The tools the model is shown: deferred tools count once loaded, as they take context only then. */
    private void tools(MessagesRequest request, Tally tally) {
        List<Tool> loaded = LoadedTools.of(request);
        if (loaded.isEmpty()) {
            return;
        }
        String choice = request.toolChoice() == null ? null : request.toolChoice().type();
        tally.add("any".equals(choice) || "tool".equals(choice) ? TOOLS_PROMPT_FORCED : TOOLS_PROMPT_AUTO);
        for (Tool tool : loaded) {
            tally.add(PER_TOOL);
            tally.text(tool.name());
            tally.text(tool.description());
            JsonNode schema = tool.inputSchema();
            if (schema != null && !schema.isNull()) {
                tally.text(schema.toString());
            }
        }
    }

    private void blocks(List<ContentBlock> blocks, Tally tally) {
        if (blocks == null) {
            return;
        }
        for (ContentBlock block : blocks) {
            block(block, tally);
        }
    }

    private void block(ContentBlock block, Tally tally) {
        if (block instanceof TextBlock t) {
            tally.text(t.text());
        } else if (block instanceof ImageBlock image) {
            tally.add(image(image.source()));
        } else if (block instanceof DocumentBlock document) {
            document(document, tally);
        } else if (block instanceof ToolUseBlock use) {
            tally.text(use.name());
            if (use.input() != null) {
                tally.text(use.input().toString());
            }
        } else if (block instanceof ToolResultBlock result) {
            blocks(result.content(), tally);
        } else if (block instanceof ServerToolUseBlock call) {
            tally.text(BlockText.webSearchCall(call));
        } else if (block instanceof WebSearchToolResultBlock results) {
            tally.text(BlockText.webSearchResults(results));
        } else if (block instanceof SearchResultBlock search) {
            tally.text(BlockText.searchResult(search));
        } else if (block instanceof ToolReferenceBlock reference) {
            tally.text(BlockText.toolReference(reference));
        }
        // thinking (not part of the input), and blocks the proxy does not send upstream, count nothing
    }

    private static int image(MediaSource source) {
        if (source != null && "base64".equals(source.type())) {
            return ImageTokens.ofBase64(source.data());
        }
        return ImageTokens.MAX;
    }

    private void document(DocumentBlock document, Tally tally) {
        MediaSource source = document.source();
        tally.text(document.title());
        tally.text(document.context());
        if (source == null) {
            return;
        }
        switch (source.type() == null ? "" : source.type()) {
            case "text" -> tally.text(source.data());
            case "content" -> blocks(source.content(), tally);
            case "base64" -> tally.add(PER_PDF_PAGE * pdfPages(source.data()));
            default -> tally.add(PER_PDF_PAGE);
        }
    }

    /** Page objects in the PDF ({@code /Type /Page}, not {@code /Pages}); a size-based guess when none are visible. */
    static int pdfPages(String base64) {
        if (base64 == null || base64.isEmpty()) {
            return 1;
        }
        byte[] pdf;
        try {
            pdf = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            return 1;
        }
        String latin = new String(pdf, StandardCharsets.ISO_8859_1);
        int pages = 0;
        int at = latin.indexOf("/Type");
        while (at >= 0) {
            int i = at + 5;
            while (i < latin.length() && Character.isWhitespace(latin.charAt(i))) {
                i++;
            }
            if (latin.startsWith("/Page", i) && !latin.startsWith("/Pages", i)) {
                pages++;
            }
            at = latin.indexOf("/Type", i);
        }
        return pages > 0 ? pages : Math.max(1, (pdf.length + PDF_BYTES_PER_PAGE - 1) / PDF_BYTES_PER_PAGE);
    }
}
