package dev.ccproxy.openai.responses;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An output item: {@code message} (role, content), {@code function_call} (call_id, name, arguments),
 * {@code web_search_call} (status, action) or {@code reasoning} (summary). One record for all of them, since the
 * stream hands items over in several steps and other item types only need to be recognised and skipped.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponseItem(
        String type,
        String id,
        String status,
        String role,
        List<Content> content,
        String callId,
        String name,
        String arguments,
        Action action,
        List<Content> summary,
        String encryptedContent) {

    /** {@code output_text} (text, annotations), {@code refusal}, or {@code summary_text}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Content(String type, String text, String refusal, List<Annotation> annotations) {
    }

    /** A {@code url_citation}: the span {@code [start_index, end_index)} of the text cites {@code url}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Annotation(String type, String url, String title, Integer startIndex, Integer endIndex) {
    }

    /** What a web search did: {@code search} (query or queries, and sources when asked for), open_page, find. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Action(String type, String query, List<String> queries, List<Source> sources, String url) {

        /** The query to show: the first of {@code queries}, else the (deprecated) {@code query}. */
        public String firstQuery() {
            if (queries != null && !queries.isEmpty()) {
                return queries.get(0);
            }
            return query;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(String type, String url, JsonNode title) {
    }
}
