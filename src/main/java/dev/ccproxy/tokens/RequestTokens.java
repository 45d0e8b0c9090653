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
import dev.ccproxy.mapping.BlockText;
import dev.ccproxy.mapping.LoadedTools;

import java.nio.charset.StandardCharsets;
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
        int tokens = blocks(request.system());
        for (Message message : request.messages()) {
            tokens += PER_MESSAGE + blocks(message.content());
        }
        return tokens + tools(request);
    }

    /** The tools the model is shown: deferred tools count once loaded, as they take context only then. */
    private int tools(MessagesRequest request) {
        List<Tool> loaded = LoadedTools.of(request);
        if (loaded.isEmpty()) {
            return 0;
        }
        String choice = request.toolChoice() == null ? null : request.toolChoice().type();
        int tokens = "any".equals(choice) || "tool".equals(choice) ? TOOLS_PROMPT_FORCED : TOOLS_PROMPT_AUTO;
        for (Tool tool : loaded) {
            tokens += PER_TOOL + text.count(tool.name()) + text.count(tool.description());
            JsonNode schema = tool.inputSchema();
            if (schema != null && !schema.isNull()) {
                tokens += text.count(schema.toString());
            }
        }
        return tokens;
    }

    private int blocks(List<ContentBlock> blocks) {
        if (blocks == null) {
            return 0;
        }
        int tokens = 0;
        for (ContentBlock block : blocks) {
            tokens += block(block);
        }
        return tokens;
    }

    private int block(ContentBlock block) {
        if (block instanceof TextBlock t) {
            return text.count(t.text());
        }
        if (block instanceof ImageBlock image) {
            return image(image.source());
        }
        if (block instanceof DocumentBlock document) {
            return document(document);
        }
        if (block instanceof ToolUseBlock use) {
            return text.count(use.name()) + (use.input() == null ? 0 : text.count(use.input().toString()));
        }
        if (block instanceof ToolResultBlock result) {
            return blocks(result.content());
        }
        if (block instanceof ServerToolUseBlock call) {
            return text.count(BlockText.webSearchCall(call));
        }
        if (block instanceof WebSearchToolResultBlock results) {
            return text.count(BlockText.webSearchResults(results));
        }
        if (block instanceof SearchResultBlock search) {
            return text.count(BlockText.searchResult(search));
        }
        if (block instanceof ToolReferenceBlock reference) {
            return text.count(BlockText.toolReference(reference));
        }
        return 0; // thinking (not part of the input), and blocks the proxy does not send upstream
    }

    private static int image(MediaSource source) {
        if (source != null && "base64".equals(source.type())) {
            return ImageTokens.ofBase64(source.data());
        }
        return ImageTokens.MAX;
    }

    private int document(DocumentBlock document) {
        MediaSource source = document.source();
        int tokens = text.count(document.title()) + text.count(document.context());
        if (source == null) {
            return tokens;
        }
        return tokens + switch (source.type() == null ? "" : source.type()) {
            case "text" -> text.count(source.data());
            case "content" -> blocks(source.content());
            case "base64" -> PER_PDF_PAGE * pdfPages(source.data());
            default -> PER_PDF_PAGE;
        };
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
