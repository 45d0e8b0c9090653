package dev.ccproxy.openai.responses;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One event of a Responses stream ({@code type} says which); the fields of all the kinds the proxy reads, each set
 * only on its own kinds: {@code response} on lifecycle events, {@code item} on output_item events, {@code delta} on
 * text, argument and summary deltas, {@code annotation} on annotation events, {@code code}/{@code message} on
 * {@code error}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResponsesStreamEvent(
        String type,
        ResponsesResponse response,
        ResponseItem item,
        String itemId,
        Integer outputIndex,
        Integer summaryIndex,
        String delta,
        String arguments,
        ResponseItem.Annotation annotation,
        String code,
        String message) {
}
