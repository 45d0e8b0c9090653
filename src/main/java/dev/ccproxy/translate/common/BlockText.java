package dev.ccproxy.translate.common;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.SearchResultBlock;
import dev.ccproxy.anthropic.ServerToolUseBlock;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.anthropic.ToolReferenceBlock;
import dev.ccproxy.anthropic.WebSearchToolResultBlock;

import java.util.List;

/**
 * Text renderings of blocks an OpenAI-compatible model has no type for: web searches and their results from earlier
 * turns, search results a client supplies, loaded-tool references. Opaque fields ({@code encrypted_content}) are
 * dropped; what a model can use (titles, URLs, text) is kept.
 */
public final class BlockText {

    private BlockText() {
    }

    /** The text blocks joined; other block types are the caller's business. */
    public static String join(List<ContentBlock> blocks, String separator) {
        if (blocks == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (ContentBlock block : blocks) {
            if (block instanceof TextBlock t && t.text() != null && !t.text().isEmpty()) {
                if (!text.isEmpty()) {
                    text.append(separator);
                }
                text.append(t.text());
            }
        }
        return text.toString();
    }

    public static String searchResult(SearchResultBlock result) {
        StringBuilder text = new StringBuilder("Search result");
        if (result.title() != null) {
            text.append(": ").append(result.title());
        }
        if (result.source() != null) {
            text.append("\nSource: ").append(result.source());
        }
        String body = join(result.content(), "\n");
        if (!body.isEmpty()) {
            text.append('\n').append(body);
        }
        return text.toString();
    }

    public static String webSearchCall(ServerToolUseBlock call) {
        JsonNode query = call.input() == null ? null : call.input().get("query");
        String name = call.name() == null ? "server tool" : call.name();
        return query != null && query.isTextual()
                ? "[" + name + ": " + query.textValue() + "]"
                : "[" + name + "]";
    }

    public static String webSearchResults(WebSearchToolResultBlock results) {
        JsonNode content = results.content();
        if (content == null || !content.isArray()) {
            JsonNode code = content == null ? null : content.get("error_code");
            return "[web search failed" + (code != null && code.isTextual() ? ": " + code.textValue() : "") + "]";
        }
        StringBuilder text = new StringBuilder("[web search results]");
        for (JsonNode result : content) {
            String title = result.path("title").asText("");
            String url = result.path("url").asText("");
            if (!url.isEmpty() || !title.isEmpty()) {
                text.append("\n- ").append(title.isEmpty() ? url : title + " (" + url + ")");
            }
        }
        return text.toString();
    }

    public static String toolReference(ToolReferenceBlock reference) {
        return "Tool loaded: " + reference.toolName();
    }
}
