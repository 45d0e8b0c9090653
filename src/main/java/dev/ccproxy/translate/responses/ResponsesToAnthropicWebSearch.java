package dev.ccproxy.translate.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ccproxy.anthropic.Ids;
import dev.ccproxy.anthropic.ServerToolUseBlock;
import dev.ccproxy.anthropic.WebSearchToolResultBlock;
import dev.ccproxy.openai.responses.ResponseItem;
import dev.ccproxy.translate.common.SearchDomains;

import java.net.URI;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * OpenAI web searches in Anthropic's shapes (docs/conversion.md, "Responses API answers and web search"): a {@code
 * web_search_call} becomes a {@code server_tool_use} (name {@code web_search}, input {@code {"query": …}}) and a {@code
 * web_search_tool_result} listing what it found; a {@code url_citation} becomes a {@code web_search_result_location}
 * citation. Claude Code counts the result blocks ("Did 1 search") and builds its list of links from them.
 */
public final class ResponsesToAnthropicWebSearch {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private ResponsesToAnthropicWebSearch() {
    }

    /** Searches worth a block pair: actual searches, not page opens or finds within a page. */
    public static boolean isSearch(ResponseItem item) {
        return "web_search_call".equals(item.type())
                && (item.action() == null || item.action().type() == null || "search".equals(item.action().type()));
    }

    /** {@code srvtoolu_} + the call's id (letters and digits only), the same for the stream and the answer. */
    public static String toolUseId(ResponseItem call) {
        String id = call.id() == null ? "" : call.id().replaceAll("[^A-Za-z0-9]", "");
        return id.isEmpty() ? Ids.serverToolUse() : "srvtoolu_" + id;
    }

    public static ObjectNode input(ResponseItem call) {
        ObjectNode input = JSON.objectNode();
        String query = call.action() == null ? null : call.action().firstQuery();
        input.put("query", query == null ? "" : query);
        return input;
    }

    public static ServerToolUseBlock serverToolUse(ResponseItem call) {
        return new ServerToolUseBlock(toolUseId(call), "web_search", input(call));
    }

    /**
     * The call's result block. A failed search is an error result; otherwise the call's sources (asked for with
     * {@code include}), or, when the upstream sent none, {@code fallbackUrls} (the URLs the answer cited).
     */
    public static WebSearchToolResultBlock result(ResponseItem call, Map<String, String> titles,
            Collection<String> fallbackUrls, SearchDomains domains) {
        if ("failed".equals(call.status())) {
            ObjectNode error = JSON.objectNode();
            error.put("type", "web_search_tool_result_error");
            error.put("error_code", "unavailable");
            return new WebSearchToolResultBlock(toolUseId(call), error);
        }
        Set<String> urls = new LinkedHashSet<>();
        if (call.action() != null && call.action().sources() != null) {
            for (ResponseItem.Source source : call.action().sources()) {
                if (source.url() != null) {
                    urls.add(source.url());
                    if (source.title() != null && source.title().isTextual()) {
                        titles.putIfAbsent(source.url(), source.title().textValue());
                    }
                }
            }
        }
        if (urls.isEmpty() && fallbackUrls != null) {
            urls.addAll(fallbackUrls);
        }
        // blocked_domains has no OpenAI counterpart: what the client must not see is left out here
        urls.removeIf(url -> !domains.permits(url));
        ArrayNode results = JSON.arrayNode();
        for (String url : urls) {
            ObjectNode result = results.addObject();
            result.put("type", "web_search_result");
            result.put("url", url);
            result.put("title", titles.getOrDefault(url, host(url)));
            // the encrypted content is Anthropic's own, for replaying a search to Claude; there is none to give
            result.put("encrypted_content", "");
            result.putNull("page_age");
        }
        return new WebSearchToolResultBlock(toolUseId(call), results);
    }

    /** A {@code web_search_result_location} for a {@code url_citation} over {@code text}; null for other kinds. */
    public static JsonNode citation(ResponseItem.Annotation annotation, String text) {
        if (annotation == null || !"url_citation".equals(annotation.type()) || annotation.url() == null) {
            return null;
        }
        ObjectNode citation = JSON.objectNode();
        citation.put("type", "web_search_result_location");
        citation.put("url", annotation.url());
        citation.put("title", annotation.title() == null ? host(annotation.url()) : annotation.title());
        citation.put("cited_text", citedText(annotation, text));
        citation.put("encrypted_index", "");
        return citation;
    }

    /** Whether the text the annotation points into has arrived in full. */
    public static boolean complete(ResponseItem.Annotation annotation, String text) {
        return annotation.endIndex() == null || annotation.endIndex() <= text.length();
    }

    private static String citedText(ResponseItem.Annotation annotation, String text) {
        int start = annotation.startIndex() == null ? 0 : Math.max(0, annotation.startIndex());
        int end = annotation.endIndex() == null ? text.length() : Math.min(text.length(), annotation.endIndex());
        return start < end ? text.substring(start, end) : "";
    }

    static String host(String url) {
        try {
            String host = URI.create(url).getHost();
            return host == null ? url : host;
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}
