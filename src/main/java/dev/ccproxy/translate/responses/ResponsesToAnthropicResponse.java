package dev.ccproxy.translate.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.ccproxy.anthropic.ContentBlock;
import dev.ccproxy.anthropic.Ids;
import dev.ccproxy.anthropic.MessagesResponse;
import dev.ccproxy.anthropic.TextBlock;
import dev.ccproxy.anthropic.ThinkingBlock;
import dev.ccproxy.anthropic.ToolUseBlock;
import dev.ccproxy.anthropic.WebSearchToolResultBlock;
import dev.ccproxy.error.AnthropicErrorType;
import dev.ccproxy.error.ProxyException;
import dev.ccproxy.openai.responses.ResponseItem;
import dev.ccproxy.openai.responses.ResponsesResponse;
import dev.ccproxy.translate.common.SearchDomains;
import dev.ccproxy.translate.common.StopReasons;
import dev.ccproxy.translate.common.StopSequenceWatch;
import dev.ccproxy.translate.common.ToolArguments;
import dev.ccproxy.translate.common.TranslationContext;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Responses API answer → an Anthropic message (docs/conversion.md, "Responses API answers and web search"), in output
 * order: reasoning summaries as thinking, each web search as {@code server_tool_use} + {@code web_search_tool_result},
 * each {@code output_text} as a text block carrying its citations, each function call as {@code tool_use}.
 */
public final class ResponsesToAnthropicResponse {

    private ResponsesToAnthropicResponse() {
    }

    public static MessagesResponse map(ResponsesResponse response, TranslationContext context) {
        if ("failed".equals(response.status())) {
            String message = response.error() == null ? "no reason given" : response.error().message();
            throw new ProxyException(AnthropicErrorType.API, 502, "The upstream could not answer: " + message, null,
                    null);
        }
        List<ResponseItem> output = response.output() == null ? List.of() : response.output();
        Map<String, String> titles = citationTitles(output);
        List<ContentBlock> content = new ArrayList<>();
        boolean functionCalls = false;
        boolean refused = false;
        int searches = 0;
        for (int i = 0; i < output.size(); i++) {
            ResponseItem item = output.get(i);
            switch (item.type() == null ? "" : item.type()) {
                case "reasoning" -> {
                    // with its encrypted content the item becomes a thinking block even without a summary, so that
                    // it can go back upstream on the next turn (ReasoningSignature)
                    String thinking = summary(item);
                    String signature = ReasoningSignature.of(item.id(), item.encryptedContent());
                    if (!thinking.isEmpty() || signature != null) {
                        content.add(new ThinkingBlock(thinking, signature == null ? "" : signature));
                    }
                }
                case "web_search_call" -> {
                    if (ResponsesToAnthropicWebSearch.isSearch(item)) {
                        searches++;
                        content.add(ResponsesToAnthropicWebSearch.serverToolUse(item));
                        content.add(result(item, titles, output, i, context.searchDomains()));
                    }
                }
                case "message" -> {
                    for (ResponseItem.Content part : item.content() == null ? List.<ResponseItem.Content>of()
                            : item.content()) {
                        if ("output_text".equals(part.type()) && part.text() != null && !part.text().isEmpty()) {
                            content.add(new TextBlock(part.text(), citations(part, context.searchDomains())));
                        } else if ("refusal".equals(part.type()) && part.refusal() != null) {
                            content.add(TextBlock.of(part.refusal()));
                            refused = true;
                        }
                    }
                }
                case "function_call" -> {
                    functionCalls = true;
                    content.add(new ToolUseBlock(item.callId() == null ? Ids.toolUse() : item.callId(),
                            context.toolNames().original(item.name()), ToolArguments.parse(item.arguments())));
                }
                default -> {
                    // other items (tool-search, MCP, …) have no Anthropic counterpart in this branch
                }
            }
        }
        String stopSequence = cutAtStopSequence(content, context.stopSequences());
        if (content.isEmpty()) {
            content.add(TextBlock.of(""));
        }
        return MessagesResponse.of(Ids.message(), context.requestedModel(), content,
                stopSequence != null ? StopReasons.STOP_SEQUENCE
                        : ResponsesToAnthropicStopReason.of(response, functionCalls, refused), stopSequence,
                ResponsesToAnthropicUsage.of(response.usage(), searches))
                .withContextManagement(context.contextManagement());
    }

    /**
     * The Responses API has no stop parameter: the answer is cut before the first of the request's stop sequences in
     * its text, and what came after it is dropped, as if the model had stopped there. Returns the sequence, or null.
     */
    private static String cutAtStopSequence(List<ContentBlock> content, List<String> sequences) {
        for (int i = 0; i < content.size(); i++) {
            if (content.get(i) instanceof TextBlock text && text.text() != null) {
                StopSequenceWatch watch = new StopSequenceWatch(sequences);
                String before = watch.cut(text.text());
                if (watch.matched() != null) {
                    content.subList(i + 1, content.size()).clear();
                    if (before.isEmpty()) {
                        content.remove(i);
                    } else {
                        content.set(i, new TextBlock(before, text.citations()));
                    }
                    return watch.matched();
                }
            }
        }
        return null;
    }

    /** Without sources, the result lists the URLs cited by the messages that follow the search. */
    private static WebSearchToolResultBlock result(ResponseItem call, Map<String, String> titles,
            List<ResponseItem> output, int index, SearchDomains domains) {
        Set<String> cited = new LinkedHashSet<>();
        for (ResponseItem later : output.subList(index + 1, output.size())) {
            if ("web_search_call".equals(later.type())) {
                break;
            }
            citedUrls(later, cited);
        }
        return ResponsesToAnthropicWebSearch.result(call, titles, cited, domains);
    }

    private static JsonNode citations(ResponseItem.Content part, SearchDomains domains) {
        if (part.annotations() == null || part.annotations().isEmpty()) {
            return null;
        }
        ArrayNode citations = JsonNodeFactory.instance.arrayNode();
        for (ResponseItem.Annotation annotation : part.annotations()) {
            if (annotation.url() != null && !domains.permits(annotation.url())) {
                continue;
            }
            JsonNode citation = ResponsesToAnthropicWebSearch.citation(annotation, part.text());
            if (citation != null) {
                citations.add(citation);
            }
        }
        return citations.isEmpty() ? null : citations;
    }

    private static Map<String, String> citationTitles(List<ResponseItem> output) {
        Map<String, String> titles = new HashMap<>();
        for (ResponseItem item : output) {
            for (ResponseItem.Content part : item.content() == null ? List.<ResponseItem.Content>of()
                    : item.content()) {
                if (part.annotations() != null) {
                    for (ResponseItem.Annotation annotation : part.annotations()) {
                        if (annotation.url() != null && annotation.title() != null) {
                            titles.putIfAbsent(annotation.url(), annotation.title());
                        }
                    }
                }
            }
        }
        return titles;
    }

    private static void citedUrls(ResponseItem item, Set<String> urls) {
        for (ResponseItem.Content part : item.content() == null ? List.<ResponseItem.Content>of() : item.content()) {
            if (part.annotations() != null) {
                part.annotations().stream().filter(a -> "url_citation".equals(a.type()) && a.url() != null)
                        .forEach(a -> urls.add(a.url()));
            }
        }
    }

    static String summary(ResponseItem reasoning) {
        StringBuilder text = new StringBuilder();
        for (ResponseItem.Content part : reasoning.summary() == null ? List.<ResponseItem.Content>of()
                : reasoning.summary()) {
            if (part.text() != null && !part.text().isEmpty()) {
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                text.append(part.text());
            }
        }
        return text.toString();
    }
}
